"""``flowtally forecast`` as a user runs it: a real SQLite file holding a shaped history, the
windows as text (English and Dutch), as JSON, and as calendar events that a newer export
replaces."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from data.store import Store
from tests.app.cli_runner import assert_clean_error, flowtally
from tests.tracker.histories import BUSY, ZONE, busy_rate, workdays

TARGET = date(2026, 3, 2)  # 2026-W10: a past week, so the history does not follow the clock
HISTORY = [TARGET - timedelta(weeks=w) for w in range(8, 0, -1)]


@pytest.fixture
def shaped(tmp_path: Path, private_user_folders: Path) -> str:
    path = str(tmp_path / "history.sqlite3")
    with Store.open(path) as store:
        store.import_blocks(workdays({h: busy_rate(h) for h in range(24)}, 3, HISTORY))
    return path


def _forecast(db: str, *words: str, env: dict[str, str] | None = None) -> str:
    return flowtally(
        "--db", db, "--tz", ZONE, "forecast", "--week", "2026-W10", *words, env=env
    ).stdout


def test_the_json_windows_keep_out_of_the_busy_hours(shaped: str) -> None:
    data = json.loads(_forecast(shaped, "--json"))
    assert data["week"] == "2026-W10"
    assert data["history"] == [f"2026-W{w:02d}" for w in range(2, 10)]
    assert data["left_out"] == []
    weekdays = data["days"][:5]
    assert [day["date"] for day in weekdays] == [
        (TARGET + timedelta(days=i)).isoformat() for i in range(5)
    ]
    for day in weekdays:
        assert day["windows"], day
        for window in day["windows"]:
            first, last = int(window["start"][11:13]), int(window["end"][11:13])
            assert all(last <= a or first >= b for a, b in BUSY), window
            assert 0 <= window["low"] <= window["chance"] <= window["high"] <= 1
    assert data["days"][5]["windows"] == data["days"][6]["windows"] == []


def test_the_text_in_english_and_in_dutch(shaped: str) -> None:
    english = _forecast(shaped, env={"LANGUAGE": "en"})
    assert english.startswith("Focus forecast for 2026-W10 (Europe/Amsterdam)")
    assert "Learnt from 8 weeks, 2026-W02 to 2026-W09." in english
    assert "Sat 2026-03-07  no tracked hours on this weekday" in english
    assert " % (" in english
    assert "sure" in english
    dutch = _forecast(shaped, env={"LANGUAGE": "nl"})
    assert dutch.startswith("Focusvoorspelling voor 2026-W10 (Europe/Amsterdam)")
    assert "Geleerd van 8 weken, 2026-W02 tot en met 2026-W09." in dutch
    assert "za 2026-03-07  geen bijgehouden uren op deze weekdag" in dutch


def test_calendar_events_are_replaced_by_a_newer_export(shaped: str, tmp_path: Path) -> None:
    first = tmp_path / "focus.ics"
    flowtally("--db", shaped, "--tz", ZONE, "forecast", "--week", "2026-W10", "-o", str(first))
    events = list(Calendar.from_ical(first.read_bytes()).walk("VEVENT"))
    busy = [e for e in events if e.get("status") != "CANCELLED"]
    assert busy
    assert all(str(e["summary"]) == "Focus" for e in busy)
    assert all(str(e["transp"]) == "OPAQUE" for e in busy)
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == len(events) == 7 * 3  # every day's three ranks, given or cancelled
    again = tmp_path / "again.ics"
    flowtally("--db", shaped, "--tz", ZONE, "forecast", "--week", "2026-W10", "-o", str(again))
    later = list(Calendar.from_ical(again.read_bytes()).walk("VEVENT"))
    assert {str(e["uid"]) for e in later} == uids
    assert min(int(str(e["sequence"])) for e in later) >= max(
        int(str(e["sequence"])) for e in events
    )


def test_thin_weeks_are_named_and_bad_words_get_one_line(
    tmp_path: Path, private_user_folders: Path
) -> None:
    path = str(tmp_path / "thin.sqlite3")
    Store.open(path).close()
    text = flowtally("--db", path, "forecast", "--week", "2026-W10").stdout
    assert "No week with enough tracked time to learn from yet." in text
    assert "Left out, less than 4 h tracked: 2026-W02 (0 min tracked)" in text
    assert_clean_error(flowtally("--db", path, "forecast", "--weeks", "0", check=False), "--weeks")
    assert_clean_error(
        flowtally("--db", path, "forecast", "--week", "2026-W77", check=False), "no week 77"
    )
    missing = tmp_path / "no such folder" / "focus.ics"
    assert_clean_error(
        flowtally("--db", path, "forecast", "-o", str(missing), check=False), "does not exist"
    )
    assert not missing.parent.exists()
