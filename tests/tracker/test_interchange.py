"""The JSON and CSV formats: round trips, defaults, and errors that name the record."""

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from tracker.errors import ValidationError
from tracker.interchange import Record, parse_json, to_json
from tracker.interchange_csv import parse_csv, to_csv
from tracker.model import Block
from tracker.types import Kind

ZONE = "Europe/Amsterdam"
DOC = {
    "format": "flowtally/1",
    "blocks": [
        {
            "start": "2026-11-16T09:00:00+01:00",
            "end": "2026-11-16T11:00:00+01:00",
            "task": "API design",
            "pauses": [{"start": "2026-11-16T10:00:00+01:00", "end": "2026-11-16T10:05:00+01:00"}],
            "interruptions": [
                {
                    "at": "2026-11-16T09:40:00+01:00",
                    "end": "2026-11-16T09:50:00+01:00",
                    "kind": "external",
                    "source": "chat",
                    "note": 'payload question, "urgent"',
                },
                {"at": "2026-11-16T09:30:00Z"},
            ],
        },
        {"start": "2026-11-17T08:00:00Z", "end": "2026-11-17T09:00:00Z"},
    ],
}


def blocks_of(text: str, parser: Callable[[str, str], list[Record]] = parse_json) -> list[Block]:
    return [r.block for r in parser(text, ZONE)]


def test_json_defaults_and_utc() -> None:
    first, second = blocks_of(json.dumps(DOC))
    assert first.start == datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    assert first.task == "API design"
    assert first.timezone == ZONE
    late = first.interruptions[1]
    assert (late.kind, late.source, late.end, late.note) == (Kind.EXTERNAL, "other", None, None)
    assert second.pauses == ()
    assert second.interruptions == ()


def test_json_round_trip() -> None:
    blocks = blocks_of(json.dumps(DOC))
    again = blocks_of(to_json(blocks))
    assert again == blocks
    exported = json.loads(to_json(blocks))
    assert exported["blocks"][0]["start"] == "2026-11-16T09:00:00+01:00"


def test_csv_round_trip_keeps_commas_and_quotes() -> None:
    blocks = blocks_of(json.dumps(DOC))
    text = to_csv(blocks)
    assert text.splitlines()[0] == (
        "record,block_start,block_end,task,start,end,kind,source,note,answer,stretch_min,phase,"
        "interruptions_recorded,imported_from"
    )
    assert blocks_of(text, parse_csv) == blocks


def test_csv_rows_may_come_in_any_order() -> None:
    lines = to_csv(blocks_of(json.dumps(DOC))).splitlines()
    shuffled = "\n".join([lines[0], *reversed(lines[1:])])
    parsed = sorted(blocks_of(shuffled, parse_csv), key=lambda b: b.start)
    assert parsed == blocks_of(json.dumps(DOC))


