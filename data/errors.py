"""Store failures, phrased for the user."""

from tracker.errors import FlowtallyError


class StoreError(FlowtallyError):
    """The database cannot be used as it is (locked, damaged, unreachable, too new)."""


class DatabaseBusy(StoreError):
    """Another program holds the write lock: the same write may well succeed in a moment."""

    def __init__(self, waited_s: float) -> None:
        self.waited_s = waited_s
        super().__init__(
            f"the database is locked by another program (waited {waited_s:g} s); nothing was "
            "changed, try again"
        )
