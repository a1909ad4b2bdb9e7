"""The composition root: the CLI, settings, and (with the tray) the services that wire
``data`` and ``ui`` together."""