def broken(path: list[object], value: object) -> str:
    doc = json.loads(json.dumps(DOC))
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"line 1 column 2: not valid JSON"),
        ("[]", "JSON object"),
        (broken(["format"], "flowtally/2"), "format: expected 'flowtally/1'"),
        (broken(["blocks", 1, "end"], KeyError), r"blocks\[1\]\.end: missing"),
        (broken(["blocks", 1, "end"], "2026-11-17T07:00:00Z"), r"blocks\[1\]\.end: .*end after"),
        (broken(["blocks", 1, "start"], "2026-11-17 08:00"), r"blocks\[1\]\.start: .*no offset"),
        (broken(["blocks", 1, "start"], "yesterday"), r"blocks\[1\]\.start: .*not an ISO 8601"),
        (broken(["blocks", 1, "start"], 12), r"blocks\[1\]\.start: expected an ISO 8601 time"),
        (
            broken(["blocks", 0, "interruptions", 1, "at"], "2026-11-16T12:00:00+01:00"),
            r"blocks\[0\]\.interruptions\[1\]\.at: the interruption is outside its block",
        ),
        (
            broken(["blocks", 0, "interruptions", 1, "at"], "2026-11-16T11:00:00+01:00"),
            r"interruptions\[1\]\.at: the interruption is outside",
        ),
        (
            broken(["blocks", 0, "interruptions", 0, "kind"], "boss"),
            r"interruptions\[0\]\.kind: kind must be 'internal' or 'external'",
        ),
        (
            broken(["blocks", 0, "interruptions", 0, "end"], "2026-11-16T09:30:00+01:00"),
            r"interruptions\[0\]\.end: an interruption cannot end before it starts",
        ),
        (broken(["blocks", 0, "pauses", 0, "end"], KeyError), r"pauses\[0\]\.end: missing"),
        (
            broken(
                ["blocks", 0, "pauses", 0],
                {"start": "2026-11-16T11:00:00+01:00", "end": "2026-11-16T11:30:00+01:00"},
            ),
            r"blocks\[0\]\.pauses\[0\]: the pause lies outside its block",
        ),
        (broken(["blocks", 0, "interuptions"], []), r"blocks\[0\]\.interuptions: unknown field"),
        (
            broken(["blocks", 1, "start"], "2026-11-16T10:30:00+01:00"),
            r"blocks\[1\]: overlaps blocks\[0\]",
        ),
        (broken(["blocks", 0, "interruptions", 0, "source"], "x" * 41), r"source: longer than"),
        (broken(["blocks", 0, "interruptions", 0, "note"], 5), r"note: expected text"),
    ],
)
def test_json_errors_name_the_record(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_json(text, ZONE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the file is empty"),
        ("a,b\n", "line 1: expected the columns"),
        (
            "record,block_start,block_end,task,start,end,kind,source,note\nblock,x\n",
            "line 2: expected 9 columns",
        ),
        (
            "record,block_start,block_end,task,start,end,kind,source,note\n"
            "block,2026-11-16T09:00:00Z,2026-11-16T08:00:00Z,,,,,,\n",
            r"line 2 \(block_end\)",
        ),
        (
            "record,block_start,block_end,task,start,end,kind,source,note\n"
            "block,2026-11-16T09:00:00Z,2026-11-16T10:00:00Z,,,,,,\n"
            "interruption,2026-11-16T09:00:00Z,,,2026-11-16T10:30:00Z,,,,\n",
            r"line 3 \(start\): the interruption is outside its block",
        ),
        (
            "record,block_start,block_end,task,start,end,kind,source,note\n"
            "pause,2026-11-16T09:00:00Z,,,2026-11-16T09:10:00Z,2026-11-16T09:20:00Z,,,\n",
            r"line 2 \(block_start\): no block row",
        ),
        (
            "record,block_start,block_end,task,start,end,kind,source,note\n"
            "meeting,2026-11-16T09:00:00Z,,,,,,,\n",
            r"line 2 \(record\)",
        ),
        (
            "record,block_start,block_end,task,start,end,kind,source,note\n"
            "block,2026-11-16T09:00:00Z,2026-11-16T10:00:00Z,,,,,,\n"
            "block,2026-11-16T09:30:00Z,2026-11-16T10:30:00Z,,,,,,\n",
            r"line 3: overlaps line 2",
        ),
    ],
)
def test_csv_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_csv(text, ZONE)


def test_an_import_records_the_block_its_pauses_and_interruptions_in_its_zone() -> None:
    text = json.dumps(
        {
            "format": "flowtally/1",
            "blocks": [
                {
                    "start": "2026-11-16T09:00:00+01:00",
                    "end": "2026-11-16T11:00:00+01:00",
                    "pauses": [
                        {"start": "2026-11-16T09:30:00+01:00", "end": "2026-11-16T09:40:00+01:00"}
                    ],
                    "interruptions": [{"at": "2026-11-16T10:00:00+01:00"}],
                }
            ],
        }
    )
    for parse, content in ((parse_json, text), (parse_csv, to_csv(blocks_of(text)))):
        (record,) = parse(content, "Asia/Tokyo")
        block = record.block
        assert block.timezone == "Asia/Tokyo"
        assert [p.timezone for p in block.pauses] == ["Asia/Tokyo"]
        assert [i.timezone for i in block.interruptions] == ["Asia/Tokyo"]
