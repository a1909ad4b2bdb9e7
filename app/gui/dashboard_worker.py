"""The dashboard's database work and number crunching, on a thread of its own.

The dashboard reads weeks of history, edits it, and renders exports: none of that may run on
the GUI thread, and none of it should queue behind (or in front of) a hotkey press in the
tray's :class:`app.gui.store_worker.StoreWorker`. So it has its own thread and its own store
connection; SQLite's WAL lets it read while the tray writes.

What it computes and keeps is :class:`app.gui.week_views.WeekViews`. Every edit is a
:class:`tracker.history.Change` kept for undo and redo.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import assert_never

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.collector import set_aside
from app.commands.weeks import week_file
from app.files import write_atomically
from app.gui import dashboard_protocol as msg
from app.gui.dashboard_protocol import DashboardRequest
from app.gui.forecast_answers import learning_answers
from app.gui.week_views import WeekViews
from tracker import history
from tracker.clock import now
from tracker.dashboard import WeekView
from tracker.days import monday_of
from tracker.errors import FlowtallyError
from tracker.history import Change, Part
from tracker.i18n import _
from tracker.model import Block
from tracker.settings import ModelParams
from ui.chart_style import Translate, words
from ui.charts_render import PageSpec, warm_up

log = logging.getLogger(__name__)


class DashboardWorker(QObject):
    requested = Signal(object)
    """A :data:`DashboardRequest` from the GUI thread; handled on the worker's thread."""
    answered = Signal(object)
    """A :data:`DashboardAnswer`, for the GUI thread."""

    def __init__(
        self,
        database: str | None,
        params: ModelParams,
        zone_name: str,
        chart_text: Translate = words,
        sync_url: Callable[[], str | None] = lambda: None,
    ) -> None:
        """``sync_url``: the sync target in force now (a team's database has a Team page)."""
        super().__init__()
        self.weeks = WeekViews(database, params, zone_name)
        self.sync_url = sync_url
        self._team_thread: threading.Thread | None = None
        self.chart_text = chart_text
        """Translates the charts' words (Qt's translate is safe to call from this thread)."""
        self.spec: PageSpec | None = None
        self.monday: date | None = None
        self.view: WeekView | None = None
        self._direction = -1
        """The way the user went (-1: back), in which the next week is computed ahead."""
        self._mark: tuple[int, ...] | None = None
        """The history the kept weeks were computed from (:meth:`Store.history_mark`)."""
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self.requested.connect(self.handle)  # a bound method: run on the worker's thread

    @Slot(object)
    def handle(self, request: DashboardRequest) -> None:
        match request:
            case msg.LoadWeek(day):
                self.load_week(day)
            case msg.Reload(forget):
                self.reload(forget)
            case msg.Edit(block, part, index, field, text):
                self.edit(block, part, index, field, text)
            case msg.AddBlock(start, end, task):
                self.add_block(start, end, task)
            case msg.AddInterruption(block, at, minutes, kind, source, note):
                self.add_interruption(block, at, minutes, kind, source, note)
            case msg.Remove(block, part, index):
                self._apply(
                    lambda: Change(
                        block,
                        history.remove(block, part, index),
                        _("{part} deleted").format(part=_(part.value)),
                    )
                )
            case msg.Undo():
                self._step(self._undo, self._redo, undoing=True)
            case msg.Redo():
                self._step(self._redo, self._undo, undoing=False)
            case msg.Export(path):
                self.export(path)
            case msg.Render(spec):
                self.spec = spec
                self._render_current()
                self._after_drawn()
            case msg.ApplySettings(params, zone_name):
                self.apply_settings(params, zone_name)
            case msg.LoadTeam(monday):
                self.load_team(monday)
            case msg.LoadForecast(path):
                weeks = self.weeks
                for answer in learning_answers(weeks.open(), weeks.params, weeks.zone_name, path):
                    self.answered.emit(answer)
            case _:
                assert_never(request)

    def _fail(self, message: str) -> None:
        self.answered.emit(msg.Failed(message))

    # ---------------------------------------------------------------- reading

    @Slot()
    def close(self) -> None:
        self.weeks.close()

    def load_week(self, monday: date | None) -> None:
        """Load the week of ``monday`` (``None``: this week, in the user's zone), show it
        drawn, complete its trend, then draw the week the user is likely to open next. Each
        of those steps waits behind any request made meanwhile."""
        try:
            if monday is None:
                monday = self.weeks.clock.day_of(now())
            monday = monday_of(monday)
            view = self.weeks.view(monday, quick=not self._on_trend())
        except FlowtallyError as exc:
            self._fail(str(exc))
            return
        self._direction = -1 if self.monday is None or monday <= self.monday else 1
        self.view, self.monday = view, monday
        self.answered.emit(msg.WeekReady(view, self._team()))
        if self.spec is None:  # the page is asked for once laid out: import meanwhile
            warm_up()
            set_aside("matplotlib")
            return
        self._render_current()
        self._after_drawn()

    def _team(self) -> str | None:
        """The team whose database the sync target is, as the last sync found (read here:
        no server is asked before the Team tab is opened)."""
        store = self.weeks.store
        if not self.sync_url() or store is None:
            return None
        return store.sync_team()

    def load_team(self, monday: date) -> None:
        """The team's week, asked of its database on a thread of its own: a server that is
        slow to refuse must not hold up an edit waiting behind it here."""
        url = self.sync_url()
        if not url or (self._team_thread is not None and self._team_thread.is_alive()):
            return

        def ask() -> None:
            from data.team import team_week
            from tracker.team_forecast import shared_windows

            try:
                team, week = team_week(url, monday_of(monday))
                period = self.weeks.params.min_period_min
                week = replace(week, windows=shared_windows(week.cells, period, monday_of(monday)))
            except FlowtallyError as exc:
                self.answered.emit(msg.TeamFailed(str(exc)))
                return
            self.answered.emit(msg.TeamReady(team.name, week))

        self._team_thread = threading.Thread(target=ask, name="team-report", daemon=True)
        self._team_thread.start()

    def reload(self, forget: bool) -> None:
        """The shown week again; every kept week too when ``forget``, or when history changed
        since they were kept (a forwarded ``interrupt --at``, an import, a sync: the cards and
        every chart then show the same, new numbers)."""
        try:
            mark = self.weeks.open().history_mark()
        except FlowtallyError as exc:
            self._fail(str(exc))
            return
        if forget or mark != self._mark:
            self.weeks.forget_everything()
        self._mark = mark
        if self.monday is not None:
            self.load_week(self.monday)

    # ---------------------------------------------------------------- drawing

    def _on_trend(self) -> bool:
        return self.spec is not None and self.spec.page == "trend"

    def _render_current(self) -> None:
        if self.spec is None or self.view is None:
            return
        if self._on_trend():  # the Trend page is never drawn from two weeks
            try:
                self._completed(self.weeks.complete(self.view, all_at_once=True))
            except FlowtallyError as exc:
                self._fail(str(exc))
                return
        self.answered.emit(msg.Rendered(self.weeks.picture(self.view, self.spec, self.chart_text)))

    def _completed(self, view: WeekView | None) -> bool:
        """Show the shown week's trend once it is whole; whether it is."""
        if view is None:
            return False
        if view is not self.view:
            self.view = view
            self.answered.emit(msg.TrendReady(view))
        return True

    def _after_drawn(self) -> None:
        if self.monday is not None:
            QTimer.singleShot(0, partial(self._complete, self.monday))

    def _complete(self, shown: date) -> None:
        """Complete the shown week's trend a few weeks at a time, then draw ahead; given up
        once the user has moved on."""
        if shown != self.monday or self.view is None:
            return
        try:
            whole = self._completed(self.weeks.complete(self.view))
        except FlowtallyError as exc:
            self._fail(str(exc))
            return
        if whole:
            QTimer.singleShot(0, partial(self._prefetch, shown, self._direction))
        else:
            QTimer.singleShot(0, partial(self._complete, shown))

    def _prefetch(self, shown: date, step: int) -> None:
        """Compute the neighbouring week in the direction the user went, and draw it after
        any request made meanwhile. Not at all once the user has moved on."""
        if shown != self.monday:
            return
        try:
            view = self.weeks.ahead(shown + timedelta(weeks=step))
        except FlowtallyError:
            return  # a failure shows when the week is really asked for
        if view is not None:
            QTimer.singleShot(0, partial(self._draw_ahead, shown, view))

    def _draw_ahead(self, shown: date, view: WeekView) -> None:
        if shown == self.monday and self.spec is not None:
            self.weeks.picture(view, self.spec, self.chart_text)

    # ---------------------------------------------------------------- editing

    def _apply(self, make: Callable[[], Change]) -> None:
        """Make a change from what the user typed, store it, and remember it for undo."""
        try:
            change = make()
            stored = self._store_change(change)
        except FlowtallyError as exc:
            self._fail(str(exc))
            return
        kept = Change(change.before, stored, change.label)
        self._undo.append(kept)
        self._redo.clear()
        self._after_change(change.label, kept)

    def _store_change(self, change: Change) -> Block | None:
        stored = self.weeks.open().change(change.before, change.after)
        self.weeks.forget_weeks_of(change.before, change.after)
        return stored

    def _after_change(self, message: str, change: Change, undone: bool = False) -> None:
        focus = (change.after, *change.touched()) if change.after is not None else None
        self.answered.emit(msg.Changed(message, focus, undone))
        undo, redo = self._undo, self._redo
        self.answered.emit(
            msg.HistoryChanged(undo[-1].label if undo else "", redo[-1].label if redo else "")
        )
        if self.monday is not None:
            self.load_week(self.monday)

    def edit(self, block: Block, part: Part, index: int, field: str, text: str) -> None:
        def make() -> Change:
            zone = self.weeks.clock.zone
            after = history.edit_field(block, part, index, field, text, zone, now())
            label = _("{part} {field} changed").format(part=_(part.value), field=_(field))
            return Change(block, after, label)

        self._apply(make)

    def add_block(self, start: str, end: str, task: str) -> None:
        def make() -> Change:
            after = history.new_block(start, end, task, self.weeks.clock.zone, now())
            return Change(None, after, _("block added"))

        self._apply(make)

    def add_interruption(
        self, block: Block, at: str, minutes: str, kind: str, source: str, note: str
    ) -> None:
        def make() -> Change:
            zone = self.weeks.clock.zone
            after = history.add_interruption(block, at, minutes, kind, source, note, zone, now())
            return Change(block, after, _("interruption added"))

        self._apply(make)

    def _step(self, source: list[Change], target: list[Change], undoing: bool) -> None:
        """Apply the inverse of the last change on ``source`` and keep, on ``target``, the way
        back from the stored result (its block has a new id when a deleted block came back)."""
        if not source:
            return
        change = source[-1].inverse()
        try:
            stored = self._store_change(change)
        except FlowtallyError as exc:
            refused = _("cannot undo: {problem}") if undoing else _("cannot redo: {problem}")
            self._fail(refused.format(problem=exc))
            return
        source.pop()
        # Kept so that its inverse leads back from what is stored now.
        kept = Change(change.before, stored, change.label)
        target.append(kept)
        done = _("{what}: undone") if undoing else _("{what}: redone")
        self._after_change(done.format(what=change.label), kept, undone=undoing)

    # ---------------------------------------------------------------- export

    def export(self, path: str) -> None:
        target = Path(path)
        view = self.view
        try:
            if view is None:
                raise FlowtallyError(_("no week is loaded yet"))
            write_atomically(target, week_file(view, target, self.weeks.params, now()))
        except FlowtallyError as exc:
            self._fail(str(exc))
            return
        exported = _("Exported {week} to {path}").format(week=view.report.week, path=target)
        self.answered.emit(msg.Exported(exported))

    def apply_settings(self, params: ModelParams, zone_name: str) -> None:
        self.weeks.apply_settings(params, zone_name)
        if self.monday is not None:
            self.load_week(self.monday)
