"""The main window's panels: library, policy viewer, checklist, item detail, defects, compare."""
