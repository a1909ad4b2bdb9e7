"""The store worker on its own thread, against a real SQLite file: presses are committed in
order, and kept and retried (never dropped) while another process holds the write lock."""

import contextlib
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread, Signal, Slot
from pytestqt.qtbot import QtBot

from app.gui import store_protocol as msg
from app.gui.store_protocol import Snapshot, StoreAnswer
from app.gui.store_worker import StoreWorker, stop_worker
from app.language import requests as rq
from data.store import Store
from tracker.edits import Gap, GapChoice, GapReason
from tracker.model import Block
from tracker.types import Kind
from tracker.watch import BlockWatch


class Relay(QObject):
    """Re-emits the worker's answers on the test's (GUI) thread, where QtBot waits, one
    signal for each kind of answer."""

    snapshot_ready = Signal(object)
    interruption_stored = Signal(object)
    failed = Signal(str)
    notice = Signal(str)

    @Slot(object)
    def forward(self, answer: StoreAnswer) -> None:
        match answer:
            case Snapshot():
                self.snapshot_ready.emit(answer)
            case msg.Stored(pressed) if pressed.new and pressed.interruption is not None:
                self.interruption_stored.emit(pressed.interruption)
            case msg.Failed(message):
                self.failed.emit(message)
            case msg.Notice(message):
                self.notice.emit(message)


def press_and_come_back(worker: StoreWorker, presses: list[datetime]) -> None:
    """Three interruptions, each ended by "I'm back" (which waits in the journal alike)."""
    for index, at in enumerate(presses):
        if index:
            worker.requested.emit(rq.Back())
        worker.requested.emit(msg.Press(at))


@pytest.fixture
def relay() -> Relay:
    return Relay()


@pytest.fixture
def worker(qtbot: QtBot, tmp_path: Path, relay: Relay) -> Iterator[StoreWorker]:
    thread = QThread()
    instance = StoreWorker(str(tmp_path / "w.sqlite3"), "Europe/Amsterdam")
    instance.moveToThread(thread)
    instance.answered.connect(relay.forward)
    thread.start()
    with qtbot.waitSignal(relay.snapshot_ready, timeout=10_000):
        instance.requested.emit(msg.Open())
    yield instance
    stop_worker(instance, thread)


def test_a_press_is_stored_then_announced(qtbot: QtBot, worker: StoreWorker, relay: Relay) -> None:
    with qtbot.waitSignal(relay.snapshot_ready) as started:
        worker.requested.emit(rq.Start("writing"))
    snapshot: Snapshot = started.args[0]
    assert snapshot.running is not None
    assert snapshot.running.task == "writing"
    pressed = datetime.now(UTC)
    with qtbot.waitSignal(relay.interruption_stored) as stored:
        worker.requested.emit(msg.Press(pressed))
    interruption = stored.args[0]
    assert interruption.id is not None
    assert interruption.at == pressed


def test_presses_during_a_lock_wait_and_are_stored_in_order(
    qtbot: QtBot, worker: StoreWorker, relay: Relay, tmp_path: Path
) -> None:
    with qtbot.waitSignal(relay.snapshot_ready):
        worker.requested.emit(rq.Start(""))
    blocker = sqlite3.connect(tmp_path / "w.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    first = datetime.now(UTC)
    presses = [first + timedelta(milliseconds=i) for i in range(3)]
    stored: list[datetime] = []
    relay.interruption_stored.connect(lambda i: stored.append(i.at))
    try:
        asked = time.monotonic()
        with qtbot.waitSignal(relay.failed, timeout=15_000) as delayed:
            press_and_come_back(worker, presses)
        # The user hears of the delay within a second, not after a long lock wait.
        assert time.monotonic() - asked < 1.5
        assert "saving is delayed" in delayed.args[0].lower()
        qtbot.wait(3000)  # the lock is held on: presses wait, in memory, and are retried
        assert stored == []
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with qtbot.waitSignal(relay.notice, timeout=10_000) as saved:
        pass
    assert saved.args[0].startswith("Saved: 3 interruption(s)")
    assert stored == presses
    check = sqlite3.connect(tmp_path / "w.sqlite3")
    assert check.execute("SELECT count(*) FROM interruptions").fetchone()[0] == 3
    check.close()


def _truncated(path: Path) -> bytes:
    """A real Flowtally database cut short, as a crash of the disk or a bad copy leaves it."""
    with Store.open(str(path)) as store:
        for day in range(1, 28):
            start = datetime(2026, 10, day, 8, tzinfo=UTC)
            store.import_blocks([Block(start, start + timedelta(hours=1), "x" * 500)])
    return path.read_bytes()[: 3 * 4096]


@pytest.mark.parametrize(
    "damage",
    [lambda _: b"this is not a database " * 200, _truncated],
    ids=["garbage", "truncated"],
)
def test_a_damaged_database_is_left_untouched_and_presses_wait_in_memory(
    qtbot: QtBot, relay: Relay, tmp_path: Path, damage: Callable[[Path], bytes]
) -> None:
    path = tmp_path / "damaged.sqlite3"
    garbage = damage(path)
    for leftover in tmp_path.glob("damaged.sqlite3*"):
        leftover.unlink()
    path.write_bytes(garbage)
    instance, thread = _worker_on(path, relay)
    try:
        with qtbot.waitSignal(relay.failed, timeout=10_000) as failed:
            instance.requested.emit(msg.Open())
        assert "damaged" in failed.args[0]
        assert "kept in memory" in failed.args[0]
        pressed = datetime.now(UTC)
        instance.requested.emit(msg.Press(pressed))
        qtbot.wait(500)
        assert path.read_bytes() == garbage  # never overwritten, never "repaired"

        # The user puts a good database in its place: the worker finds it and saves the press.
        path.unlink()
        with Store.open(str(path)) as good:
            good.start(pressed - timedelta(minutes=5), "Europe/Amsterdam", "recovered")
        with qtbot.waitSignal(relay.interruption_stored, timeout=15_000) as stored:
            pass
        assert stored.args[0].at == pressed
    finally:
        stop_worker(instance, thread)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB file system of its own (tmpfs), to fill up or make read-only."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (CI runs the suite as root)")
    folder = tmp_path / "disk"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _with_running_block(path: Path) -> Path:
    with Store.open(str(path)) as store:
        store.start(datetime.now(UTC) - timedelta(minutes=10), "Europe/Amsterdam", "writing")
    return path


