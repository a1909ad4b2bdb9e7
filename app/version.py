"""Who this app is to the system: its one version number (pyproject's, read from the
installed or bundled metadata) and its desktop id (the desktop entry's and icon's name)."""

APP_ID = "io.github.flowtally.Flowtally"


def app_version() -> str:
    """Looked up on demand, not at import: package metadata costs ~50 ms per start (and
    ``app.gui.main`` imports this module for the id)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("flowtally")
    except PackageNotFoundError:
        return "unknown"
