"""The dashboard's weeks as computed and kept by its worker: what makes a switch of week fast.

Three things are kept. Reports of weeks that can no longer change (over, and not reached by a
running block), so stepping through weeks computes one new week instead of twelve; whole views
computed ahead (the week the user will open next); and pages drawn ahead. An edit drops the
weeks it touches.

A far week would wait for twelve weeks of reports before anything is shown, though only the
Trend page shows more than the week and the one before. So a week whose trend is mostly
uncomputed is shown from those two first (:meth:`WeekViews.view` with ``quick``), and its
trend is completed right after, a few weeks at a time (:meth:`WeekViews.complete`), so that a
click waits for a few weeks, not ten.
"""

from dataclasses import replace
from datetime import date, datetime, timedelta

from app.commands.weeks import TREND_WEEKS, computed_weeks, is_settled, load_view, trend_mondays
from data.store import Store
from tracker.clock import now
from tracker.dashboard import WeekView
from tracker.days import DayClock, monday_of
from tracker.model import Block
from tracker.report import WeekReport
from tracker.settings import ModelParams, load_zone
from ui.chart_style import Translate
from ui.charts_render import PageSpec, RenderedPage, render_page

KEPT_VIEWS = 4
KEPT_PICTURES = 3
"""Few: a drawn page holds 8,500 objects and a view 4,000, and every full garbage collection
walks them with the GUI thread stopped (8 views and 6 pages made its worst lag 68 to 144 ms,
4 and 3 make it 85 to 97 ms, ``bench_dashboard``). The next week is drawn ahead all the same."""
QUICK_WEEKS = 2
"""The weeks every page but the Trend shows: the week and the one it is compared with."""
FILL_WEEKS = 2
"""How many weeks of a trend :meth:`WeekViews.complete` computes at a time."""


class WeekViews:
    def __init__(self, database: str | None, params: ModelParams, zone_name: str) -> None:
        self.database = database
        self.params = params
        self.zone_name = zone_name
        self.clock = DayClock(load_zone(zone_name))
        self.store: Store | None = None
        self._settled: dict[date, WeekReport] = {}
        self._ahead: dict[date, WeekView] = {}
        """Views of settled weeks computed ahead of time (the week the user will open next)."""
        self._pictures: dict[tuple[date, PageSpec], RenderedPage] = {}
        self._filling: dict[date, WeekReport] = {}
        """Weeks of a trend being completed that may still change (a block running for weeks
        keeps them out of the settled ones)."""
        self._filling_for: date | None = None

    def open(self) -> Store:
        if self.store is None:
            self.store = Store.open(self.database)
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def view(self, monday: date, quick: bool = False) -> WeekView:
        """The view of the week of ``monday``; with ``quick``, from two weeks when more than
        those two are still to be computed (its trend is then :meth:`complete`\\ d after)."""
        kept = self._ahead.get(monday)
        if kept is not None:
            return kept
        weeks = TREND_WEEKS
        if quick and self._missing(monday) > QUICK_WEEKS:
            weeks = QUICK_WEEKS
        return self._load(monday, weeks)

    def complete(self, view: WeekView, all_at_once: bool = False) -> WeekView | None:
        """``view`` with its whole trend, or ``None`` while weeks of it are still to be
        computed: each call computes a few (all of them with ``all_at_once``). The week and
        the one before stay the ones shown, so the cards, the charts and the trend agree."""
        shown = len(view.trend)
        if shown >= TREND_WEEKS:
            return view
        monday = view.report.days[0][0]
        if self._filling_for != monday:  # what another week's trend left may have changed
            self._filling.clear()
            self._filling_for = monday
        wanted = trend_mondays(monday)[:-shown]
        missing = [m for m in wanted if m not in self._settled and m not in self._filling]
        step = missing if all_at_once else missing[-FILL_WEEKS:]
        for _run, _blocks, reports in computed_weeks(
            self.open(), self.params, self.zone_name, step, now(), self._settled
        ):
            self._filling.update((report.days[0][0], report) for report in reports)
        if len(step) < len(missing):
            return None
        before = tuple(self._settled.get(m) or self._filling[m] for m in wanted)
        self._filling.clear()
        return replace(view, trend=before + view.trend)

    def ahead(self, monday: date) -> WeekView | None:
        """Compute the view of a settled week before it is asked for (``None``: the week can
        still change, so a view of it now would not last)."""
        at, running = now(), self.open().running()
        if not is_settled(monday, self.zone_name, at, running):
            return None
        view = self.view(monday)
        self._ahead[monday] = view
        while len(self._ahead) > KEPT_VIEWS:
            del self._ahead[next(iter(self._ahead))]
        return view

    def picture(self, view: WeekView, spec: PageSpec, tr: Translate) -> RenderedPage:
        key = (view.report.days[0][0], spec)
        picture = self._pictures.get(key)
        # A page but the Trend drawn from the two-week view shows what the completed view
        # would: the same report, days and blocks (its trend is all that differs).
        drawn = picture is not None and (
            picture.view is view or (spec.page != "trend" and picture.view.report is view.report)
        )
        if picture is None or not drawn:
            picture = render_page(view, spec, tr)
            self._pictures[key] = picture
            while len(self._pictures) > KEPT_PICTURES:
                del self._pictures[next(iter(self._pictures))]
        return picture

    def forget_everything(self) -> None:
        self._settled.clear()
        self._filling.clear()
        self._ahead.clear()
        self._pictures.clear()

    def forget_weeks_of(self, *blocks: Block | None) -> None:
        """An edit of these blocks: the weeks they touch are computed again, and nothing
        computed or drawn ahead is shown."""
        at = now()
        for block in blocks:
            if block is None:
                continue
            monday = monday_of(self.clock.day_of(block.start))
            last = monday_of(self.clock.day_of(block.end or at))
            while monday <= last:
                self._settled.pop(monday, None)
                monday += timedelta(weeks=1)
        self._filling.clear()
        self._ahead.clear()
        self._pictures.clear()

    def apply_settings(self, params: ModelParams, zone_name: str) -> None:
        self.params, self.zone_name = params, zone_name
        self.clock = DayClock(load_zone(zone_name))
        self.forget_everything()

    def _missing(self, monday: date) -> int:
        return sum(week not in self._settled for week in trend_mondays(monday))

    def _load(self, monday: date, weeks: int) -> WeekView:
        at: datetime = now()
        store = self.open()
        return load_view(store, self.params, self.zone_name, monday, at, self._settled, weeks=weeks)