def _worker_on(path: Path, relay: Relay) -> tuple[StoreWorker, QThread]:
    thread = QThread()
    instance = StoreWorker(str(path), "Europe/Amsterdam")
    instance.moveToThread(thread)
    instance.answered.connect(relay.forward)
    thread.start()
    return instance, thread


def test_a_full_disk_delays_saving_and_loses_nothing(
    qtbot: QtBot, relay: Relay, small_disk: Path
) -> None:
    path = _with_running_block(small_disk / "flowtally.sqlite3")
    instance, thread = _worker_on(path, relay)
    filler = small_disk / "filler"
    try:
        with qtbot.waitSignal(relay.snapshot_ready, timeout=10_000):
            instance.requested.emit(msg.Open())
        descriptor = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
        with contextlib.suppress(OSError):  # fill the disk to the last byte
            while os.write(descriptor, b"\0" * 4096):
                pass
        os.close(descriptor)
        presses = [datetime.now(UTC) + timedelta(milliseconds=i) for i in range(3)]
        stored: list[datetime] = []
        relay.interruption_stored.connect(lambda i: stored.append(i.at))
        with qtbot.waitSignal(relay.failed, timeout=10_000) as delayed:
            press_and_come_back(instance, presses)
        assert "saving is delayed" in delayed.args[0].lower()
        assert "full" in delayed.args[0]
        qtbot.wait(1500)
        assert stored == []
        filler.unlink()  # space again: the waiting presses are saved, in order
        qtbot.waitUntil(lambda: stored == presses, timeout=10_000)
    finally:
        stop_worker(instance, thread)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("SELECT count(*) FROM interruptions").fetchone() == (3,)
    check.close()


def test_a_read_only_data_folder_keeps_presses_until_it_is_writable(
    qtbot: QtBot, relay: Relay, small_disk: Path
) -> None:
    path = _with_running_block(small_disk / "flowtally.sqlite3")
    before = path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    instance, thread = _worker_on(path, relay)
    try:
        with qtbot.waitSignal(relay.failed, timeout=10_000) as failed:
            instance.requested.emit(msg.Open())
        assert "kept in memory" in failed.args[0]
        pressed = datetime.now(UTC)
        instance.requested.emit(msg.Press(pressed))
        qtbot.wait(500)
        assert path.read_bytes() == before
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
        with qtbot.waitSignal(relay.interruption_stored, timeout=15_000) as stored:
            pass
        assert stored.args[0].at == pressed
    finally:
        stop_worker(instance, thread)


def test_a_gap_noticed_is_not_asked_about_again_after_a_quick_restart(
    qtbot: QtBot, worker: StoreWorker, relay: Relay, tmp_path: Path
) -> None:
    """Answered, then the app quit before its next heartbeat: the next start must ask only
    about the time since the answer, not the whole span again."""
    start = datetime.now(UTC) - timedelta(minutes=10)
    with Store.open(str(tmp_path / "w.sqlite3")) as store:
        store.start(start, "Europe/Amsterdam")
        store.heartbeat(start + timedelta(minutes=1))
    gap = Gap(start + timedelta(minutes=1), datetime.now(UTC), GapReason.CRASH)
    with qtbot.waitSignal(relay.snapshot_ready, timeout=10_000):
        worker.requested.emit(msg.NoticeGap(gap))
    with qtbot.waitSignal(relay.snapshot_ready, timeout=10_000):
        worker.requested.emit(msg.ResolveGap(gap, GapChoice.FOCUS, Kind.EXTERNAL, "", ""))
    with Store.open(str(tmp_path / "w.sqlite3")) as store:
        running, heartbeat = store.running(), store.last_heartbeat()
    assert heartbeat == gap.end
    assert running is not None
    assert running.pauses == ()  # still focusing: tracked
    restarted = gap.end + timedelta(minutes=2)
    assert BlockWatch().opened(running, heartbeat, restarted) == [
        Gap(gap.end, restarted, GapReason.CRASH)  # only the time since it was answered
    ]
