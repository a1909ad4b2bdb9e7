"""``flowtally import`` of another tool's history, as a user runs it: the kind recognised
from the file, ``--dry-run`` writing nothing, a second import adding nothing, overlaps
refused or skipped, and the history surviving import → report → export → import whole."""

import json
import os
import resource
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data.store import Store
from tests.app.cli_runner import assert_clean_error, flowtally
from tests.tracker.foreign.writers import (
    clockify_csv,
    flowkeeper_event,
    focus_timer_db,
    hamster_db,
    toggl_export,
)

ZONE = ("--tz", "Europe/Amsterdam")
WEEK = ("--week", "2026-W45")
NINE = datetime(2026, 11, 2, 8, tzinfo=UTC)


def _flowkeeper(folder: Path) -> Path:
    path = folder / "flowkeeper-data.txt"
    lines = [
        flowkeeper_event(1, "2026-11-02 08:00:00+00:00", "CreateWorkitem", "w1", "b1", "Draft"),
        flowkeeper_event(2, "2026-11-02 09:00:00+00:00", "StartTimer", "w1", "3000", "300"),
        flowkeeper_event(3, "2026-11-02 09:40:00+00:00", "AddInterruption", "w1", "Chat", "90"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _clockify(folder: Path) -> Path:
    path = folder / "Clockify_Time_Report.csv"
    rows = [("API", "Spec", "11/02/2026", "01:00 PM", "11/02/2026", "03:00 PM", "x")]
    rows.append(("API", "Spec", "11/13/2026", "01:00 PM", "11/13/2026", "02:00 PM", ""))
    path.write_text(clockify_csv(rows), encoding="utf-8")
    return path


def _focus_timer(folder: Path) -> Path:
    return focus_timer_db(
        folder / "database.sqlite",
        [(NINE, NINE + timedelta(minutes=25), "pomodoro", "completed")],
        gaps=[(1, NINE + timedelta(minutes=10), NINE + timedelta(minutes=12), "1")],
    )


def _hamster(folder: Path) -> Path:
    facts = [("2026-11-04 14:00:00", "2026-11-04 16:00:00", "Review", "PR 12", ["code"])]
    return hamster_db(folder / "hamster.db", facts)


WRITERS = {
    "toggl": toggl_export,
    "flowkeeper": _flowkeeper,
    "clockify": _clockify,
    "focus-timer": _focus_timer,
    "hamster": _hamster,
}


def _report(db: str) -> dict[str, object]:
    report = json.loads(flowtally("--db", db, "report", *WEEK, "--json", *ZONE).stdout)
    return report  # type: ignore[no-any-return]


@pytest.mark.parametrize("source", sorted(WRITERS))
def test_a_history_from_another_tool_survives_report_export_and_import_whole(
    source: str, tmp_path: Path, private_user_folders: Path
) -> None:
    path = WRITERS[source](tmp_path)
    db, again = str(tmp_path / "first.sqlite3"), str(tmp_path / "again.sqlite3")
    said = flowtally("--db", db, "import", str(path), *ZONE).stdout
    assert said.startswith("Imported "), said
    with Store.open(db) as store:
        stored = store.all_blocks(finished_only=True)
    assert stored
    assert all(b.imported_from == source for b in stored)
    unrecorded = source in ("toggl", "clockify", "hamster")
    assert all(b.interruptions_recorded is not unrecorded for b in stored)
    text = flowtally("--db", db, "report", *WEEK, *ZONE).stdout
    assert ("Without interruption records" in text) is unrecorded
    report = _report(db)
    totals = report["totals"]
    assert isinstance(totals, dict)
    assert (totals["unrecorded_min"] > 0) is unrecorded
    exported = tmp_path / "export.json"
    flowtally("--db", db, "export", "-o", str(exported), *ZONE)
    flowtally("--db", again, "import", str(exported), *ZONE)
    assert _report(again) == report
    second = flowtally("--db", db, "import", str(path), *ZONE).stdout
    assert second.startswith("Imported 0 blocks"), second


def test_a_dry_run_says_what_would_come_and_writes_nothing_in_both_languages(
    tmp_path: Path,
) -> None:
    path, db = toggl_export(tmp_path), str(tmp_path / "f.sqlite3")
    said = flowtally("--db", db, "import", str(path), "--dry-run", *ZONE, env={"LANGUAGE": "en"})
    assert "From Toggl Track: 2 blocks, 0 interruptions, 0 pauses." in said.stdout
    assert "Days: 2026-11-02 to 2026-11-03." in said.stdout
    assert "Left out: 1 x still running (no end) (line 4)" in said.stdout
    assert "Nothing was written" in said.stdout
    dutch = flowtally("--db", db, "import", str(path), "--dry-run", *ZONE, env={"LANGUAGE": "nl"})
    assert "Uit Toggl Track: 2 blokken" in dutch.stdout
    assert "nog bezig (geen einde)" in dutch.stdout
    with Store.open(db) as store:
        assert store.all_blocks() == []


def test_an_overlap_with_a_stored_block_is_refused_naming_both_or_skipped_and_listed(
    tmp_path: Path,
) -> None:
    path, db = toggl_export(tmp_path), str(tmp_path / "f.sqlite3")
    flowtally("--db", db, "add", "--from", "2026-11-02 10:00", "--to", "2026-11-02 10:30", *ZONE)
    refused = flowtally("--db", db, "import", str(path), *ZONE, check=False)
    assert_clean_error(refused, "line 2", "overlaps the stored block", "nothing was imported")
    with Store.open(db) as store:
        assert len(store.all_blocks()) == 1
    skipped = flowtally("--db", db, "import", str(path), "--skip-overlaps", *ZONE).stdout
    assert "Imported 1 block from" in skipped
    assert "Left out, overlapping a stored block: 1 x overlaps the stored block" in skipped
    assert "(line 2)" in skipped


def test_an_unknown_file_a_wrong_kind_and_a_huge_file_are_one_clear_line(tmp_path: Path) -> None:
    db = str(tmp_path / "f.sqlite3")
    notes = tmp_path / "notes.txt"
    notes.write_text("groceries\nmilk\n")
    unknown = flowtally("--db", db, "import", str(notes), check=False)
    assert_clean_error(unknown, "cannot tell which tool", "flowkeeper, focus-timer, toggl")
    wrong = flowtally("--db", db, "import", str(notes), "--from", "hamster", check=False)
    assert_clean_error(wrong, "cannot read the database")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # 2 GB, sparse: nothing is really written
        handle.truncate(2 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    too_big = flowtally("--db", db, "import", str(huge), "--from", "toggl", check=False)
    assert_clean_error(too_big, "at most 100 MB", "nothing was imported")
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss <= max(before, 200 * 1024)
    with Store.open(db) as store:
        assert store.all_blocks() == []
    os.unlink(huge)
