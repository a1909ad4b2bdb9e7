"""Store failures, phrased for the user."""

from tracker.errors import FlowtallyError


class StoreError(FlowtallyError):
    """The database cannot be used as it is (locked, damaged, unreachable, too new)."""
