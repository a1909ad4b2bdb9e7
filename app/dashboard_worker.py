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
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from app.files import write_atomically
from app.reports import TREND_WEEKS
from app.transfer import EXPORT_FORMATS, export_content
from data.store import Store
from tracker import history
from tracker.dashboard import WeekView, week_view
from tracker.days import DayClock, monday_of
from tracker.errors import FlowtallyError
from tracker.history import Change, Part
from tracker.model import Block
from tracker.report import WeekReport, week_bounds, week_reports
from tracker.settings import ModelParams, load_zone

log = logging.getLogger(__name__)
CHART_FORMATS = ("png", "pdf", "html")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class DashboardWorker(QObject):
    week_ready = Signal(object)  # WeekView
    failed = Signal(str)
    changed = Signal(str)  # what was done, after an edit, undo or redo
    history_changed = Signal(str, str)  # the undo and redo labels ("" when there is none)
    exported = Signal(str)

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
    settings_changed = Signal(object, str)  # ModelParams, zone name
    close_requested = Signal()

    def __init__(self, database: str | None, params: ModelParams, zone_name: str) -> None:
        super().__init__()
        self.database = database
        self.params = params
        self.zone_name = zone_name
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
        """Load the week of ``monday``; ``None`` is this week (in the user's zone)."""
        try:
            if monday is None:
                monday = DayClock(load_zone(self.zone_name)).day_of(now())
            self.view = self._view(monday_of(monday))
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return
        self.monday = self.view.report.days[0][0]
        self.week_ready.emit(self.view)

    @Slot(bool)
    def reload(self, forget: bool) -> None:
        if forget:
            self._cache.clear()
        if self.monday is not None:
            self.load_week(self.monday)

    def _view(self, monday: date) -> WeekView:
        store = self._open()
        at = now()
        running = store.running()
        first = monday - timedelta(weeks=TREND_WEEKS - 1)
        mondays = [first + timedelta(weeks=i) for i in range(TREND_WEEKS)]
        missing = [m for m in mondays if m not in self._cache]
        fresh: dict[date, WeekReport] = {}
        # The week shown is always read again: the history table lists its blocks.
        low = missing[0] if missing else monday
        weeks = (monday - low).days // 7 + 1
        start, end = week_bounds(low, self.zone_name, weeks)
        blocks = store.blocks_between(start, end)
        for report in week_reports(blocks, self.params, self.zone_name, low, weeks, at):
            week_monday = report.days[0][0]
            fresh[week_monday] = report
            if self._settled(week_monday, at, running):
                self._cache[week_monday] = report
        trend = [fresh.get(m) or self._cache[m] for m in mondays]
        return week_view(blocks, trend, self.params, self.zone_name, monday, at)

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
        self._cache.clear()
        if self.monday is not None:
            self.load_week(self.monday)
