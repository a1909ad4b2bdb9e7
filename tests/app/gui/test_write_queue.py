"""The write queue replaying a journal after a crash, on a real SQLite file: what was stored
just before the crash (its "done" line never written) is recognised, not done twice."""

import json
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


def test_a_line_no_press_could_make_is_set_aside_once_and_blocks_nothing(tmp_path: Path) -> None:
    """A lone surrogate, a date in 2199 and an unknown zone: each once blocked every press
    after it (or made the running block unstoppable)."""
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.append(press(10))
    journal.close()
    good = json.loads(path.read_text().splitlines()[0])
    bad = [
        {**good, "id": "surrogate", "note": "\udcff"},
        {**good, "id": "future", "at": "2199-12-31T00:00:00+00:00"},
        {**good, "id": "zone", "zone": "Mars/Olympus_Mons"},
    ]
    with path.open("a") as handle:
        for record in bad:
            handle.write(json.dumps(record) + "\n")
    journal = Journal(path)
    journal.append(BackAt(T0 + timedelta(minutes=15), ZONE))
    journal.append(press(20))
    journal.close()
    with Store.open(str(tmp_path / "f.sqlite3")) as store:
        store.start(T0, ZONE)
        reported: list[str] = []
        queue = WriteQueue(Journal(path), reported.append, 5)
        assert queue.load() == 3
        assert len(reported) == 3
        assert all("set aside in" in line for line in reported)
        queue.drain(store, "")
        running = store.running()
        assert running is not None
        assert [i.at for i in running.interruptions] == [press(10).at, press(20).at]
        assert store.stop(T0 + timedelta(minutes=30)).end is not None  # stoppable
    rejected = (tmp_path / "journal.rejected").read_text(errors="surrogateescape").splitlines()
    assert [json.loads(line)["id"] for line in rejected] == ["surrogate", "future", "zone"]
    again: list[str] = []
    assert WriteQueue(Journal(path), again.append, 5).load() == 0
    assert again == []  # said once
