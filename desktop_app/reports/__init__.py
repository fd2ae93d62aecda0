"""Reports and exports built from stored audits (reportlab PDF, CSV, JSON); no Qt."""
