"""``report`` (one ISO week) and ``trend`` (several weeks), as tables or as JSON."""

import json
from datetime import date, timedelta
from pathlib import Path

from app.commands.context import Context
from app.commands.devices import on_device
from app.commands.table import table
from app.files import write_atomically
from app.language import requests as rq
from tracker.days import DayClock, monday_of, parse_week
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block
from tracker.report import (
    WeekReport,
    report_table,
    task_table,
    week_bounds,
    week_reports,
    week_trend,
)
from tracker.units import decimal, duration


def _this_monday(ctx: Context) -> date:
    return monday_of(DayClock(ctx.zone).day_of(ctx.now))


def load_reports(
    ctx: Context, first_monday: date, weeks: int, device: str | None = None
) -> list[WeekReport]:
    """Reports for ``weeks`` weeks from ``first_monday``, reading only the blocks they touch
    (those made on ``device`` only, when one is named)."""
    blocks = _blocks(ctx, first_monday, weeks, device)
    return week_reports(blocks, ctx.settings.model, ctx.zone_name, first_monday, weeks, ctx.now)


def _blocks(ctx: Context, first_monday: date, weeks: int, device: str | None) -> list[Block]:
    start, end = week_bounds(first_monday, ctx.zone_name, weeks)
    return on_device(ctx.store, ctx.store.blocks_between(start, end), device)


TREND_HEADERS = (
    "Week",
    "Periods",
    "Days worked",
    "Periods/day",
    "E-factor",
    "Flow",
    "Tracked",
    "Interruptions",
)


def report(ctx: Context, args: rq.Report) -> int:
    monday = parse_week(args.week) if args.week else _this_monday(ctx)
    if args.output:
        return _write_report_file(ctx, monday, Path(args.output), args.device)
    blocks = _blocks(ctx, monday, 1, args.device)
    params = ctx.settings.model
    (week,) = week_reports(blocks, params, ctx.zone_name, monday, 1, ctx.now)
    if args.json:
        print(json.dumps(week.as_json(), indent=1, ensure_ascii=False), file=ctx.out)
        return 0
    print(report_text(week), file=ctx.out)
    start, end = week_bounds(monday, ctx.zone_name, 1)
    asked = [c for b in blocks for c in b.checkins if start <= c.at < end]
    if asked:
        from app.commands.checkin import checkins_text

        print("\n" + checkins_text(asked, params), file=ctx.out)
    return 0


def _write_report_file(ctx: Context, monday: date, path: Path, device: str | None) -> int:
    """The charts as a file, headless: matplotlib's Agg renderer, no Qt, no display. Its
    modules load here: a report on the terminal or as JSON needs none of them."""
    from app.commands.weeks import load_view
    from ui.charts_export import FORMATS as CHART_FORMATS
    from ui.charts_export import render_report

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        raise FlowtallyError(
            _("cannot tell the report format from {0!r}; name it .png, .pdf or .html").format(
                path.name
            )
        )
    view = load_view(ctx.store, ctx.settings.model, ctx.zone_name, monday, ctx.now, device=device)
    write_atomically(path, render_report(view, fmt))
    line = _("Wrote the report of {week} to {path}.")
    print(line.format(week=view.report.week, path=path), file=ctx.out)
    return 0


def report_text(week: WeekReport) -> str:
    p = week.params
    headers, rows = report_table(week)
    t = week.totals
    sources = ", ".join(f"{_(name)} {count}" for name, count in t.by_source) or _("none")
    bands = ", ".join(f"{band}: {count}" for band, count in t.periods_by_length)
    settings = _(
        "Week {week} ({zone}); ramp-up {ramp_up:g} min, flow after {flow_after:g} min, "
        "periods of {period:g} min or more"
    )
    interruptions = _(
        "Interruptions: {internal} internal, {external} external; by source: {sources}; "
        "{per_hour} per tracked hour"
    )
    lines = [
        settings.format(
            week=week.week,
            zone=week.timezone,
            ramp_up=p.ramp_up_min,
            flow_after=p.flow_after_min,
            period=p.min_period_min,
        ),
        "",
        table(headers, rows),
        "",
        _("Uninterrupted periods by length: {bands}").format(bands=bands),
        interruptions.format(
            internal=t.internal,
            external=t.external,
            sources=sources,
            per_hour=decimal(t.interruptions_per_hour),
        ),
    ]
    if t.unrecorded:
        unrecorded = _(
            "Without interruption records (imported from a time tracker): {time}, counted as "
            "tracked only, never as focus or flow."
        )
        lines.append(unrecorded.format(time=duration(t.unrecorded)))
    if week.tasks:
        lines += ["", _("By task:"), table(*task_table(week))]
    return "\n".join(lines)


def trend(ctx: Context, args: rq.Trend) -> int:
    if args.weeks < 1 or args.weeks > 520:
        raise FlowtallyError(_("--weeks must be between 1 and 520"))
    last = parse_week(args.to) if args.to else _this_monday(ctx)
    first = last - timedelta(weeks=args.weeks - 1)
    rows = week_trend(load_reports(ctx, first, args.weeks, args.device))
    if args.json:
        shown = {"timezone": ctx.zone_name, "weeks": [row.as_json() for row in rows]}
        print(json.dumps(shown, indent=1), file=ctx.out)
        return 0
    print(
        table(
            tuple(_(header) for header in TREND_HEADERS),
            [
                [
                    r.week,
                    str(r.periods),
                    str(r.worked_days),
                    decimal(r.periods_per_day),
                    decimal(r.e_factor),
                    duration(r.flow),
                    duration(r.tracked),
                    str(r.interruptions),
                ]
                for r in rows
            ],
        ),
        file=ctx.out,
    )
    return 0
    print(
        table(
            tuple(_(header) for header in TREND_HEADERS),
            [
                [
                    str(r["week"]),
                    str(r["periods"]),
                    str(r["worked_days"]),
                    decimal(float(str(r["periods_per_day"]))),
                    decimal(float(str(r["e_factor"]))),
                    duration(timedelta(minutes=float(str(r["flow_min"])))),
                    duration(timedelta(minutes=float(str(r["tracked_min"])))),
                    str(r["interruptions"]),
                ]
                for r in rows
            ],
        ),
        file=ctx.out,
    )
    return 0
