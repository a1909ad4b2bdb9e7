"""The write queue replaying a journal after a crash, on a real SQLite file: what was stored
just before the crash (its "done" line never written) is recognised, not done twice."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.gui.write_queue import WriteQueue
from app.journal import BackAt, Journal
from data.store import Store
from tracker.model import Interruption

T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"


def press(minutes: float) -> Interruption:
    return Interruption(T0 + timedelta(minutes=minutes), None, timezone=ZONE, ongoing=True)


def test_a_back_stored_just_before_a_crash_is_not_said_again(tmp_path: Path) -> None:
    """The crash came between the commit of "I'm back" and its "done" line; the press after
    it was journaled, never stored."""
    journal = Journal(tmp_path / "journal.jsonl")
    with Store.open(str(tmp_path / "f.sqlite3")) as store:
        store.start(T0, ZONE)
        back = BackAt(T0 + timedelta(minutes=12), ZONE)
        journal.done(journal.append(press(10)))
        store.press(press(10))
        journal.append(back)
        store.back(back.at)
        journal.append(press(20))
        journal.close()

        reported: list[str] = []
        queue = WriteQueue(Journal(tmp_path / "journal.jsonl"), reported.append, 5)
        assert queue.load() == 2
        done = queue.drain(store, "")
        assert reported == []  # no "no interruption is going on" for the replayed back
        assert [p.new for p in done.stored] == [True]
        running = store.running()
        assert running is not None
        first, second = running.interruptions
        assert first.end == back.at
        assert second.at == press(20).at
        assert second.ongoing
        assert not (tmp_path / "journal.jsonl").exists()  # all stored: the journal goes
