"""The one version number: pyproject's, read from the installed (or bundled) metadata."""

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    """Looked up on demand, not at import: package metadata costs ~50 ms per start."""
    try:
        return version("flowtally")
    except PackageNotFoundError:
        return "unknown"
