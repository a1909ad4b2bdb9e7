"""What every command needs: the effective settings, zone and clock, where its writes go,
and, when the tray app runs it, what the app says about itself."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from app.commands.writes import Writes
from data.store import Store
from tracker import clock
from tracker.errors import FlowtallyError
from tracker.i18n import _, day_name
from tracker.settings import Settings, load_zone
from tracker.timeparse import FUTURE_TOLERANCE, parse_user_time
from tracker.units import clock_time

TYPE_CHECKING = False  # a command in a terminal has no app, and counts no team's days (#27)
if TYPE_CHECKING:
    from app.commands.app_facts import AppFacts
    from tracker.team import Lens


@dataclass
class Context:
    settings: Settings
    zone_name: str
    database: str | None
    out: TextIO
    err: TextIO
    writes: Writes
    app: "AppFacts | None" = None
    """``None`` in the terminal; the running app's facts when it runs the command."""
    now: datetime = field(default_factory=clock.now)

    @property
    def zone(self) -> ZoneInfo:
        return load_zone(self.zone_name)

    @property
    def lens(self) -> "Lens":
        """The settings this person's days are counted with (for a team's report too)."""
        from tracker.team import Lens

        return Lens(self.settings.model, self.zone_name)

    @property
    def store(self) -> Store:
        return self.writes.store

    def time(self, text: str | None) -> datetime:
        """``text`` as typed by the user (``None`` for now); future times are refused."""
        if text is None:
            return self.now
        value = parse_user_time(text, self.zone, self.now)
        if value - self.now > FUTURE_TOLERANCE:
            raise FlowtallyError(_("{0!r} is in the future").format(text))
        return value

    def local(
        self, value: datetime, with_date: bool = False, beside: datetime | None = None
    ) -> str:
        """The time, with its day when it is not the day of ``beside`` (by default now), or,
        ``with_date``, always."""
        local = value.astimezone(self.zone)
        if with_date:
            return f"{day_name(local)} {local:%Y-%m-%d %H:%M}"
        return clock_time(local, (beside or self.now).astimezone(self.zone).date())
