"""Check-ins in the interchange formats: kept by a round trip through JSON and CSV, read from
a CSV written before they existed, and refused by position when a value is wrong."""

import copy
import csv
import io
import json

import pytest

from tests.tracker.test_interchange import DOC, blocks_of
from tracker.errors import ValidationError
from tracker.interchange import to_json
from tracker.interchange_csv import FIRST_COLUMNS, parse_csv, to_csv
from tracker.types import Phase

ANSWERED = {"at": "2026-11-16T09:39:00+01:00", "answer": 4, "stretch_min": 39, "phase": "flow"}
SKIPPED = {"at": "2026-11-16T11:00:00+01:00", "stretch_min": 55.25, "phase": "flow"}


def with_checkins(*checkins: object) -> str:
    doc = copy.deepcopy(DOC)
    doc["blocks"][0]["checkins"] = list(checkins)  # type: ignore[index]
    return json.dumps(doc)


def test_checkins_survive_json_and_csv() -> None:
    blocks = blocks_of(with_checkins(SKIPPED, ANSWERED))
    first = blocks[0].checkins
    assert [(c.answer, c.stretch_min, c.phase) for c in first] == [
        (4, 39, Phase.FLOW),
        (None, 55.25, Phase.FLOW),
    ]
    assert first[0].timezone == "Europe/Amsterdam"
    assert blocks_of(to_json(blocks)) == blocks
    text = to_csv(blocks)
    assert "checkin,2026-11-16T09:00:00+01:00,,,2026-11-16T09:39:00+01:00" in text
    assert blocks_of(text, parse_csv) == blocks
    exported = json.loads(to_json(blocks))["blocks"][0]["checkins"]
    assert exported[1] == SKIPPED  # a skip is written without an answer


def test_a_csv_from_before_checkins_is_read() -> None:
    blocks = blocks_of(json.dumps(DOC))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(row[:9] for row in csv.reader(io.StringIO(to_csv(blocks))))
    old = buffer.getvalue()
    assert old.splitlines()[0] == ",".join(FIRST_COLUMNS)
    assert blocks_of(old, parse_csv) == blocks


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"answer": 6}, "blocks[0].checkins[0].answer"),
        ({"answer": 4.5}, "blocks[0].checkins[0].answer"),
        ({"answer": True}, "blocks[0].checkins[0].answer"),
        ({"stretch_min": "ten"}, "blocks[0].checkins[0].stretch_min"),
        ({"stretch_min": -1}, "blocks[0].checkins[0].stretch_min"),
        ({"phase": "none"}, "blocks[0].checkins[0].phase"),
        ({"at": "2026-11-16T12:00:00+01:00"}, "blocks[0].checkins[0].at"),
        ({"mood": 3}, "blocks[0].checkins[0].mood"),
    ],
)
def test_a_wrong_checkin_is_named(change: dict[str, object], where: str) -> None:
    with pytest.raises(ValidationError) as caught:
        blocks_of(with_checkins(ANSWERED | change))
    assert caught.value.path == where


def test_a_wrong_checkin_row_is_named() -> None:
    text = to_csv(blocks_of(with_checkins(ANSWERED)))
    broken = text.replace(",4,39,flow", ",four,39,flow")
    with pytest.raises(ValidationError) as caught:
        blocks_of(broken, parse_csv)
    assert caught.value.path.endswith("(answer)")
