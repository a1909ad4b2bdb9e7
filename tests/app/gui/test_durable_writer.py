"""The app's durable writer without Qt, on a real SQLite file held by a real lock: a moment
the database cannot take is in the journal before the writer answers, it is stored in
order once the lock goes, and a command behind it is told why it waits."""

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.commands.writes import Waiting
from app.gui.durable_writer import DurableWriter
from app.journal import Journal
from data.errors import StoreError
from data.store import Store
from tracker.model import Interruption, Pressed
from tracker.types import Kind

ZONE = "Europe/Amsterdam"
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


class Timer:
    """The retry timer's part: whether it runs (the test drains by hand)."""

    def __init__(self) -> None:
        self.active = False

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def isActive(self) -> bool:
        return self.active


class Listener:
    """What the writer told the GUI, in order."""

    def __init__(self) -> None:
        self.stored: list[Pressed] = []
        self.failures: list[str] = []
        self.notices: list[str] = []
        self.changes = 0

    def saved(self, pressed: Sequence[Pressed]) -> None:
        self.stored.extend(pressed)

    def changed(self) -> None:
        self.changes += 1

    def pending(self) -> None:
        pass

    def failed(self, message: str) -> None:
        self.failures.append(message)

    def notice(self, message: str) -> None:
        self.notices.append(message)


@pytest.fixture
def database(tmp_path: Path) -> str:
    path = str(tmp_path / "w.sqlite3")
    with Store.open(path) as store:
        store.start(T0, ZONE, "writing")
    return path


@pytest.fixture
def writer(database: str, tmp_path: Path) -> Iterator[tuple[DurableWriter, Listener, Timer]]:
    listener, timer = Listener(), Timer()
    durable = DurableWriter(Journal(tmp_path / "journal.jsonl"), timer, listener, wait_s=5)
    durable.opened(Store.open(database, busy_timeout_ms=50))
    yield durable, listener, timer
    durable.close()


def press(minutes: float) -> Interruption:
    return Interruption(T0 + timedelta(minutes=minutes), None, timezone=ZONE, ongoing=True)


def test_a_press_on_a_free_database_is_stored_and_said(
    writer: tuple[DurableWriter, Listener, Timer],
) -> None:
    durable, heard, _timer = writer
    pressed = durable.press(press(10))
    assert isinstance(pressed, Pressed)
    assert pressed.new
    assert heard.stored == [pressed]
    assert len(durable.queue) == 0


def test_a_locked_database_keeps_the_press_in_the_journal_first_then_stores_it(
    writer: tuple[DurableWriter, Listener, Timer], database: str, tmp_path: Path
) -> None:
    durable, heard, timer = writer
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        kept = durable.press(press(10))
        assert isinstance(kept, Waiting)
        assert heard.stored == []
        # durable before the answer: the journal on disk holds it
        assert "ongoing" in (tmp_path / "journal.jsonl").read_text()
        assert timer.active
        assert any("Saving is delayed" in line for line in heard.failures)
        behind = durable.interrupt(
            Interruption(T0 + timedelta(minutes=20), T0 + timedelta(minutes=25), Kind.INTERNAL)
        )
        assert behind == Waiting("1 earlier change(s) wait to be saved first")
        durable.drain()  # the lock is still held: nothing is lost, nothing stored
        assert heard.stored == []
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    durable.drain()
    assert [p.new for p in heard.stored] == [True, True]
    assert not timer.active
    assert heard.notices == ["Saved: 2 interruption(s) that had to wait."]
    assert Journal(tmp_path / "journal.jsonl").entries() == []  # nothing left to replay
    block = durable.store.running()
    assert block is not None
    assert [i.at for i in block.interruptions] == [T0 + timedelta(minutes=m) for m in (10, 20)]


def test_without_a_database_the_store_says_why_and_moments_wait(tmp_path: Path) -> None:
    heard, timer = Listener(), Timer()
    durable = DurableWriter(Journal(tmp_path / "journal.jsonl"), timer, heard, wait_s=5)
    durable.unusable("the disk is full")
    with pytest.raises(StoreError, match="the disk is full"):
        _ = durable.store
    assert durable.back(T0, ZONE) == Waiting("the disk is full")
    given_up: list[str] = []
    durable.submit(lambda: None, given_up.append)
    assert given_up == ["the disk is full"]
    assert durable.queue.presses == 0  # a "back" waits, but is not a press
    assert len(durable.queue) == 1
    durable.close()
