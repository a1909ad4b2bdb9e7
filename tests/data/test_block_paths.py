"""One block, with pauses and interruptions in zones of their own, through every path that
writes it as text (:mod:`tracker.block_codec`): the undo log, the journal, sync to a second
device, and the export. On SQLite and PostgreSQL alike, what comes back says the same: the
times, each record's zone, the ids where the path keeps them, and a new revision for each
write."""

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.journal import Journal
from data.rows import BLOCKS, INTERRUPTIONS, PAUSES
from data.store import Store
from tests.postgres_server import PostgresServer
from tracker.interchange import parse_json, to_json
from tracker.model import Block, Interruption
from tracker.settings import load_zone
from tracker.timeparse import format_iso
from tracker.types import Kind

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
HOME, TRIP, AWAY = "Europe/Amsterdam", "America/New_York", "Asia/Tokyo"


def t(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened


def records(block: Block) -> list[tuple[object, ...]]:
    """What a path must keep beyond the times: each record's id, zone, and state."""
    return [
        *((p.id, p.timezone) for p in block.pauses),
        *((i.id, i.timezone, i.ongoing, i.kind, i.source, i.note) for i in block.interruptions),
    ]


def revision(store: Store, block_id: int | None) -> int:
    with store.engine.connect() as connection:
        value: int = connection.execute(
            select(BLOCKS.c.revision).where(BLOCKS.c.id == block_id)
        ).scalar_one()
        return value


def a_day(store: Store) -> Block:
    """A block begun at home, interrupted from abroad, paused on a trip."""
    store.start(t(0), HOME, "zones")
    store.interrupt(Interruption(t(10), t(15), Kind.INTERNAL, "chat", "from Tokyo", AWAY))
    store.pause(t(30), TRIP)
    store.resume(t(40))
    store.press(Interruption(t(50), None, timezone=AWAY, ongoing=True))
    running = store.running()
    assert running is not None
    return running


def test_the_undo_log_puts_a_block_back_with_its_ids_and_zones(store: Store) -> None:
    before = a_day(store)
    first = revision(store, before.id)
    store.back(t(55))
    after_back = revision(store, before.id)
    undone = store.undo()
    restored = store.running()
    assert restored == before
    assert records(restored) == records(before)  # the ongoing interruption is going on again
    assert restored.timezone == HOME
    assert first < after_back < revision(store, before.id)
    assert undone.block_id == before.id


def test_a_step_an_earlier_version_kept_is_still_undone(store: Store) -> None:
    """Steps written before the codec kept each record as a positional list."""
    before = a_day(store)
    store.back(t(55))
    (pause,) = before.pauses
    timed, going = before.interruptions
    assert pause.end is not None

    def listed(i: Interruption) -> list[object]:
        end = i.end.isoformat() if i.end else None
        return [i.at.isoformat(), end, i.kind.value, i.source, i.note, i.timezone, i.id, i.ongoing]

    kept = {
        "start": before.start.isoformat(),
        "end": None,
        "task": before.task,
        "zone": before.timezone,
        "pauses": [[pause.start.isoformat(), pause.end.isoformat(), TRIP, pause.id]],
        "interruptions": [listed(i) for i in (timed, going)],
    }
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE undo_steps SET before = :kept WHERE id = (SELECT max(id) FROM undo_steps)"
            ),
            {"kept": json.dumps(kept)},
        )
    store.undo()
    restored = store.running()
    assert restored == before
    assert records(restored) == records(before)


def test_the_journal_keeps_a_moment_as_it_was_pressed(tmp_path: Path) -> None:
    pressed = Interruption(t(50), None, Kind.EXTERNAL, "phone", "the courier", AWAY, ongoing=True)
    timed = Interruption(t(60), t(61), Kind.INTERNAL, "self", None, TRIP)
    journal = Journal(tmp_path / "journal.jsonl")
    journal.append(pressed)
    journal.append(timed)
    journal.close()
    kept = [entry.kept for entry in Journal(tmp_path / "journal.jsonl").entries()]
    assert kept == [pressed, timed]
    assert [(k.timezone, k.ongoing) for k in kept if isinstance(k, Interruption)] == [
        (AWAY, True),
        (TRIP, False),
    ]


def test_a_journal_line_an_earlier_version_wrote_is_read(tmp_path: Path) -> None:
    line = {
        "id": "0" * 32,
        "at": "2026-11-16T18:00:00+09:00",
        "end": None,
        "kind": "external",
        "source": "door",
        "note": None,
        "zone": AWAY,
        "ongoing": True,
    }
    (tmp_path / "journal.jsonl").write_text(json.dumps(line) + "\n")
    (entry,) = Journal(tmp_path / "journal.jsonl").entries(now=datetime(2026, 11, 17, tzinfo=UTC))
    at = datetime(2026, 11, 16, 9, tzinfo=UTC)
    assert entry.kept == Interruption(at, None, source="door", ongoing=True)
    assert entry.kept.timezone == AWAY


@pytest.mark.postgres
def test_sync_carries_a_block_to_another_device_as_it_is(
    store: Store, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    a_day(store)
    block = store.stop(t(90))
    with postgres_server.database() as target, Store.open(str(tmp_path / "b.sqlite3")) as other:
        store.sync(target)
        other.sync(target)
        (pulled,) = other.all_blocks()
        assert pulled == block
        assert pulled.timezone == HOME
        assert [(p.timezone,) for p in pulled.pauses] == [(TRIP,)]
        assert [(i.timezone, i.note) for i in pulled.interruptions] == [
            (AWAY, "from Tokyo"),
            (AWAY, None),
        ]
        assert revision(other, pulled.id) == revision(store, block.id)
        assert uids(other, pulled.id) == uids(store, block.id)
        # edited on the second device, the first gets the edit with the same records
        other.update(pulled.id or 0, lambda b: replace(b, task="synced back"))
        other.sync(target)
        store.sync(target)
        (back,) = store.all_blocks()
        assert back.task == "synced back"
        assert uids(store, back.id) == uids(other, pulled.id)
        assert revision(store, back.id) == revision(other, pulled.id)


def uids(store: Store, block_id: int | None) -> tuple[list[str], list[str]]:
    with store.engine.connect() as connection:
        return (
            sorted(connection.scalars(select(PAUSES.c.uid).where(PAUSES.c.block_id == block_id))),
            sorted(
                connection.scalars(
                    select(INTERRUPTIONS.c.uid).where(INTERRUPTIONS.c.block_id == block_id)
                )
            ),
        )


def test_the_export_writes_what_an_import_reads_back(store: Store) -> None:
    a_day(store)
    block = store.stop(t(90))
    exported = json.loads(to_json([block]))["blocks"][0]
    assert exported["start"] == format_iso(block.start, load_zone(HOME))  # as model.md says
    assert exported["pauses"] == [
        {"start": format_iso(t(30), load_zone(HOME)), "end": format_iso(t(40), load_zone(HOME))}
    ]
    assert "tz" not in exported
    assert all("id" not in i and "tz" not in i for i in exported["interruptions"])
    (record,) = parse_json(to_json([block]), TRIP)
    assert record.block == block
    assert record.block.timezone == TRIP  # an import records in the effective zone
