"""The tray app: its wiring, its worker threads and its input services."""
