"""Toggl Track's and Clockify's CSV exports of time entries.

Toggl Track writes ``User,Email,Client,Project,Task,Description,Billable,Start date,Start
time,End date,End time,Duration,Tags``; Clockify ``Project,Client,Description,Task,User,
Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration
(decimal),…``. Columns are found by name (in any order, in any case, after a byte-order
mark), so a report with more columns or a spreadsheet's reordering reads the same.

The duration columns are not read: spreadsheets turn "01:30:00" into a fraction of a day or
a clock time, while start and end survive. An entry states no zone: its times are read in
the file's zone (``--tz``, by default the user's).
"""

import csv
import io
from collections.abc import Iterator

from tracker.errors import ValidationError
from tracker.foreign.outcome import Foreign, Reading, task_label, unrecorded
from tracker.foreign.wall_clock import date_order, on_wall_clock, read_date, read_time
from tracker.i18n import _
from tracker.interchange import Record
from tracker.settings import load_zone

NEEDED = ("description", "project", "start date", "start time", "end date", "end time")
"""The columns an entry is read from (``tags`` too, when there is one)."""
CLOCKIFY_MARKS = ("duration (h)", "duration (decimal)")
TOGGL_MARKS = ("duration",)


def csv_source(header: list[str]) -> str | None:
    """``toggl`` or ``clockify`` for a header that is one of theirs, else ``None``."""
    names = {_name(h) for h in header}
    if not names.issuperset(("start date", "start time")):
        return None
    if names.intersection(CLOCKIFY_MARKS):
        return "clockify"
    return "toggl" if names.intersection(TOGGL_MARKS) else None


def parse_time_entries(text: str, source: str, reading: Reading) -> Foreign:
    """Each entry a block without interruption records; a running one (no end) is skipped.
    Rows are named by their line in the file, as a spreadsheet numbers them."""
    rows = list(_rows(text))
    header = [_name(h) for h in rows[0][1]] if rows else []
    missing = [column for column in NEEDED if column not in header]
    if missing:
        raise ValidationError(
            "line 1", _("the CSV has no column {0!r}").format(_heading(missing[0]))
        )
    entries = [(line, dict(zip(header, cells, strict=False))) for line, cells in rows[1:]]
    entries = [(line, cells) for line, cells in entries if any(v.strip() for v in cells.values())]
    order = date_order(
        (
            (f"line {line}", cells.get(column, ""))
            for line, cells in entries
            for column in ("start date", "end date")
        ),
        reading.date_order,
    )
    zone = load_zone(reading.zone)
    outcome = Foreign(source)
    for line, cells in entries:
        label = f"line {line}"
        if not cells.get("end time", "").strip():
            outcome.skip(label, _("still running (no end)"))
            continue
        try:
            start = on_wall_clock(
                read_date(cells["start date"], order, "start date"),
                read_time(cells["start time"], "start time"),
                zone,
                "start time",
            )
            end_day = cells.get("end date", "").strip() or cells["start date"]
            end = on_wall_clock(
                read_date(end_day, order, "end date"),
                read_time(cells["end time"], "end time"),
                zone,
                "end time",
                after=start,
            )
        except ValidationError as exc:
            raise ValidationError(f"{label} ({exc.path})", exc.reason) from None
        if end <= start:
            raise ValidationError(label, _("the entry ends before it starts"))
        tags = cells.get("tags", "").split(",") if reading.tags_in_task else None
        task = task_label(cells.get("project"), cells.get("description"), tags)
        outcome.records.append(Record(label, unrecorded(start, end, task, reading.zone, source)))
    return outcome


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise ValidationError(
            f"line {reader.line_num}", _("not valid CSV: {0}").format(exc)
        ) from None


def _name(heading: str) -> str:
    return " ".join(heading.strip().lstrip("\ufeff").lower().split())


def _heading(name: str) -> str:
    return name[0].upper() + name[1:]
