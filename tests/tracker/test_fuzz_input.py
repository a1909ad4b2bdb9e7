"""Fuzzing what users feed in: import files, settings, hotkeys.

Whatever the input, the outcome is records or one clean error that says where (a record's
position or a line) and why; never a crash, never a half-applied change.
"""

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import FlowtallyError, ValidationError
from tracker.hotkeys import normalise_hotkey
from tracker.interchange import parse_json, to_json
from tracker.interchange_csv import parse_csv, to_csv
from tracker.model import Block, Interruption, Pause
from tracker.settings import SETTING_NAMES, Settings
from tracker.types import Kind

ZONE = "Europe/Amsterdam"
T = TypeVar("T")
T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
JSON_POSITION = re.compile(
    r"^(line \d+ column \d+|format|blocks(\[\d+\](\.[a-z_]+(\[\d+\](\.[a-z_]+)?)?)?)?)$"
)
CSV_POSITION = re.compile(r"^line \d+( \([a-z_]+\))?$")

# Values that are almost right are the ones that find the holes.
TIMES = st.sampled_from(
    [
        "2026-11-16T09:00:00+01:00",
        "2026-11-16T11:00:00+01:00",
        "2026-11-16T10:00:00Z",
        "2026-11-16T09:00:00",  # no offset
        "2026-02-30T09:00:00+01:00",  # no such day
        "2026-11-16 25:00",
        "",
        "yesterday",
        "2026-03-29T02:30:00+01:00",
        "9999-12-31T23:59:59+14:00",
        "0001-01-01T00:00:00-12:00",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    TIMES,
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
KINDS = st.sampled_from(["internal", "external", "External", "boss", "", None, 3])


@st.composite
def near_valid_documents(draw: st.DrawFn) -> object:
    """A ``flowtally/1`` document whose fields are drawn from plausible and broken values."""

    def maybe(value: object) -> object:
        return draw(st.one_of(st.just(value), ANY_JSON))

    blocks = []
    for _ in range(draw(st.integers(0, 4))):
        block: dict[str, object] = {"start": maybe(draw(TIMES)), "end": maybe(draw(TIMES))}
        if draw(st.booleans()):
            block["task"] = maybe(draw(st.text(max_size=20)))
        if draw(st.booleans()):
            block["pauses"] = [
                {"start": maybe(draw(TIMES)), "end": maybe(draw(TIMES))}
                for _ in range(draw(st.integers(0, 2)))
            ]
        if draw(st.booleans()):
            block["interruptions"] = [
                {
                    "at": maybe(draw(TIMES)),
                    **({"end": maybe(draw(TIMES))} if draw(st.booleans()) else {}),
                    "kind": maybe(draw(KINDS)),
                    "source": maybe(draw(st.text(max_size=45))),
                    **({"note": maybe(draw(st.text(max_size=20)))} if draw(st.booleans()) else {}),
                }
                for _ in range(draw(st.integers(0, 3)))
            ]
        if draw(st.integers(0, 9)) == 0:
            block[draw(st.text(min_size=1, max_size=8))] = draw(ANY_JSON)
        blocks.append(maybe(block))
    return {"format": maybe("flowtally/1"), "blocks": maybe(blocks)}


def outcome(parse: object, text: str, position: re.Pattern[str]) -> None:
    """Records (all finished blocks), or a ValidationError naming where and why."""
    assert callable(parse)
    error: ValidationError | None = None
    try:
        records = parse(text, ZONE)
    except ValidationError as exc:
        error = exc
    if error is None:
        assert all(record.block.end is not None for record in records)
        return
    assert error.reason.strip()
    whole_file = error.path == "" and error.reason.startswith("the file")
    unknown_field = error.reason == "unknown field" and bool(error.path)
    assert whole_file or unknown_field or position.match(error.path), str(error)


@given(st.one_of(near_valid_documents(), ANY_JSON))
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_json_imports_give_records_or_a_located_error(document: object) -> None:
    outcome(parse_json, json.dumps(document), JSON_POSITION)


@given(st.text(max_size=200))
@settings(max_examples=500, deadline=None)
def test_any_text_as_json_gives_a_located_error(text: str) -> None:
    outcome(parse_json, text, JSON_POSITION)


CSV_CELLS = st.one_of(
    TIMES,
    st.sampled_from(["block", "pause", "interruption", "other", ""]),
    KINDS.map(lambda k: "" if k is None else str(k)),
    st.text(max_size=12),
)


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """A valid export with rows and cells replaced, dropped or added."""
    block = Block(
        T0,
        T0 + timedelta(hours=2),
        "API, design",
        (Pause(T0 + timedelta(minutes=60), T0 + timedelta(minutes=70)),),
        (Interruption(T0 + timedelta(minutes=30), None, Kind.EXTERNAL, "chat", 'say "hi"'),),
    )
    lines = to_csv([block]).splitlines()
    rows = [line.split(",") for line in lines]
    for _ in range(draw(st.integers(0, 6))):
        row = draw(st.integers(0, len(rows) - 1))
        if not rows[row]:
            continue
        column = draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = draw(CSV_CELLS)
    if draw(st.booleans()):
        rows.append([draw(CSV_CELLS) for _ in range(draw(st.integers(0, 11)))])
    return "\n".join(",".join(row) for row in rows) + "\n"


@given(csv_files())
@settings(max_examples=2000, deadline=None)
def test_csv_imports_give_records_or_a_located_error(text: str) -> None:
    outcome(parse_csv, text, CSV_POSITION)


@given(st.text(max_size=200))
@settings(max_examples=500, deadline=None)
def test_any_text_as_csv_gives_a_located_error(text: str) -> None:
    outcome(parse_csv, text, CSV_POSITION)


def test_a_valid_export_round_trips_through_the_fuzzed_parsers() -> None:
    block = Block(T0, T0 + timedelta(hours=1), "x")
    assert [r.block for r in parse_json(to_json([block]), ZONE)] == [block]
    assert [r.block for r in parse_csv(to_csv([block]), ZONE)] == [block]


VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(-10, 500).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["Europe/Amsterdam", "Mars/Olympus", "", "UTC", "<ctrl>+<alt>+i", "i"]),
)


