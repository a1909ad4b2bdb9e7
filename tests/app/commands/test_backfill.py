"""Backfilling from the command line once later blocks exist: ``add`` a finished block, log
its interruptions with ``interrupt --at``, and every overlap refusal names the block in the
way (its day, its times and its task)."""

import json
from pathlib import Path

from tests.app.cli_runner import assert_clean_error, flowtally
from tests.app.test_cli import AMS


def test_a_forgotten_block_is_added_with_its_interruptions(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "b.sqlite3"), *AMS]
    flowtally("start", "--task", "later", "--at", "2026-11-17 09:00", *db)
    flowtally("stop", "--at", "2026-11-17 10:00", *db)
    added = flowtally(
        "add", "--from", "2026-11-16 13:00", "--to", "2026-11-16 15:00", "-t", "forgotten", *db
    )
    assert "Added a focus block on 'forgotten': Mon 2026-11-16 13:00 to 15:00 (2 h)" in (
        added.stdout
    )
    logged = flowtally("interrupt", "--at", "2026-11-16 14:00", "-s", "call", *db)
    assert (
        "Interruption logged at Mon 16 Nov 14:00 (external, call); it broke flow." in logged.stdout
    )
    report = json.loads(flowtally("report", "--week", "2026-W47", "--json", *db).stdout)
    monday = report["days"][0]
    assert monday["tracked_min"] == 120
    assert monday["by_source"] == {"call": 1}


def test_overlap_refusals_name_the_block_in_the_way(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "o.sqlite3"), *AMS]
    flowtally("add", "--from", "2026-11-16 09:00", "--to", "2026-11-16 12:00", "-t", "API", *db)
    started = flowtally("start", "--at", "2026-11-16 08:00", *db, check=False)
    assert_clean_error(started, "the block of Mon 2026-11-16 09:00-12:00 ('API')")
    overlapping = flowtally(
        "add", "--from", "2026-11-16 11:00", "--to", "2026-11-16 13:00", *db, check=False
    )
    assert_clean_error(overlapping, "would overlap the block of Mon 2026-11-16 09:00-12:00 ('API')")
    backwards = flowtally(
        "add", "--from", "2026-11-16 15:00", "--to", "2026-11-16 14:00", *db, check=False
    )
    assert_clean_error(backwards, "must end after it starts")
    future = flowtally("add", "--from", "10m ago", "--to", "2099-01-01 10:00", *db, check=False)
    assert_clean_error(future, "in the future")
    outside = flowtally("interrupt", "--at", "2026-11-16 13:30", *db, check=False)
    assert_clean_error(outside, "no focus block is running")
