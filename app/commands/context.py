"""What every command needs: the effective settings, zone, clock and (lazily) the store."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from app import clock
from app.config import effective_database, effective_zone, load_settings
from data.store import Store
from tracker.errors import FlowtallyError
from tracker.i18n import _, day_name
from tracker.model import Block, Interruption, Pressed
from tracker.settings import Settings, load_zone
from tracker.team import Lens
from tracker.timeparse import FUTURE_TOLERANCE, parse_user_time


@dataclass
class Context:
    settings: Settings
    zone_name: str
    database: str | None
    out: TextIO
    err: TextIO
    now: datetime = field(default_factory=clock.now)
    _store: Store | None = None
    _lent: Callable[[], Store] | None = None
    app_info: dict[str, object] | None = None
    """Set when the tray app runs the command: what it says about itself."""
    keep: Callable[[Interruption], None] | None = None
    """Set by the tray app: keeps an interruption the database cannot take now (durably, in
    its journal) to be stored as soon as it can."""
    press: Callable[[Interruption], Pressed | None] | None = None
    """Set by the tray app: a press as its hotkey makes one (the popup shows; ``None`` when it
    is kept in the journal because the database cannot take it now)."""
    back: Callable[[datetime], Block | None] | None = None
    """Set by the tray app: "I'm back" as its popup says it (``None`` when it is kept in the
    journal)."""

    @classmethod
    def create(
        cls,
        db_option: str | None,
        tz_option: str | None,
        out: TextIO,
        err: TextIO,
        lent: Callable[[], Store] | None = None,
        settings: Settings | None = None,
    ) -> "Context":
        """The context of one command. ``lent`` gives the running app's store (or raises why
        there is none): the command then uses it, leaves it open, and never opens its own.
        ``settings``: already read by the caller (otherwise read here)."""
        if settings is None:
            settings = load_settings()
        return cls(
            settings=settings,
            zone_name=effective_zone(tz_option, settings),
            database=effective_database(db_option, settings),
            out=out,
            err=err,
            _lent=lent,
        )

    @property
    def zone(self) -> ZoneInfo:
        return load_zone(self.zone_name)

    @property
    def lens(self) -> Lens:
        """The settings this person's days are counted with (for a team's report too)."""
        return Lens(self.settings.model, self.zone_name)

    @property
    def store(self) -> Store:
        if self._lent is not None:
            return self._lent()
        if self._store is None:
            self._store = Store.open(self.database)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None

    def time(self, text: str | None) -> datetime:
        """``text`` as typed by the user (``None`` for now); future times are refused."""
        if text is None:
            return self.now
        value = parse_user_time(text, self.zone, self.now)
        if value - self.now > FUTURE_TOLERANCE:
            raise FlowtallyError(_("{0!r} is in the future").format(text))
        return value

    def local(self, value: datetime, with_date: bool = False) -> str:
        local = value.astimezone(self.zone)
        return f"{day_name(local)} {local:%Y-%m-%d %H:%M}" if with_date else f"{local:%H:%M}"
