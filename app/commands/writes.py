"""Where a command's logged moments go: one interface, with the terminal's implementation.

A press, an "I'm back" and a timed interruption are the moments a person logs. In the
terminal they go straight to the store, and a database that cannot take them is an error
the person sees. In the running app they go to its durable writer
(:class:`app.gui.durable_writer.DurableWriter`), which keeps them in its journal first when
the database cannot take them, and says so with a :class:`Waiting`. The handlers take
either without knowing which (:mod:`app.commands.moments`).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from data.store import Store
from tracker.model import Block, Interruption, Pressed


@dataclass(frozen=True, slots=True)
class Waiting:
    """Kept in the journal, to be saved as soon as the database can be used."""

    reason: str


class Writes(Protocol):
    @property
    def store(self) -> Store:
        """The open store, or a :class:`data.errors.StoreError` saying why there is none."""
        ...

    def press(self, interruption: Interruption) -> Pressed | Waiting:
        """A press, going on until "I'm back" (a refusal raises)."""
        ...

    def back(self, at: datetime, zone_name: str) -> Block | Waiting:
        """ "I'm back": the interruption going on ends at ``at`` (a refusal raises)."""
        ...

    def interrupt(self, interruption: Interruption) -> Interruption | Waiting:
        """A timed interruption, in whichever block holds it (a refusal raises)."""
        ...


class StoreWrites:
    """The terminal's: the store is opened when first asked for, and closed at the end."""

    def __init__(self, database: str | None) -> None:
        self._database = database
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self._database)
        return self._store

    def press(self, interruption: Interruption) -> Pressed:
        return self.store.press(interruption)

    def back(self, at: datetime, zone_name: str) -> Block:
        return self.store.back(at)

    def interrupt(self, interruption: Interruption) -> Interruption:
        return self.store.interrupt(interruption)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None