@given(st.dictionaries(st.sampled_from([*SETTING_NAMES, "colour"]), VALUES, max_size=4))
@settings(max_examples=1000, deadline=None)
def test_settings_changes_are_all_or_nothing(changes: dict[str, str]) -> None:
    before = Settings()
    try:
        after = before.updated(changes)
    except FlowtallyError as exc:
        refusal = str(exc)
    else:
        refusal = ""
    if refusal:
        assert before == Settings()  # the old settings are untouched
        return
    model = after.model
    assert 0 < model.ramp_up_min <= model.flow_after_min
    assert model.min_period_min > 0
    assert after.away_after_min > 0
    assert Settings.from_json(after.as_json()) == after


@given(
    st.one_of(
        st.text(max_size=30),
        st.lists(
            st.sampled_from(["<ctrl>", "<alt>", "<shift>", "<cmd>", "<f9>", "i", "+", "<", "ä"]),
            max_size=5,
        ).map("+".join),
    )
)
@settings(max_examples=2000, deadline=None)
def test_hotkey_strings_are_refused_with_the_reason_or_normalised(text: str) -> None:
    try:
        hotkey = normalise_hotkey(text)
    except FlowtallyError as exc:
        hotkey, refusal = "", str(exc)
    else:
        refusal = ""
    if refusal:
        return
    assert normalise_hotkey(hotkey) == hotkey  # a normalised hotkey stays as it is


# ---------------------------------------------------------------- the edges of numbers and time

EXTREME_INSTANTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)
OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: (
        f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    )
)
ZONES = st.sampled_from(["UTC", "America/New_York", "Pacific/Kiritimati", "Asia/Kolkata"])
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["nan", "inf", "-inf", "1e300", "1e-300", "1e12", "-0", "0x10", ""]),
)


