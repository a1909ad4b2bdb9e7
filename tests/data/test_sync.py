"""Sync between devices: two SQLite files and one real PostgreSQL server. Each device logs,
edits and deletes on its own; after both sync, both hold the same history, the server's
copy of every block is the newest version, and a report counts each minute once."""

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.errors import StoreError
from data.store import Store
from tests.postgres_server import PostgresServer
from tracker.errors import TransitionError
from tracker.model import Block, Interruption, Pause
from tracker.report import week_report
from tracker.settings import ModelParams
from tracker.types import Kind

pytestmark = pytest.mark.postgres
NINE = datetime(2026, 11, 16, 9, tzinfo=UTC)
PARAMS = ModelParams(15, 30, 25)


def at(minutes: float) -> datetime:
    return NINE + timedelta(minutes=minutes)


@pytest.fixture
def target(postgres_server: PostgresServer) -> Iterator[str]:
    with postgres_server.database() as url:
        yield url


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "laptop.sqlite3")) as store:
        yield store


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "desktop.sqlite3")) as store:
        yield store


def history(store: Store) -> list[tuple[object, ...]]:
    """What a person sees of their history, device-independent: every block with its records."""
    return sorted((b.start, b.end, b.task, b.pauses, b.interruptions) for b in store.all_blocks())


def block(start: float, end: float, task: str, *interruptions: float) -> Block:
    return Block(
        at(start),
        at(end),
        task,
        interruptions=tuple(
            Interruption(at(m), None, Kind.EXTERNAL, "chat") for m in interruptions
        ),
    )


def test_two_devices_log_edit_and_delete_apart_and_end_with_one_history(
    laptop: Store, desktop: Store, target: str
) -> None:
    kept = laptop.add(block(0, 60, "spec", 20))
    gone = laptop.add(block(120, 180, "mail"))
    desktop.add(block(30, 150, "review", 45))  # at the same time as the laptop's: allowed
    first = laptop.sync(target)
    assert (first.pushed, first.pulled) == (2, 0)
    second = desktop.sync(target)
    assert (second.pushed, second.pulled) == (1, 2)

    laptop.change(kept, replace(kept, task="spec v2", pauses=(Pause(at(40), at(45)),)))
    laptop.change(gone, None)
    (review,) = [b for b in desktop.all_blocks() if b.task == "review"]
    desktop.change(review, replace(review, end=at(140)))
    laptop.sync(target)
    desktop.sync(target)
    laptop.sync(target)

    assert history(laptop) == history(desktop)
    assert {b.task for b in laptop.all_blocks()} == {"spec v2", "review"}
    assert laptop.sync_state().waiting == desktop.sync_state().waiting == 0
    nothing = desktop.sync(target)
    assert (nothing.pushed, nothing.pulled) == (0, 0)
    # Each minute once: 09:00 to 11:20 (the blocks overlap from 09:30 to 10:00), less
    # the laptop's 5-minute pause, which the desktop's block covers.
    report = week_report(desktop.all_blocks(), PARAMS, "UTC", NINE.date(), now=at(600))
    assert report.totals.tracked == timedelta(minutes=140)
    assert report == week_report(laptop.all_blocks(), PARAMS, "UTC", NINE.date(), now=at(600))


def test_the_same_push_twice_changes_nothing(
    laptop: Store, desktop: Store, target: str, tmp_path: Path
) -> None:
    laptop.add(block(0, 60, "spec"))
    laptop.sync(target)
    # The push went through, but its answer was lost: the block is still marked to push.
    with sqlite3.connect(tmp_path / "laptop.sqlite3") as raw:
        raw.execute("UPDATE blocks SET dirty = 1")
    again = laptop.sync(target)
    assert again.pushed == 1
    desktop.sync(target)
    assert history(desktop) == history(laptop)
    assert len(desktop.all_blocks()) == 1


def test_a_server_that_is_down_changes_nothing_here_and_says_so_once(
    laptop: Store, tmp_path: Path
) -> None:
    laptop.add(block(0, 60, "spec"))
    before = history(laptop)
    with pytest.raises(StoreError) as refused:
        laptop.sync("postgresql://flowtally:secret-word@127.0.0.1:9/flowtally")
    message = str(refused.value)
    assert message.startswith("cannot sync with postgresql://flowtally:***@127.0.0.1:9/flowtally")
    assert "secret-word" not in message
    assert "\n" not in message
    assert history(laptop) == before
    state = laptop.sync_state()
    assert state.waiting == 1
    assert state.problem == message


def test_a_sync_target_must_be_postgresql(laptop: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="must be a PostgreSQL database"):
        laptop.sync(str(tmp_path / "other.sqlite3"))


# ---------------------------------------------------------------- convergence

edits = st.lists(
    st.tuples(
        st.sampled_from(["laptop", "desktop"]),
        st.sampled_from(["add", "retitle", "delete", "sync"]),
        st.integers(min_value=0, max_value=40),
    ),
    min_size=1,
    max_size=14,
)


@given(plan=edits, final_order=st.booleans())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_interleaving_of_edits_synced_in_any_order_converges(
    postgres_server: PostgresServer,
    tmp_path_factory: pytest.TempPathFactory,
    plan: list[tuple[str, str, int]],
    final_order: bool,
) -> None:
    folder = tmp_path_factory.mktemp("devices")
    with (
        postgres_server.database() as url,
        Store.open(str(folder / "laptop.sqlite3")) as laptop,
        Store.open(str(folder / "desktop.sqlite3")) as desktop,
    ):
        devices = {"laptop": laptop, "desktop": desktop}
        for who, what, n in plan:
            store = devices[who]
            blocks = store.all_blocks()
            if what == "add":
                start = n * 90 + (0 if who == "laptop" else 30)  # overlapping across devices
                with contextlib.suppress(TransitionError):  # overlaps its own device's
                    store.add(block(start, start + 60, f"{who} {n}"))
            elif what == "retitle" and blocks:
                chosen = blocks[n % len(blocks)]
                store.change(chosen, replace(chosen, task=f"{chosen.task} by {who}"))
            elif what == "delete" and blocks:
                store.change(blocks[n % len(blocks)], None)
            elif what == "sync":
                store.sync(url)
        order = [laptop, desktop] if final_order else [desktop, laptop]
        for store in (*order, *order):
            store.sync(url)
        assert history(laptop) == history(desktop)


def test_a_new_target_gets_the_whole_history_not_only_what_changed_since(
    laptop: Store, desktop: Store, postgres_server: PostgresServer
) -> None:
    """Moving to another server (or joining a team) must not leave behind what the old one
    already had."""
    with postgres_server.database() as old, postgres_server.database() as new:
        laptop.add(block(0, 60, "spec", 20))
        laptop.add(block(120, 180, "mail"))
        laptop.sync(old)
        gone = laptop.add(block(200, 230, "gone"))
        laptop.sync(old)
        laptop.change(gone, None)
        assert laptop.sync(new).pushed == 3  # two blocks and the tombstone
        desktop.sync(new)
        assert history(desktop) == history(laptop)
