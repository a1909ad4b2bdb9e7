"""The store API, run against a SQLite file and a real PostgreSQL server alike."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from data.rows import BLOCKS
from data.store import Store
from tracker.errors import TransitionError, ValidationError
from tracker.interchange import parse_json, to_json
from tracker.model import Interruption, Pause
from tracker.report import week_bounds, week_report
from tracker.settings import ModelParams
from tracker.types import Kind

T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"


def t(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened


def test_a_block_goes_through_its_whole_life(store: Store) -> None:
    store.start(t(0), ZONE, "API design")
    store.interrupt(Interruption(t(40), t(50), Kind.EXTERNAL, "chat", "payload question", ZONE))
    store.pause(t(60), ZONE)
    store.resume(t(70))
    store.interrupt(Interruption(t(100), None, Kind.INTERNAL, "self", None, ZONE))
    stopped = store.stop(t(120))

    assert store.running() is None
    (loaded,) = store.all_blocks()
    assert loaded == stopped
    assert loaded.start == t(0)
    assert loaded.end == t(120)
    assert loaded.task == "API design"
    assert loaded.timezone == ZONE
    assert loaded.pauses == (Pause(t(60), t(70)),)
    assert [i.source for i in loaded.interruptions] == ["chat", "self"]
    assert loaded.interruptions[0].note == "payload question"
    assert loaded.interruptions[0].end == t(50)
    assert all(i.id is not None for i in loaded.interruptions)
    assert loaded.start.tzinfo is not None


def test_transitions_that_do_not_fit_are_refused(store: Store) -> None:
    with pytest.raises(TransitionError, match="no focus block is running"):
        store.pause(t(0), ZONE)
    store.start(t(0), ZONE)
    with pytest.raises(TransitionError, match="already running"):
        store.start(t(5), ZONE)
    with pytest.raises(TransitionError, match="not paused"):
        store.resume(t(5))
    store.pause(t(10), ZONE)
    with pytest.raises(TransitionError, match="paused"):
        store.pause(t(12), ZONE)
    with pytest.raises(TransitionError, match="before"):
        store.resume(t(5))
    assert len(store.all_blocks()) == 1


def test_stopping_while_paused_ends_where_the_pause_began(store: Store) -> None:
    store.start(t(0), ZONE)
    store.pause(t(30), ZONE)
    block = store.stop(t(300))
    assert block.end == t(30)
    assert block.pauses == ()


def test_an_interruption_before_the_block_is_refused_and_nothing_changes(store: Store) -> None:
    store.start(t(10), ZONE)
    with pytest.raises(TransitionError, match="before the running block started"):
        store.interrupt(Interruption(t(5)))
    running = store.running()
    assert running is not None
    assert running.interruptions == ()


def test_a_start_overlapping_a_stored_block_is_refused(store: Store) -> None:
    store.start(t(0), ZONE)
    store.stop(t(60))
    with pytest.raises(TransitionError, match="overlaps"):
        store.start(t(30), ZONE)
    store.start(t(60), ZONE)  # touching is fine
    assert store.running() is not None


def test_blocks_between_finds_the_block_reaching_into_the_range(store: Store) -> None:
    for start in (0, 120, 240):
        store.start(t(start), ZONE)
        store.stop(t(start + 100))
    found = store.blocks_between(t(90), t(200))
    assert [b.start for b in found] == [t(0), t(120)]
    assert store.blocks_between(t(100), t(120)) == []
    assert [b.start for b in store.blocks_between(t(340), t(10_000))] == []
    assert [b.start for b in store.blocks_between(t(339), t(10_000))] == [t(240)]


def test_recent_tasks_most_recent_first(store: Store) -> None:
    for index, task in enumerate(["a", "b", "a", "c"]):
        store.start(t(index * 60), ZONE, task)
        store.stop(t(index * 60 + 30))
    assert store.recent_tasks() == ["c", "a", "b"]


SAMPLE = """{"format": "flowtally/1", "blocks": [
 {"start": "2026-11-16T09:00:00+01:00", "end": "2026-11-16T12:00:00+01:00", "task": "API design",
  "pauses": [{"start": "2026-11-16T10:30:00+01:00", "end": "2026-11-16T10:45:00+01:00"}],
  "interruptions": [{"at": "2026-11-16T10:00:00+01:00", "end": "2026-11-16T10:10:00+01:00",
                     "kind": "external", "source": "person", "note": "question"},
                    {"at": "2026-11-16T11:05:00+01:00"}]},
 {"start": "2026-11-17T23:00:00+01:00", "end": "2026-11-18T01:30:00+01:00"}]}"""


def test_import_is_idempotent(store: Store) -> None:
    records = parse_json(SAMPLE, ZONE)
    blocks = [r.block for r in records]
    first = store.import_blocks(blocks)
    second = store.import_blocks(blocks)
    assert (first.added, first.skipped) == (2, 0)
    assert (second.added, second.skipped) == (0, 2)
    assert store.count() == (2, 1, 2)


def test_new_blocks_after_an_import_get_fresh_ids(store: Store) -> None:
    store.start(t(-600), ZONE)
    store.stop(t(-500))
    store.import_blocks([r.block for r in parse_json(SAMPLE, ZONE)])
    store.start(t(60 * 24 * 5), ZONE)
    store.interrupt(Interruption(t(60 * 24 * 5 + 1)))
    ids = [b.id for b in store.all_blocks()]
    assert len(set(ids)) == len(ids) == 4


def test_import_overlapping_a_different_stored_block_writes_nothing(store: Store) -> None:
    store.start(t(60), ZONE)
    store.stop(t(90))
    records = parse_json(SAMPLE, ZONE)
    with pytest.raises(ValidationError, match=r"blocks\[0\].*overlaps the stored block"):
        store.import_blocks([r.block for r in records], [r.label for r in records])
    assert store.count() == (1, 0, 0)


def test_import_overlapping_the_running_block_is_refused(store: Store) -> None:
    store.start(t(-60 * 24 * 3), ZONE)
    with pytest.raises(ValidationError, match="running block"):
        store.import_blocks([r.block for r in parse_json(SAMPLE, ZONE)])


def test_export_then_import_into_an_empty_store_reproduces_the_report(
    store: Store, tmp_path: object
) -> None:
    store.import_blocks([r.block for r in parse_json(SAMPLE, ZONE)])
    store.start(t(60 * 50), ZONE)
    store.interrupt(Interruption(t(60 * 50 + 20), None, Kind.INTERNAL, "email", None, ZONE))
    store.stop(t(60 * 51))
    monday = date(2026, 11, 16)
    params = ModelParams()
    start, end = week_bounds(monday, ZONE)
    before = week_report(store.blocks_between(start, end), params, ZONE, monday).as_json()

    text = to_json(store.all_blocks())
    with Store.open(f"sqlite:///{tmp_path}/copy.sqlite3") as copy:
        copy.import_blocks([r.block for r in parse_json(text, ZONE)])
        after = week_report(copy.blocks_between(start, end), params, ZONE, monday).as_json()
    assert after == before
    assert before["totals"]["interruptions"] == 3


def test_a_second_running_block_is_refused_by_the_database_itself(store: Store) -> None:
    store.start(t(0), ZONE)
    with store.engine.begin() as connection, pytest.raises(IntegrityError):
        connection.execute(insert(BLOCKS).values(start_utc=t(100), running=True, timezone=ZONE))


def test_update_retags_and_closes_an_interruption_atomically(store: Store) -> None:
    from tracker import edits

    block = store.start(t(0), ZONE)
    assert block.id is not None
    stored = store.interrupt(Interruption(t(30), None, Kind.EXTERNAL, "other", None, ZONE))
    interruption_id = stored.id
    assert interruption_id is not None
    assert stored.at == t(30)
    store.update(block.id, lambda b: edits.retag(b, interruption_id, Kind.INTERNAL, "self", "tea"))
    updated = store.update(block.id, lambda b: edits.close(b, interruption_id, t(37)))
    (interruption,) = updated.interruptions
    assert (interruption.kind, interruption.source, interruption.note) == (
        Kind.INTERNAL,
        "self",
        "tea",
    )
    assert interruption.end == t(37)
    assert interruption.id == interruption_id
    running_block = store.running()
    assert running_block is not None
    assert running_block.interruptions == updated.interruptions


def test_an_interruption_can_be_tagged_after_its_block_stopped(store: Store) -> None:
    from tracker import edits

    store.start(t(0), ZONE)
    stored = store.interrupt(Interruption(t(30), None, Kind.EXTERNAL, "other", None, ZONE))
    assert stored.id is not None
    interruption_id = stored.id
    store.stop(t(60))
    store.update_holding(
        interruption_id, lambda b: edits.retag(b, interruption_id, Kind.INTERNAL, "self", None)
    )
    (block,) = store.all_blocks()
    assert (block.interruptions[0].kind, block.interruptions[0].source) == (Kind.INTERNAL, "self")
    assert block.end == t(60)
    with pytest.raises(TransitionError, match="no longer exists"):
        store.update_holding(interruption_id + 1000, lambda b: b)


def test_update_refuses_a_change_that_overlaps_another_block(store: Store) -> None:
    from dataclasses import replace

    store.start(t(0), ZONE)
    first = store.stop(t(60))
    store.start(t(120), ZONE)
    second = store.stop(t(180))
    assert second.id is not None
    with pytest.raises(TransitionError, match="overlap"):
        store.update(second.id, lambda b: replace(b, start=t(30)))
    with pytest.raises(TransitionError, match="end after it starts"):
        store.update(second.id, lambda b: replace(b, end=t(100)))
    assert [b.start for b in store.all_blocks()] == [first.start, second.start]


def test_heartbeat_belongs_to_the_running_block(store: Store) -> None:
    assert store.heartbeat(t(1)) is False
    store.start(t(0), ZONE)
    assert store.last_heartbeat() is None
    assert store.heartbeat(t(5)) is True
    assert store.last_heartbeat() == t(5)
    store.stop(t(10))
    assert store.last_heartbeat() is None


def test_history_changes_add_replace_delete_and_undo(store: Store) -> None:
    from dataclasses import replace

    from tracker.model import Block

    added = store.change(
        None,
        Block(
            t(0), t(60), "spec", interruptions=(Interruption(t(20), None, Kind.EXTERNAL, "chat"),)
        ),
    )
    assert added is not None
    assert added.id is not None
    retitled = store.change(added, replace(added, task="spec review"))
    assert retitled is not None
    assert retitled.id == added.id
    assert retitled.interruptions[0].id == added.interruptions[0].id  # the row is kept
    assert store.change(retitled, None) is None
    assert store.count() == (0, 0, 0)
    # Undo the delete: the block comes back with its interruption.
    restored = store.change(None, retitled)
    assert restored == retitled
    assert store.count() == (1, 0, 1)


def test_a_history_change_on_a_stale_block_is_refused(store: Store) -> None:
    from dataclasses import replace

    from tracker.model import Block

    added = store.change(None, Block(t(0), t(60), "spec"))
    assert added is not None
    store.update(added.id or 0, lambda b: replace(b, task="changed elsewhere"))
    with pytest.raises(TransitionError, match="changed or removed meanwhile"):
        store.change(added, replace(added, task="mine"))
    with pytest.raises(TransitionError, match="changed or removed meanwhile"):
        store.change(added, None)
    assert [b.task for b in store.all_blocks()] == ["changed elsewhere"]


def test_a_history_change_cannot_overlap_or_break_the_rules(store: Store) -> None:
    from dataclasses import replace

    from tracker.model import Block

    first = store.change(None, Block(t(0), t(60)))
    second = store.change(None, Block(t(60), t(90)))
    assert first is not None
    assert second is not None
    with pytest.raises(TransitionError, match="overlap"):
        store.change(None, Block(t(30), t(70)))
    with pytest.raises(TransitionError, match="overlap"):
        store.change(second, replace(second, start=t(59)))
    with pytest.raises(TransitionError, match="end after it starts"):
        store.change(first, replace(first, end=t(0)))
    store.start(t(120), ZONE)
    with pytest.raises(TransitionError, match="overlap"):
        store.change(None, Block(t(110), t(130)))
    assert len(store.all_blocks()) == 3
