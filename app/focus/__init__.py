"""Protecting focus: quiet notifications, the status others read, and the user's hooks."""
