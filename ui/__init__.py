"""Qt widgets: the tray icon and menu, the quick-log popup, the dashboard and dialogs.

Widgets hold no business logic: they receive plain ``tracker`` objects from ``app`` and emit
signals back. Never imports ``data`` (the database) or pynput; matplotlib only lazily.
"""
