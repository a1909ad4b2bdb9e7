"""The weekly report and the multi-week trend, as the CLI, the charts and exports show them."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tracker import clock as wall
from tracker.counted_once import counted_once
from tracker.days import DayClock, monday_of, week_days, week_name
from tracker.i18n import _, day_name, month_name
from tracker.metrics import Metrics, combine, daily_metrics
from tracker.model import Block
from tracker.settings import ModelParams, load_zone
from tracker.timeline import Timeline, build_timeline
from tracker.units import decimal, duration

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class TaskLine:
    """What one task (``None``: blocks without one) got in a week."""

    task: str | None
    metrics: Metrics

    def as_json(self) -> dict[str, Any]:
        m = self.metrics
        return {
            "task": self.task,
            "tracked_min": m.tracked / MINUTE,
            "flow_min": m.flow / MINUTE,
            "interruptions": m.interruptions,
            "periods": m.periods,
        }


@dataclass(frozen=True, slots=True)
class WeekReport:
    """Seven days, Monday first, their totals, and the week by task."""

    week: str
    timezone: str
    params: ModelParams
    days: tuple[tuple[date, Metrics], ...]
    totals: Metrics
    tasks: tuple[TaskLine, ...] = ()
    """Most tracked first; only tasks with tracked time this week."""

    def as_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "timezone": self.timezone,
            "settings": self.params.as_json(),
            "days": [{"date": day.isoformat(), **m.as_json()} for day, m in self.days],
            "totals": self.totals.as_json(),
            "tasks": [line.as_json() for line in self.tasks],
        }


def week_bounds(monday: date, zone_name: str, weeks: int = 1) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on ``monday`` and ``weeks`` weeks later: what to load."""
    clock = DayClock(load_zone(zone_name))
    return clock.midnight(monday), clock.midnight(monday + timedelta(weeks=weeks))


def week_reports(
    blocks: Iterable[Block],
    params: ModelParams,
    zone_name: str,
    first_monday: date,
    weeks: int = 1,
    now: datetime | None = None,
) -> list[WeekReport]:
    """Reports for ``weeks`` consecutive ISO weeks from ``first_monday``, in one pass.

    ``blocks`` may hold more than those weeks need; a running block is counted until ``now``.
    """
    now = now if now is not None else wall.now()
    clock = DayClock(load_zone(zone_name))
    days = [first_monday + timedelta(days=i) for i in range(7 * weeks)]
    # Each task's days from only its blocks' timelines; a day is its tasks combined (the
    # same sums and maxima as a week of days), so every timeline is walked once.
    by_task: dict[str | None, list[Timeline]] = defaultdict(list)
    for block in counted_once(blocks, now):
        by_task[block.task].append(build_timeline(block, params, now))
    task_days = {task: daily_metrics(lines, params, clock, days) for task, lines in by_task.items()}
    per_day = {day: combine(metrics[day] for metrics in task_days.values()) for day in days}
    reports = []
    for index in range(weeks):
        monday = first_monday + timedelta(weeks=index)
        week = week_days(monday)
        day_metrics = tuple((day, per_day[day]) for day in week)
        tasks = [
            TaskLine(task, combine(metrics[day] for day in week))
            for task, metrics in task_days.items()
        ]
        tasks = [line for line in tasks if line.metrics.tracked > timedelta(0)]
        tasks.sort(key=lambda t: (-t.metrics.tracked, t.task is None, t.task or ""))
        reports.append(
            WeekReport(
                week=week_name(monday),
                timezone=zone_name,
                params=params,
                days=day_metrics,
                totals=combine(m for _, m in day_metrics),
                tasks=tuple(tasks),
            )
        )
    return reports


def week_report(
    blocks: Iterable[Block],
    params: ModelParams,
    zone_name: str,
    monday: date,
    now: datetime | None = None,
) -> WeekReport:
    """The report of the ISO week starting on ``monday``."""
    return week_reports(blocks, params, zone_name, monday_of(monday), 1, now)[0]


TABLE_HEADERS = (
    "Day",
    "Periods",
    "Tracked",
    "Ramp-up",
    "Deep",
    "Flow",
    "Interrupted",
    "Paused",
    "Interruptions",
    "Flow breaks",
    "Longest",
    "Recovery",
    "E-factor",
)
TASK_HEADERS = ("Task", "Tracked", "Flow", "Interruptions", "Periods")
NO_TASK = "(no task)"


def report_table(week: WeekReport) -> tuple[tuple[str, ...], list[list[str]]]:
    """The report as a table, a row a day and one for the week (lengths as ``1 h 05 min``): what the
    terminal and the HTML report show."""

    def row(label: str, m: Metrics) -> list[str]:
        return [
            label,
            str(m.periods),
            duration(m.tracked),
            duration(m.rampup),
            duration(m.deep),
            duration(m.flow),
            duration(m.interrupted),
            duration(m.paused),
            str(m.interruptions),
            str(m.flow_breaks),
            duration(m.longest_stretch),
            duration(m.recovery),
            decimal(m.e_factor),
        ]

    rows = [row(f"{day_name(day)} {day:%d} {month_name(day)}", m) for day, m in week.days]
    rows.append(row(_("Week"), week.totals))
    return tuple(_(header) for header in TABLE_HEADERS), rows


def task_table(week: WeekReport) -> tuple[tuple[str, ...], list[list[str]]]:
    """The week by task (most tracked first), for every report."""
    rows = [
        [
            line.task or _(NO_TASK),
            duration(line.metrics.tracked),
            duration(line.metrics.flow),
            str(line.metrics.interruptions),
            str(line.metrics.periods),
        ]
        for line in week.tasks
    ]
    return tuple(_(header) for header in TASK_HEADERS), rows


@dataclass(frozen=True, slots=True)
class TrendRow:
    """A week in a trend: the numbers a trend chart or table needs."""

    week: str
    periods: int
    worked_days: int
    e_factor: float
    flow: timedelta
    tracked: timedelta
    interruptions: int

    @property
    def periods_per_day(self) -> float:
        return self.periods / self.worked_days if self.worked_days else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "week": self.week,
            "periods": self.periods,
            "worked_days": self.worked_days,
            "periods_per_day": round(self.periods_per_day, 2),
            "e_factor": round(self.e_factor, 2),
            "flow_min": round(self.flow / timedelta(minutes=1), 2),
            "tracked_min": round(self.tracked / timedelta(minutes=1), 2),
            "interruptions": self.interruptions,
        }


def week_trend(reports: Sequence[WeekReport]) -> list[TrendRow]:
    """A row per week, oldest first."""
    return [
        TrendRow(
            report.week,
            report.totals.periods,
            sum(1 for _, m in report.days if m.tracked),
            report.totals.e_factor,
            report.totals.flow,
            report.totals.tracked,
            report.totals.interruptions,
        )
        for report in reports
    ]


def trend_rows(reports: Sequence[WeekReport]) -> list[dict[str, object]]:
    """The trend as ``flowtally trend --json`` shows it."""
    return [row.as_json() for row in week_trend(reports)]
