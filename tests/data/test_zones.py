"""The zone rule, on every backend and through every writer: a block, each pause and each
interruption keep the zone they were recorded in (see :mod:`data.rows`)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from data.store import Store
from tracker.model import Block, Interruption, Pause

T0 = datetime(2026, 11, 16, 8, tzinfo=UTC)


def zones(block: Block) -> tuple[str, list[str], list[str]]:
    return (
        block.timezone,
        [p.timezone for p in block.pauses],
        [i.timezone for i in block.interruptions],
    )


def test_live_writes_keep_each_record_s_zone(database_url: str) -> None:
    with Store.open(database_url) as store:
        store.start(T0, "Europe/Amsterdam", "flight")
        store.pause(T0 + timedelta(minutes=30), "Asia/Tokyo")
        store.resume(T0 + timedelta(minutes=40))
        store.interrupt(
            Interruption(T0 + timedelta(minutes=50), source="chat", timezone="America/New_York")
        )
        stopped = store.stop(T0 + timedelta(hours=2))
        (read,) = store.all_blocks()
    assert zones(stopped) == zones(read)
    assert zones(read) == ("Europe/Amsterdam", ["Asia/Tokyo"], ["America/New_York"])


def test_update_and_change_keep_the_zones_of_what_they_do_not_touch(database_url: str) -> None:
    block = Block(
        T0,
        T0 + timedelta(hours=3),
        "long",
        (Pause(T0 + timedelta(minutes=10), T0 + timedelta(minutes=20), "Asia/Tokyo"),),
        (Interruption(T0 + timedelta(minutes=30), timezone="America/New_York"),),
        "Europe/Amsterdam",
    )
    with Store.open(database_url) as store:
        store.import_blocks([block])
        (stored,) = store.all_blocks()
        assert stored.id is not None
        extra = Pause(
            T0 + timedelta(hours=1), T0 + timedelta(hours=1, minutes=5), "Australia/Sydney"
        )
        updated = store.update(stored.id, lambda b: replace(b, pauses=(*b.pauses, extra)))
        note = Interruption(T0 + timedelta(hours=2), source="call", timezone="Asia/Kolkata")
        changed = store.change(
            updated, replace(updated, interruptions=(*updated.interruptions, note))
        )
        (read,) = store.all_blocks()
    assert changed is not None
    assert zones(read) == zones(changed)
    assert zones(read) == (
        "Europe/Amsterdam",
        ["Asia/Tokyo", "Australia/Sydney"],
        ["America/New_York", "Asia/Kolkata"],
    )
    assert read == changed


def test_an_import_keeps_the_zones_it_is_given(database_url: str) -> None:
    block = Block(
        T0,
        T0 + timedelta(hours=1),
        None,
        (Pause(T0 + timedelta(minutes=5), T0 + timedelta(minutes=6), "Asia/Tokyo"),),
        (Interruption(T0 + timedelta(minutes=7), timezone="America/New_York"),),
        "Europe/Amsterdam",
    )
    with Store.open(database_url) as store:
        store.import_blocks([block])
        (read,) = store.all_blocks()
    assert read == block
    assert zones(read) == zones(block)
