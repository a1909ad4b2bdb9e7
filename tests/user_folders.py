"""The user folders a test app runs with."""

from pathlib import Path


def returning_user(state: Path) -> None:
    """Mark the first-run window as seen: every app a test starts is a returning user's
    unless the test removes the mark (the window would take the keyboard focus)."""
    mark = state / "flowtally" / "welcomed"
    mark.parent.mkdir(parents=True, exist_ok=True)
    mark.touch()
