"""The dashboard's database work and number crunching, on a thread of its own.

The dashboard reads weeks of history, edits it, and renders exports: none of that may run on
the GUI thread, and none of it should queue behind (or in front of) a hotkey press in the
tray's :class:`app.store_worker.StoreWorker`. So it has its own thread and its own store
connection; SQLite's WAL lets it read while the tray writes.

Week reports of weeks that can no longer change (over, and not touched by a running block)
are cached, so stepping through weeks computes one new week instead of twelve. An edit drops
the weeks it touches. Every edit is a :class:`tracker.history.Change` kept for undo and redo.
"""

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.commands.reports import TREND_WEEKS
from app.commands.transfer import EXPORT_FORMATS, export_content
from app.files import write_atomically
from data.store import Store
from tracker import history
from tracker.dashboard import WeekView, week_view
from tracker.days import DayClock, monday_of
from tracker.errors import FlowtallyError
from tracker.history import Change, Part
from tracker.model import Block
from tracker.report import WeekReport, week_bounds, week_reports
from tracker.settings import ModelParams, load_zone
from ui.charts import Translate, identity
from ui.charts_render import PageSpec, RenderedPage, render_page

log = logging.getLogger(__name__)
CHART_FORMATS = ("png", "pdf", "html")
KEPT_VIEWS = 8
KEPT_PICTURES = 6


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class DashboardWorker(QObject):
    week_ready = Signal(object)  # WeekView
    failed = Signal(str)
    changed = Signal(str)  # what was done, after an edit, undo or redo
    history_changed = Signal(str, str)  # the undo and redo labels ("" when there is none)
    exported = Signal(str)
    page_rendered = Signal(object)  # RenderedPage

    # Requests: emitted from the GUI thread, run on the worker's thread.
    week_requested = Signal(object)  # the Monday of the week; None: this week
    reload_requested = Signal(bool)  # True: forget cached weeks too
    edit_requested = Signal(object, str, int, str, str)  # block, part, index, field, text
    block_add_requested = Signal(str, str, str)  # start, end, task
    interruption_add_requested = Signal(object, str, str, str, str, str)
    remove_requested = Signal(object, str, int)  # block, part, index
    undo_requested = Signal()
    redo_requested = Signal()
    export_requested = Signal(str)  # the file; its suffix says the format
    render_requested = Signal(object)  # PageSpec: the page the window shows, at its size
    settings_changed = Signal(object, str)  # ModelParams, zone name
    close_requested = Signal()

    def __init__(
        self,
        database: str | None,
        params: ModelParams,
        zone_name: str,
        chart_text: Translate = identity,
    ) -> None:
        super().__init__()
        self.database = database
        self.params = params
        self.zone_name = zone_name
        self.chart_text = chart_text
        """Translates the charts' words (Qt's translate is safe to call from this thread)."""
        self.spec: PageSpec | None = None
        self._views: dict[date, WeekView] = {}
        """Views of settled weeks computed ahead of time (the week the user will open next)."""
        self._pictures: dict[tuple[date, PageSpec], RenderedPage] = {}
        self.store: Store | None = None
        self.monday: date | None = None
        self.view: WeekView | None = None
        self._cache: dict[date, WeekReport] = {}
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        # Bound methods, never lambdas: Qt runs a lambda on the emitting (GUI) thread.
        self.week_requested.connect(self.load_week)
        self.reload_requested.connect(self.reload)
        self.edit_requested.connect(self.edit)
        self.block_add_requested.connect(self.add_block)
        self.interruption_add_requested.connect(self.add_interruption)
        self.remove_requested.connect(self.remove)
        self.undo_requested.connect(self.undo)
        self.redo_requested.connect(self.redo)
        self.export_requested.connect(self.export)
        self.settings_changed.connect(self.apply_settings)
        self.render_requested.connect(self.render)
        self.close_requested.connect(self.close)

    # ---------------------------------------------------------------- reading

    def _open(self) -> Store:
        if self.store is None:
            self.store = Store.open(self.database)
        return self.store

    @Slot()
    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    @Slot(object)
    def load_week(self, monday: date | None) -> None:
        """Load the week of ``monday`` (``None``: this week, in the user's zone), show it
        drawn, then draw the week the user is likely to open next."""
        try:
            if monday is None:
                monday = DayClock(load_zone(self.zone_name)).day_of(now())
            monday = monday_of(monday)
            view = self._views.get(monday) or self._view(monday)
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return
        step = -1 if self.monday is None or monday <= self.monday else 1
        self.view, self.monday = view, monday
        self.week_ready.emit(view)
        self._render_current()
        QTimer.singleShot(0, partial(self._prefetch, monday, step))

    @Slot(bool)
    def reload(self, forget: bool) -> None:
        if forget:
            self._forget_everything()
        if self.monday is not None:
            self.load_week(self.monday)

    def _forget_everything(self) -> None:
        self._cache.clear()
        self._views.clear()
        self._pictures.clear()

    # ---------------------------------------------------------------- drawing

    @Slot(object)
    def render(self, spec: PageSpec) -> None:
        """The window shows another page, or a new size or palette: draw the week for it."""
        self.spec = spec
        self._render_current()

    def _render_current(self) -> None:
        if self.spec is not None and self.view is not None:
            self.page_rendered.emit(self._picture(self.view, self.spec))

    def _picture(self, view: WeekView, spec: PageSpec) -> RenderedPage:
        key = (view.report.days[0][0], spec)
        picture = self._pictures.get(key)
        if picture is None or picture.view is not view:
            picture = render_page(view, spec, self.chart_text)
            self._pictures[key] = picture
            while len(self._pictures) > KEPT_PICTURES:
                del self._pictures[next(iter(self._pictures))]
        return picture

    def _prefetch(self, shown: date, step: int) -> None:
        """Compute and draw the neighbouring week in the direction the user went. Runs after
        any request already waiting, and not at all once the user has moved on."""
        if shown != self.monday or self.store is None:
            return
        target = shown + timedelta(weeks=step)
        try:
            at, running = now(), self.store.running()
            if not self._settled(target, at, running):
                return
            view = self._views.get(target) or self._view(target)
        except FlowtallyError:
            return  # a failure shows when the week is really asked for
        self._views[target] = view
        while len(self._views) > KEPT_VIEWS:
            del self._views[next(iter(self._views))]
        if self.spec is not None:
            self._picture(view, self.spec)

    def _view(self, monday: date) -> WeekView:
        store = self._open()
        at = now()
        running = store.running()
        first = monday - timedelta(weeks=TREND_WEEKS - 1)
        mondays = [first + timedelta(weeks=i) for i in range(TREND_WEEKS)]
        fresh: dict[date, WeekReport] = {}
        week_blocks: list[Block] | None = None
        # Only the weeks not cached are computed, a run of consecutive weeks at a time:
        # stepping one week back or forward computes one week.
        for run in _runs([m for m in mondays if m not in self._cache]):
            blocks = store.blocks_between(*week_bounds(run[0], self.zone_name, len(run)))
            for report in week_reports(blocks, self.params, self.zone_name, run[0], len(run), at):
                week_monday = report.days[0][0]
                fresh[week_monday] = report
                if self._settled(week_monday, at, running):
                    self._cache[week_monday] = report
            if monday in run:
                week_blocks = blocks
        if week_blocks is None:  # the week shown was cached: its blocks are read again
            week_blocks = store.blocks_between(*week_bounds(monday, self.zone_name))
        trend = [fresh.get(m) or self._cache[m] for m in mondays]
        return week_view(week_blocks, trend, self.params, self.zone_name, monday, at)

    def _settled(self, monday: date, at: datetime, running: Block | None) -> bool:
        """A week that is over and not reached by a running block cannot change by itself."""
        week_end = week_bounds(monday, self.zone_name)[1]
        return week_end <= at and (running is None or running.start >= week_end)

    def _forget_weeks_of(self, *blocks: Block | None) -> None:
        clock = DayClock(load_zone(self.zone_name))
        at = now()
        for block in blocks:
            if block is None:
                continue
            monday = monday_of(clock.day_of(block.start))
            last = monday_of(clock.day_of(block.end or at))
            while monday <= last:
                self._cache.pop(monday, None)
                monday += timedelta(weeks=1)

    # ---------------------------------------------------------------- editing

    def _apply(self, make: Callable[[], Change]) -> None:
        """Make a change from what the user typed, store it, and remember it for undo."""
        try:
            change = make()
            stored = self._store_change(change)
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return
        self._undo.append(Change(change.before, stored, change.label))
        self._redo.clear()
        self._after_change(change.label)

    def _store_change(self, change: Change) -> Block | None:
        stored = self._open().change(change.before, change.after)
        self._forget_weeks_of(change.before, change.after)
        self._views.clear()
        self._pictures.clear()
        return stored

    def _after_change(self, message: str) -> None:
        self.changed.emit(message)
        self.history_changed.emit(
            self._undo[-1].label if self._undo else "", self._redo[-1].label if self._redo else ""
        )
        if self.monday is not None:
            self.load_week(self.monday)

    @Slot(object, str, int, str, str)
    def edit(self, block: Block, part: str, index: int, field: str, text: str) -> None:
        def make() -> Change:
            after = history.edit_field(
                block, Part(part), index, field, text, load_zone(self.zone_name), now()
            )
            return Change(block, after, f"edit {part} {field}")

        self._apply(make)

    @Slot(str, str, str)
    def add_block(self, start: str, end: str, task: str) -> None:
        def make() -> Change:
            after = history.new_block(start, end, task, load_zone(self.zone_name), now())
            return Change(None, after, "add block")

        self._apply(make)

    @Slot(object, str, str, str, str, str)
    def add_interruption(
        self, block: Block, at: str, minutes: str, kind: str, source: str, note: str
    ) -> None:
        def make() -> Change:
            zone = load_zone(self.zone_name)
            after = history.add_interruption(block, at, minutes, kind, source, note, zone, now())
            return Change(block, after, "add interruption")

        self._apply(make)

    @Slot(object, str, int)
    def remove(self, block: Block, part: str, index: int) -> None:
        def make() -> Change:
            return Change(block, history.remove(block, Part(part), index), f"delete {part}")

        self._apply(make)

    @Slot()
    def undo(self) -> None:
        self._step(self._undo, self._redo, "undone")

    @Slot()
    def redo(self) -> None:
        self._step(self._redo, self._undo, "redone")

    def _step(self, source: list[Change], target: list[Change], verb: str) -> None:
        """Apply the inverse of the last change on ``source`` and keep, on ``target``, the way
        back from the stored result (its block has a new id when a deleted block came back)."""
        if not source:
            return
        change = source[-1].inverse()
        try:
            stored = self._store_change(change)
        except FlowtallyError as exc:
            self.failed.emit(f"cannot undo: {exc}" if verb == "undone" else f"cannot redo: {exc}")
            return
        source.pop()
        # Kept so that its inverse leads back from what is stored now.
        target.append(Change(change.before, stored, change.label))
        self._after_change(f"{change.label}: {verb}")

    # ---------------------------------------------------------------- export

    @Slot(str)
    def export(self, path: str) -> None:
        target = Path(path)
        fmt = target.suffix.lower().lstrip(".")
        view = self.view
        try:
            if view is None:
                raise FlowtallyError("no week is loaded yet")
            if fmt in CHART_FORMATS:
                from ui.charts_export import render_report

                content: str | bytes = render_report(view, fmt)
            elif fmt in EXPORT_FORMATS:
                content = export_content(view.blocks, fmt, self.params, now())
            else:
                raise FlowtallyError(
                    f"cannot tell the format from {target.name!r}; use .png, .pdf, .html, "
                    ".csv, .json or .ics"
                )
            write_atomically(target, content)
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return
        self.exported.emit(f"Exported {view.report.week} to {target}")

    @Slot(object, str)
    def apply_settings(self, params: ModelParams, zone_name: str) -> None:
        self.params, self.zone_name = params, zone_name
        self._forget_everything()
        if self.monday is not None:
            self.load_week(self.monday)


def _runs(mondays: list[date]) -> list[list[date]]:
    """Sorted Mondays grouped into runs of consecutive weeks."""
    runs: list[list[date]] = []
    for monday in mondays:
        if runs and monday - runs[-1][-1] == timedelta(weeks=1):
            runs[-1].append(monday)
        else:
            runs.append([monday])
    return runs
