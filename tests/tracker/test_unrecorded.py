"""Blocks without interruption records (``model.md``): such a block changes no number of a
report but ``tracked_min`` and ``unrecorded_min`` (and ``paused_min``: it has pauses like any
block), and the ratios keep their denominators (tracked minutes with records), so a
three-hour time-tracker entry never reads as flow."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tracker.test_properties import ZONES, blocks, week_of_blocks
from tracker.days import DayClock, monday_of
from tracker.errors import ValidationError
from tracker.metrics import daily_metrics
from tracker.model import Block, Interruption, Pause, validate_block
from tracker.report import week_reports
from tracker.settings import ModelParams, load_zone
from tracker.timeline import build_timeline
from tracker.types import SegmentKind

PARAMS = ModelParams()


def without_records(block: Block) -> Block:
    return replace(block, interruptions=(), interruptions_recorded=False)


@given(week_of_blocks(), blocks(), st.sampled_from(ZONES), st.integers(0, 600))
@settings(max_examples=150, deadline=None)
def test_a_block_without_records_changes_only_tracked_and_unrecorded(
    stored: list[Block], extra: Block, zone: str, gap: int
) -> None:
    last_end = stored[-1].end
    assert last_end is not None
    assert extra.end is not None
    shift = last_end + timedelta(minutes=gap) - extra.start
    moved = Block(
        extra.start + shift,
        extra.end + shift,
        pauses=tuple(
            Pause(p.start + shift, None if p.end is None else p.end + shift) for p in extra.pauses
        ),
        interruptions_recorded=False,
    )
    monday = monday_of(DayClock(load_zone(zone)).day_of(stored[0].start))
    before = [r.as_json() for r in week_reports(stored, PARAMS, zone, monday, 3)]
    after = [r.as_json() for r in week_reports([*stored, moved], PARAMS, zone, monday, 3)]
    added = timedelta()
    for old, new in zip(before, after, strict=True):
        for day_old, day_new in zip(
            [*old["days"], old["totals"]], [*new["days"], new["totals"]], strict=True
        ):
            changed = {k for k in day_old if day_old[k] != day_new[k]}
            assert changed <= {"tracked_min", "unrecorded_min", "paused_min"}, changed
            assert day_new["tracked_min"] - day_new["unrecorded_min"] == pytest.approx(
                day_old["tracked_min"], abs=0.02
            )
        added += timedelta(minutes=new["totals"]["unrecorded_min"])
    timeline = build_timeline(moved, PARAMS, moved.end or moved.start)
    assert timeline.stretches == ()
    assert {s.kind for s in timeline.segments} <= {SegmentKind.UNRECORDED, SegmentKind.PAUSED}
    assert abs(added - timeline.tracked) <= timedelta(minutes=0.1)


def test_the_ratios_leave_unrecorded_minutes_out_of_their_denominators() -> None:
    nine = datetime(2026, 11, 16, 8, tzinfo=UTC)
    recorded = Block(
        nine, nine + timedelta(hours=1), interruptions=(Interruption(nine + timedelta(minutes=30)),)
    )
    entry = Block(
        nine + timedelta(hours=2), nine + timedelta(hours=5), interruptions_recorded=False
    )
    clock = DayClock(load_zone("UTC"))
    day = clock.day_of(nine)
    timelines = [build_timeline(b, PARAMS, nine + timedelta(hours=6)) for b in (recorded, entry)]
    metrics = daily_metrics(timelines, PARAMS, clock, [day])[day]
    assert metrics.tracked == timedelta(hours=4)
    assert metrics.unrecorded == timedelta(hours=3)
    assert metrics.flow == timedelta(0)  # three hours, and not a minute of flow
    assert metrics.interruptions_per_hour == 1.0  # one in the one recorded hour
    assert metrics.e_factor == pytest.approx(1.0)  # two 30-min periods fill the hour
    alone = daily_metrics(timelines[1:], PARAMS, clock, [day])[day]
    assert (alone.e_factor, alone.interruptions_per_hour, alone.periods) == (0.0, 0.0, 0)


def test_a_block_without_records_holds_no_interruption() -> None:
    nine = datetime(2026, 11, 16, 8, tzinfo=UTC)
    block = Block(
        nine,
        nine + timedelta(hours=1),
        interruptions=(Interruption(nine + timedelta(minutes=5)),),
        interruptions_recorded=False,
    )
    with pytest.raises(ValidationError):
        validate_block(block)


def test_the_flag_survives_json_and_csv_and_is_checked() -> None:
    import json

    from tracker.interchange import parse_json, to_json
    from tracker.interchange_csv import parse_csv, to_csv

    nine = datetime(2026, 11, 16, 8, tzinfo=UTC)
    entry = Block(
        nine,
        nine + timedelta(hours=3),
        "review",
        interruptions_recorded=False,
        imported_from="toggl",
    )
    text = to_json([entry])
    assert json.loads(text)["blocks"][0]["interruptions_recorded"] is False
    assert json.loads(text)["blocks"][0]["imported_from"] == "toggl"
    assert [r.block for r in parse_json(text, "UTC", now=nine + timedelta(days=1))] == [entry]
    csv_text = to_csv([entry])
    assert csv_text.splitlines()[1].endswith(",false,toggl")
    assert [r.block for r in parse_csv(csv_text, "UTC", now=nine + timedelta(days=1))] == [entry]
    wrong = json.loads(text)
    wrong["blocks"][0]["interruptions"] = [{"at": "2026-11-16T08:30:00Z"}]
    with pytest.raises(ValidationError) as caught:
        parse_json(json.dumps(wrong), "UTC", now=nine + timedelta(days=1))
    assert caught.value.path == "blocks[0].interruptions"
    wrong["blocks"][0] = {**wrong["blocks"][0], "interruptions": [], "interruptions_recorded": 0}
    with pytest.raises(ValidationError) as caught:
        parse_json(json.dumps(wrong), "UTC", now=nine + timedelta(days=1))
    assert caught.value.path == "blocks[0].interruptions_recorded"
    wrong["blocks"][0] = {**wrong["blocks"][0], "interruptions_recorded": False}
    wrong["blocks"][0]["imported_from"] = "excel"
    with pytest.raises(ValidationError) as caught:
        parse_json(json.dumps(wrong), "UTC", now=nine + timedelta(days=1))
    assert caught.value.path == "blocks[0].imported_from"
