"""What the dashboard window asks of its worker, and what the worker answers: typed messages,
one signal each way, dispatched with ``match`` and ``assert_never`` (see
:mod:`app.gui.store_protocol`)."""

from dataclasses import dataclass
from datetime import date

from tracker.dashboard import WeekView
from tracker.forecast import Forecast
from tracker.history import Part
from tracker.model import Block
from tracker.settings import ModelParams
from tracker.team import TeamWeek
from ui.charts_render import PageSpec, RenderedPage


@dataclass(frozen=True, slots=True)
class LoadTeam:
    monday: date


@dataclass(frozen=True, slots=True)
class LoadForecast:
    path: str | None = None
    """Where to write the windows as calendar events (``None``: show them)."""


@dataclass(frozen=True, slots=True)
class LoadWeek:
    day: date | None
    """A day of the week to show; ``None``: this week."""


@dataclass(frozen=True, slots=True)
class Reload:
    forget: bool
    """Forget the cached weeks too (something changed them)."""


@dataclass(frozen=True, slots=True)
class Edit:
    block: Block
    part: Part
    index: int
    field: str
    text: str


@dataclass(frozen=True, slots=True)
class AddBlock:
    start: str
    end: str
    task: str


@dataclass(frozen=True, slots=True)
class AddInterruption:
    block: Block
    at: str
    minutes: str
    kind: str
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class Remove:
    block: Block
    part: Part
    index: int


@dataclass(frozen=True, slots=True)
class Undo:
    pass


@dataclass(frozen=True, slots=True)
class Redo:
    pass


@dataclass(frozen=True, slots=True)
class Export:
    path: str
    """The file; its suffix says the format."""


@dataclass(frozen=True, slots=True)
class Render:
    spec: PageSpec
    """The page the window shows, at its size and palette."""


@dataclass(frozen=True, slots=True)
class ApplySettings:
    params: ModelParams
    zone_name: str


DashboardRequest = (
    LoadWeek
    | Reload
    | Edit
    | AddBlock
    | AddInterruption
    | Remove
    | Undo
    | Redo
    | Export
    | Render
    | ApplySettings
    | LoadTeam
    | LoadForecast
)


@dataclass(frozen=True, slots=True)
class WeekReady:
    view: WeekView
    team: str | None = None
    """The team, when the sync target is a team's database (the Team tab is offered)."""


@dataclass(frozen=True, slots=True)
class TrendReady:
    """The shown week's view again, with the whole trend: a far week is first shown from
    itself and the week before."""

    view: WeekView


@dataclass(frozen=True, slots=True)
class TeamReady:
    team: str
    week: TeamWeek


@dataclass(frozen=True, slots=True)
class ForecastReady:
    forecast: Forecast
    period_min: float


@dataclass(frozen=True, slots=True)
class CheckInsReady:
    """The check-ins tab: every answer by its stretch's age, the mean of each band of age,
    the thresholds in force, and what calibration proposes (as ``flowtally calibrate``)."""

    points: tuple[tuple[float, int], ...]
    means: tuple[tuple[float, float, float], ...]
    thresholds: tuple[float, float]
    skipped: int
    calibration: str


@dataclass(frozen=True, slots=True)
class TeamFailed:
    message: str


@dataclass(frozen=True, slots=True)
class Rendered:
    page: RenderedPage


@dataclass(frozen=True, slots=True)
class Failed:
    message: str


@dataclass(frozen=True, slots=True)
class Changed:
    """An edit, undo or redo was stored: what was done, and the record to point at."""

    message: str
    focus: tuple[Block, Part, int] | None = None
    """The stored block and the part of it the change made or altered (None: deleted)."""
    undone: bool = False
    """An undo: what can take it back is redo."""


@dataclass(frozen=True, slots=True)
class HistoryChanged:
    undo: str
    redo: str
    """The labels of what Undo and Redo would do ("" when nothing)."""


@dataclass(frozen=True, slots=True)
class Exported:
    message: str


DashboardAnswer = (
    WeekReady
    | TrendReady
    | Rendered
    | Failed
    | Changed
    | HistoryChanged
    | Exported
    | TeamReady
    | TeamFailed
    | ForecastReady
    | CheckInsReady
)