@st.composite
def extreme_times(draw: st.DrawFn) -> str:
    instant = draw(EXTREME_INSTANTS).replace(tzinfo=None)
    return instant.isoformat(timespec="minutes") + draw(OFFSETS)


@given(extreme_times(), extreme_times(), ZONES)
@settings(max_examples=1000, deadline=None)
def test_an_import_at_any_date_gives_records_or_a_located_error(
    start: str, end: str, zone: str
) -> None:
    document = {"format": "flowtally/1", "blocks": [{"start": start, "end": end}]}
    records, problem = attempt(lambda: parse_json(json.dumps(document), zone))
    if problem is not None:
        assert isinstance(problem, ValidationError)
        assert JSON_POSITION.match(problem.path), str(problem)
        return
    assert records is not None
    # What was accepted can be written out again in its zone: no export can crash on it.
    assert to_json([r.block for r in records])


@given(
    st.one_of(
        extreme_times(),
        st.builds(lambda n, u: f"{n}{u} ago", NUMBERS, st.sampled_from(["m", "h", "min"])),
        st.builds(lambda n: f"-{n}m", NUMBERS),
        EXTREME_INSTANTS.map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
        st.text(max_size=25),
    ),
    ZONES,
)
@settings(max_examples=1500, deadline=None)
def test_any_typed_time_is_a_time_in_range_or_a_clear_error(text: str, zone: str) -> None:
    from tracker.settings import load_zone
    from tracker.timeparse import EARLIEST, LATEST, parse_user_time

    value, problem = attempt(lambda: parse_user_time(text, load_zone(zone), T0))
    if problem is not None:
        assert str(problem).strip()
        return
    assert value is not None
    assert EARLIEST <= value < LATEST


@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=99), ZONES)
@settings(max_examples=1000, deadline=None)
def test_any_week_is_a_week_with_bounds_or_a_clear_error(year: int, week: int, zone: str) -> None:
    from tracker.days import parse_week
    from tracker.report import week_bounds

    monday, problem = attempt(lambda: parse_week(f"{year:04d}-W{week:02d}"))
    if problem is not None:
        assert str(problem).strip()
        return
    assert monday is not None
    before = monday - timedelta(weeks=520)  # the longest trend reaches this far back
    start, end = week_bounds(before, zone, 521)
    assert start < end


@given(st.sampled_from((*SETTING_NAMES[:3], "away_after_min", "break_after_min")), NUMBERS)
@settings(max_examples=1000, deadline=None)
def test_any_number_for_a_minute_setting_is_usable_or_refused(name: str, number: object) -> None:
    text = number if isinstance(number, str) else repr(number)
    updated, problem = attempt(lambda: Settings().updated({name: text}))
    if problem is not None:
        assert str(problem).strip()
        return
    assert updated is not None
    model = updated.model
    for minutes in (model.ramp_up, model.flow_after, model.min_period):
        assert T0 + minutes > T0  # a number the clock can add, not an overflow
    assert 0 < updated.away_after_min <= 24 * 60


@given(st.integers(min_value=1, max_value=200_000), st.sampled_from(["[", '{"a":', '{"blocks":[']))
@settings(max_examples=60, deadline=None)
def test_deeply_nested_json_is_a_clean_refusal(depth: int, opener: str) -> None:
    closer = {"[": "]", '{"a":': "}", '{"blocks":[': "]}"}[opener]
    text = opener * depth + "1" + closer * depth
    _, problem = attempt(lambda: parse_json(text, ZONE))
    assert isinstance(problem, ValidationError)
    assert str(problem).strip()


def attempt(call: Callable[[], T]) -> tuple[T | None, FlowtallyError | None]:
    """``call()``'s value, or the clean refusal it raised (any other exception fails the test)."""
    try:
        return call(), None
    except FlowtallyError as exc:
        return None, exc
