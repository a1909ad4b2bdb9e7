"""``flowtally checkin`` and ``flowtally calibrate`` as a user runs them: a real SQLite file,
English and Dutch, JSON, the proposal accepted into the settings, and bad moments refused
with one clear line."""

import json
from pathlib import Path

import pytest

from data.store import Store
from tests.app.cli_runner import assert_clean_error, flowtally
from tests.tracker.histories import ZONE, answered_blocks, answers


@pytest.fixture
def db(tmp_path: Path, private_user_folders: Path) -> str:
    return str(tmp_path / "flowtally.sqlite3")


def test_a_checkin_from_the_terminal_is_kept_with_the_running_block(db: str) -> None:
    flowtally("--db", db, "start", "--at", "40m ago")
    said = flowtally("--db", db, "checkin", "4", env={"LANGUAGE": "en"}).stdout
    assert said.startswith("Check-in kept: 4 of 5, 40")
    assert "(flow)" in said
    dutch = flowtally("--db", db, "checkin", "skip", env={"LANGUAGE": "nl"}).stdout
    assert dutch.startswith("Check-in bewaard als overgeslagen")
    flowtally("--db", db, "interrupt")
    assert_clean_error(flowtally("--db", db, "checkin", "3", check=False), "no stretch")
    flowtally("--db", db, "stop")
    with Store.open(db) as store:
        assert [c.answer for c in store.checkins()] == [4, None]
    exported = json.loads(flowtally("--db", db, "export").stdout)
    assert [c.get("answer") for c in exported["blocks"][0]["checkins"]] == [4, None]


def test_a_checkin_without_a_block_or_off_the_scale_is_one_clear_line(db: str) -> None:
    assert_clean_error(flowtally("--db", db, "checkin", "4", check=False), "no block")
    wrong = flowtally("--db", db, "checkin", "7", check=False)
    assert wrong.returncode == 2
    assert "Traceback" not in wrong.stderr


def test_calibrate_says_what_is_missing_then_proposes_and_accepts(db: str) -> None:
    words = ("--db", db, "--tz", ZONE, "calibrate")
    empty = flowtally(*words, env={"LANGUAGE": "en"}).stdout
    assert "Not enough check-ins to calibrate yet: 0 answers over 0 days" in empty
    assert_clean_error(flowtally(*words, "--accept", check=False), "no proposal")
    with Store.open(db) as store:
        store.import_blocks(answered_blocks(answers(11, 12, 40, days=10, per_day=8)))
    english = flowtally(*words, env={"LANGUAGE": "en"}).stdout
    assert english.startswith("From 80 answers over 10 days:")
    assert "95 % interval" in english
    assert "now 15" in english
    assert "now 30" in english
    dutch = flowtally(*words, env={"LANGUAGE": "nl"}).stdout
    assert dutch.startswith("Uit 80 antwoorden verspreid over 10 dagen:")
    proposal = json.loads(flowtally(*words, "--json").stdout)
    assert proposal["answers"] == 80
    assert proposal["current"]["ramp_up_min"] == 15
    ramp, flow = proposal["proposal"]["ramp_up_min"], proposal["proposal"]["flow_after_min"]
    low, high = proposal["interval_95"]["flow_after_min"]
    assert low <= flow <= high
    accepted = flowtally(*words, "--accept", env={"LANGUAGE": "en"}).stdout
    assert f"Saved: ramp_up_min {ramp}, flow_after_min {flow}." in accepted
    shown = json.loads(flowtally("settings", "--json").stdout)
    assert (shown["ramp_up_min"], shown["flow_after_min"]) == (ramp, flow)
