"""Policy Auditor: audit privacy policies against jurisdiction checklists."""

__version__ = "0.1.0"
APP_NAME = "Policy Auditor"
