"""The week view every surface shows: a week's report, the eleven weeks before it (the
trend) and its blocks, read from the store. ``report --output``, the dashboard and its export
all build it here, so a screen and a file can never differ."""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from app.commands.devices import on_device
from app.commands.transfer import EXPORT_FORMATS, export_content
from data.store import Store
from tracker.dashboard import WeekView, week_view
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block
from tracker.report import WeekReport, week_bounds, week_reports
from tracker.settings import ModelParams
from ui.charts_export import FORMATS as CHART_FORMATS

TREND_WEEKS = 12


def load_view(
    store: Store,
    params: ModelParams,
    zone_name: str,
    monday: date,
    at: datetime,
    settled: dict[date, WeekReport] | None = None,
    device: str | None = None,
    weeks: int = TREND_WEEKS,
) -> WeekView:
    """The view of the week of ``monday`` at ``at``.

    ``settled``: reports of weeks that can no longer change, kept between calls (the
    dashboard's cache); only the weeks missing from it are computed, a run of consecutive
    weeks at a time, so stepping one week back or forward computes one week. ``device``:
    the blocks made on the device of that name only. ``weeks``: how many weeks the trend
    holds (the dashboard shows a far week from two, and completes its trend after).
    """
    cache = {} if settled is None else settled
    mondays = trend_mondays(monday, weeks)
    fresh: dict[date, WeekReport] = {}
    week_blocks: list[Block] | None = None
    for run, blocks, reports in computed_weeks(
        store, params, zone_name, mondays, at, settled, device
    ):
        fresh.update((report.days[0][0], report) for report in reports)
        if monday in run:
            week_blocks = blocks
    if week_blocks is None:  # the week shown was cached: its blocks are read again
        week_blocks = on_device(
            store, store.blocks_between(*week_bounds(monday, zone_name)), device
        )
    trend = [fresh.get(m) or cache[m] for m in mondays]
    start, end = week_bounds(monday, zone_name)
    earlier: list[Block] = []
    if start <= at < end:  # going on: compared with the same span of the week before
        earlier = on_device(
            store,
            store.blocks_between(week_bounds(monday - timedelta(weeks=1), zone_name)[0], start),
            device,
        )
    names = {key: name for key, name in store.device_names().items() if key is not None}
    return week_view(week_blocks, trend, params, zone_name, monday, at, earlier, names)


def trend_mondays(monday: date, weeks: int = TREND_WEEKS) -> list[date]:
    """The Mondays of the ``weeks`` weeks up to and including the week of ``monday``."""
    first = monday - timedelta(weeks=weeks - 1)
    return [first + timedelta(weeks=i) for i in range(weeks)]


def computed_weeks(
    store: Store,
    params: ModelParams,
    zone_name: str,
    mondays: Sequence[date],
    at: datetime,
    settled: dict[date, WeekReport] | None,
    device: str | None = None,
) -> Iterator[tuple[list[date], list[Block], list[WeekReport]]]:
    """The reports of the weeks of ``mondays`` missing from ``settled``, a run of consecutive
    weeks at a time, each with the blocks read for it. The reports of weeks that can no
    longer change are added to ``settled``."""
    cache = {} if settled is None else settled
    running = store.running() if settled is not None else None
    for run in _runs([m for m in mondays if m not in cache]):
        blocks = on_device(
            store, store.blocks_between(*week_bounds(run[0], zone_name, len(run))), device
        )
        reports = week_reports(blocks, params, zone_name, run[0], len(run), at)
        if settled is not None:
            for report in reports:
                if is_settled(report.days[0][0], zone_name, at, running):
                    settled[report.days[0][0]] = report
        yield run, blocks, reports


def is_settled(monday: date, zone_name: str, at: datetime, running: Block | None) -> bool:
    """A week that is over and not reached by a running block cannot change by itself."""
    week_end = week_bounds(monday, zone_name)[1]
    return week_end <= at and (running is None or running.start >= week_end)


def _runs(mondays: Iterable[date]) -> list[list[date]]:
    """Sorted Mondays grouped into runs of consecutive weeks."""
    runs: list[list[date]] = []
    for monday in mondays:
        if runs and monday - runs[-1][-1] == timedelta(weeks=1):
            runs[-1].append(monday)
        else:
            runs.append([monday])
    return runs


def week_file(view: WeekView, path: Path, params: ModelParams, now: datetime) -> str | bytes:
    """What the dashboard's export of a week writes to ``path``, by its suffix: the charts
    (PNG, PDF, HTML) or the week's blocks (JSON, CSV, ICS)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt in CHART_FORMATS:
        from ui.charts_export import render_report

        return render_report(view, fmt)
    if fmt in EXPORT_FORMATS:
        return export_content(view.blocks, fmt, params, now)
    raise FlowtallyError(
        _("cannot tell the format from {0!r}; use .png, .pdf, .html, .csv, .json or .ics").format(
            path.name
        )
    )
