"""Focus blocks as an iCalendar file, so a calendar can show (and a team can see) the focus
time that was actually protected. Written with the maintained ``icalendar`` library."""

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar, Event

from tracker.i18n import _
from tracker.model import Block
from tracker.settings import ModelParams
from tracker.timeline import build_timeline
from tracker.types import SegmentKind
from tracker.units import duration, plural


def to_ics(blocks: Iterable[Block], params: ModelParams, now: datetime) -> bytes:
    """One event per finished block: its task, phases, periods and interruptions.

    UIDs are derived from the block's start, so importing a newer export into a calendar
    updates events instead of duplicating them.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Flowtally//focus blocks//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Flowtally focus blocks"))
    for block in blocks:
        if block.end is None:
            continue
        timeline = build_timeline(block, params, now)
        minutes = timeline.lengths()
        periods = len(timeline.periods(params))
        event = Event()
        event.add("uid", f"block-{block.start:%Y%m%dT%H%M%SZ}@flowtally")
        event.add("dtstamp", now)
        event.add("dtstart", block.start)
        event.add("dtend", block.end)
        event.add(
            "summary",
            _("Focus: {task}").format(task=block.task) if block.task else _("Focus block"),
        )
        event.add(
            "description",
            "\n".join(
                [
                    f"{plural(periods, 'uninterrupted period')}, "
                    f"{plural(len(block.interruptions), 'interruption')}",
                    _(
                        "ramp-up {ramp_up}, deep focus {deep}, flow {flow}, interrupted "
                        "{interrupted}, paused {paused}"
                    ).format(
                        ramp_up=duration(minutes[SegmentKind.RAMP_UP]),
                        deep=duration(minutes[SegmentKind.DEEP]),
                        flow=duration(minutes[SegmentKind.FLOW]),
                        interrupted=duration(minutes[SegmentKind.INTERRUPTED]),
                        paused=duration(minutes[SegmentKind.PAUSED]),
                    ),
                ]
            ),
        )
        event.add("categories", ["Focus"])
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
