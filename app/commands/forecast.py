"""``forecast``: the week's best focus windows, from the person's own last weeks, as text,
as JSON, or as calendar events to protect them (:mod:`tracker.forecast` has the method)."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.commands.context import Context
from app.files import write_atomically
from app.language import requests as rq
from data.store import Store
from tracker.days import DayClock, monday_of, parse_week, week_name
from tracker.errors import FlowtallyError
from tracker.forecast import MAX_WINDOWS, MIN_WEEK_TRACKED, Forecast, Window, forecast, percent
from tracker.i18n import _, day_name
from tracker.report import week_bounds
from tracker.settings import ModelParams, load_zone
from tracker.units import duration

MOST_WEEKS = 52
DEFAULT_WEEKS = 8


def forecast_(ctx: Context, args: rq.Forecast) -> int:
    result = forecast_of(
        ctx.store, ctx.settings.model, ctx.zone_name, ctx.now, args.week, args.weeks
    )
    if args.output:
        print(write_calendar(result, args.output, ctx.now), file=ctx.err)
        return 0
    if args.json:
        print(json.dumps(as_json(result, ctx), indent=1, ensure_ascii=False), file=ctx.out)
    else:
        print(as_text(result, ctx), file=ctx.out)
    return 0


def forecast_of(
    store: Store,
    params: ModelParams,
    zone_name: str,
    now: datetime,
    week: str | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> Forecast:
    """The forecast of ``week`` (``next``, ``this`` or an ISO week), learnt from the
    ``weeks`` whole weeks before it (or before this week, for a week ahead)."""
    if not 1 <= weeks <= MOST_WEEKS:
        raise FlowtallyError(_("--weeks must be between 1 and {most}").format(most=MOST_WEEKS))
    this_monday = monday_of(DayClock(load_zone(zone_name)).day_of(now))
    monday = _target(week, this_monday)
    last = min(monday, this_monday)  # learnt from whole weeks only
    history = [last - timedelta(weeks=w) for w in range(weeks, 0, -1)]
    start, end = week_bounds(history[0], zone_name, weeks)
    return forecast(store.blocks_between(start, end), params, zone_name, monday, history, now)


def write_calendar(result: Forecast, path: str, now: datetime) -> str:
    """Write the windows to ``path`` as calendar events; the line that says so."""
    write_atomically(Path(path), to_ics(result, now))
    count = sum(len(windows) for _day, windows in result.days)
    return _("Wrote {count} focus windows for {week} to {path}.").format(
        count=count, week=week_name(result.monday), path=path
    )


def _target(word: str | None, this_monday: date) -> date:
    if word in (None, "next"):
        return this_monday + timedelta(weeks=1)
    if word == "this":
        return this_monday
    return parse_week(word)


def sure_word(window: Window) -> str:
    """How sure a window is, in the reader's words."""
    return {"sure": _("sure"), "fairly sure": _("fairly sure")}.get(window.sureness, _("unsure"))


def _numbers(window: Window) -> dict[str, object]:
    """A window's chance, its interval and how sure it is, as the text and the calendar
    write them."""
    return {
        "chance": percent(window.chance),
        "low": percent(window.low),
        "high": percent(window.high),
        "sure": sure_word(window),
    }


def as_text(result: Forecast, ctx: Context) -> str:
    lines = [
        _(
            "Focus forecast for {week} ({zone}): the chance that a period of {period:g} min "
            "or more, started in the window, goes uninterrupted."
        ).format(
            week=week_name(result.monday),
            zone=ctx.zone_name,
            period=ctx.settings.model.min_period_min,
        ),
        _learnt_from(result),
    ]
    if result.left_out:
        left = ", ".join(
            _("{week} ({tracked} tracked)").format(week=week_name(m), tracked=duration(t))
            for m, t in result.left_out
        )
        lines.append(
            _("Left out, less than {least} tracked: {weeks}.").format(
                least=duration(MIN_WEEK_TRACKED), weeks=left
            )
        )
    lines.append("")
    for day, windows in result.days:
        label = f"{day_name(day)} {day:%Y-%m-%d}"
        if not windows:
            lines.append(f"{label}  " + _("no tracked hours on this weekday"))
            continue
        for index, window in enumerate(windows):
            shown = _("{start}-{end}  {chance} % ({low}-{high} %), {sure}").format(
                start=f"{window.start:%H:%M}", end=f"{window.end:%H:%M}", **_numbers(window)
            )
            lines.append(f"{label if index == 0 else ' ' * len(label)}  {shown}")
    return "\n".join(lines)


def _learnt_from(result: Forecast) -> str:
    if not result.history:
        return _("No week with enough tracked time to learn from yet.")
    return _("Learnt from {count} weeks, {first} to {last}.").format(
        count=len(result.history),
        first=week_name(result.history[0]),
        last=week_name(result.history[-1]),
    )


def as_json(result: Forecast, ctx: Context) -> dict[str, Any]:
    return {
        "week": week_name(result.monday),
        "timezone": ctx.zone_name,
        "min_period_min": ctx.settings.model.min_period_min,
        "history": [week_name(m) for m in result.history],
        "left_out": [
            {"week": week_name(m), "tracked_min": round(t / timedelta(minutes=1), 2)}
            for m, t in result.left_out
        ],
        "prior_strength": round(result.strength, 2),
        "days": [
            {
                "date": day.isoformat(),
                "windows": [
                    {
                        "start": w.start.isoformat(),
                        "end": w.end.isoformat(),
                        "chance": round(w.chance, 3),
                        "low": round(w.low, 3),
                        "high": round(w.high, 3),
                        "confidence": round(w.confidence, 3),
                        "sure": w.sureness,
                    }
                    for w in windows
                ],
            }
            for day, windows in result.days
        ],
    }


def to_ics(result: Forecast, now: datetime) -> bytes:
    """Each window as a busy "Focus" event. A day's windows keep their UIDs from one export
    to the next (the day and the window's rank in it), so importing a newer forecast replaces
    the older one's events, and a rank the day no longer has is sent cancelled."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Flowtally//focus forecast//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Flowtally focus windows"))
    sequence = int(now.timestamp()) // 60  # rises with each export
    for day, windows in result.days:
        for rank in range(MAX_WINDOWS):
            event = Event()
            event.add("uid", f"focus-{day:%Y%m%d}-{rank + 1}@flowtally")
            event.add("dtstamp", now)
            event.add("sequence", sequence)
            event.add("summary", _("Focus"))
            if rank < len(windows):
                window = windows[rank]
                event.add("dtstart", window.start)
                event.add("dtend", window.end)
                event.add("transp", "OPAQUE")
                event.add(
                    "description",
                    _("Flowtally forecast: {chance} % chance that focus goes uninterrupted "
                      "({low}-{high} %), {sure}.").format(**_numbers(window)),
                )  # fmt: skip
            else:
                event.add("dtstart", day)
                event.add("status", "CANCELLED")
            calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
