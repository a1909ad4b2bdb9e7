"""The command line, end to end: real processes, real SQLite files, real PostgreSQL."""

import json
import os
import pty
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data.store import Store
from tests.app.cli_runner import ROOT, assert_clean_error, flowtally

AMS = ["--tz", "Europe/Amsterdam"]


def seed_morning(db: str) -> None:
    """The seed scenario: 09:00-12:00 on Monday, broken twice by colleagues."""
    common = ["--db", db, *AMS]
    flowtally("start", "--task", "API design", "--at", "2026-11-16 09:00", *common)
    flowtally(
        "interrupt",
        "--at",
        "2026-11-16 10:00",
        "--minutes",
        "10",
        "--source",
        "person",
        "--note",
        "a question about the payload",
        *common,
    )
    flowtally("interrupt", "--at", "2026-11-16 11:05", "-s", "person", *common)
    flowtally("stop", "--at", "2026-11-16 12:00", *common)


def report(db: str, week: str = "2026-W47", *extra: str) -> dict[str, object]:
    out = flowtally("report", "--week", week, "--json", "--db", db, *AMS, *extra).stdout
    result: dict[str, object] = json.loads(out)
    return result


def test_help_version_and_the_installed_command() -> None:
    assert "focus" in flowtally("--help").stdout
    assert flowtally("--version").stdout.startswith("flowtally ")
    installed = shutil.which("flowtally", path=str(Path(sys.executable).parent))
    assert installed is not None
    result = subprocess.run([installed, "--help"], capture_output=True, text=True, check=True)
    assert "interrupt" in result.stdout


def test_tracking_a_morning_gives_the_spec_report(tmp_path: Path) -> None:
    db = str(tmp_path / "f.sqlite3")
    seed_morning(db)
    data = report(db)
    assert data["week"] == "2026-W47"
    monday = data["days"][0]  # type: ignore[index]
    assert monday["date"] == "2026-11-16"
    assert (monday["tracked_min"], monday["flow_min"], monday["periods"]) == (180, 80, 3)
    assert monday["flow_breaks"] == 2
    assert monday["by_source"] == {"person": 2}
    table = flowtally("report", "--week", "2026-W47", "--db", db, *AMS).stdout
    assert "Mon 16 Nov" in table
    assert "0.94" in table


def test_status_while_running_and_paused(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "f.sqlite3"), "--tz", "UTC"]
    started = datetime.now(UTC) - timedelta(minutes=40)
    flowtally("start", "--task", "writing", "--at=-40m", *db)
    status = json.loads(flowtally("status", "--json", *db).stdout)
    assert status["state"] == "running"
    assert status["phase"] == "flow"
    assert status["task"] == "writing"
    logged = flowtally("interrupt", "-k", "internal", "-s", "self", *db).stdout
    assert "going on until you say 'flowtally back'" in logged
    status = json.loads(flowtally("status", "--json", *db).stdout)
    assert status["interrupted"] is True
    assert status["phase"] == "none"  # still being interrupted: no ramp-up yet
    assert "Back at" in flowtally("back", *db).stdout
    status = json.loads(flowtally("status", "--json", *db).stdout)
    assert status["interrupted"] is False
    assert status["phase"] == "ramp-up"
    assert status["today"]["interruptions"] == 1
    # The 40-minute period belongs to the day its stretch started: yesterday, when the test
    # runs in the first 40 minutes after midnight.
    started_today = started.date() == datetime.now(UTC).date()
    assert status["today"]["periods"] == (1 if started_today else 0)
    flowtally("pause", *db)
    text = flowtally("status", *db).stdout
    assert "Paused since" in text
    assert "Focus block on 'writing'" in text
    assert "1 interruption" in flowtally("stop", *db).stdout
    assert "No focus block running" in flowtally("status", *db).stdout


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["pause"], ["cannot pause", "no focus block is running"]),
        (["start", "--at", "25:00"], ["not a time of day"]),
        (["start", "--at", "2026-03-29 02:30"], ["does not exist in Europe/Amsterdam"]),
        (["start", "--at", "in an hour"], ["cannot read the time"]),
        (["start", "--at", "2099-01-01 09:00"], ["in the future"]),
        (["report", "--week", "2025-W53"], ["2025 has no week 53"]),
        (["report", "--week", "next"], ["not an ISO week"]),
        (["report", "--tz", "Mars/Olympus"], ["unknown time zone 'Mars/Olympus'"]),
        (["import", "/nonexistent/file.json"], ["cannot read /nonexistent/file.json"]),
        (["settings", "flow_after_min=5"], ["flow_after_min (5) must be at least ramp_up_min"]),
        (["settings", "hotness=3"], ["unknown setting 'hotness'"]),
        (["settings", "database_url=notaurl://x"], ["unknown kind of database"]),
        (["trend", "--weeks", "0"], ["--weeks must be between 1 and 520"]),
    ],
)
def test_user_errors_are_one_clear_line(
    tmp_path: Path, args: list[str], fragments: list[str]
) -> None:
    zone = [] if "--tz" in args else AMS
    result = flowtally(*args, "--db", str(tmp_path / "f.sqlite3"), *zone, check=False)
    assert_clean_error(result, *fragments)


def test_a_second_start_is_refused_and_the_first_block_kept(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "f.sqlite3")]
    flowtally("start", "--task", "first", *db)
    assert_clean_error(flowtally("start", "--task", "second", *db, check=False), "already running")
    assert json.loads(flowtally("status", "--json", *db).stdout)["task"] == "first"


def test_a_corrupt_database_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    assert_clean_error(flowtally("status", "--db", str(path), check=False), "damaged")
    assert path.read_bytes() == b"\x00garbage" * 512


def test_export_import_round_trip_reproduces_the_report(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite3")
    seed_morning(db)
    for fmt in ("json", "csv"):
        out = tmp_path / f"export.{fmt}"
        flowtally("export", "--format", fmt, "--output", str(out), "--db", db, *AMS)
        copy = str(tmp_path / f"copy-{fmt}.sqlite3")
        assert "Imported 1 block from" in flowtally("import", str(out), "--db", copy, *AMS).stdout
        again = flowtally("import", str(out), "--db", copy, *AMS).stdout
        assert "Imported 0 blocks" in again
        assert "1 already stored" in again
        assert report(copy) == report(db)


def test_a_malformed_import_names_the_record_and_writes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "f.sqlite3")
    seed_morning(db)
    before = report(db)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "flowtally/1",
                "blocks": [
                    {"start": "2026-11-17T09:00:00+01:00", "end": "2026-11-17T10:00:00+01:00"},
                    {
                        "start": "2026-11-18T09:00:00+01:00",
                        "end": "2026-11-18T10:00:00+01:00",
                        "interruptions": [{"at": "2026-11-18T11:00:00+01:00"}],
                    },
                ],
            }
        )
    )
    result = flowtally("import", str(bad), "--db", db, *AMS, check=False)
    assert_clean_error(
        result, "blocks[1].interruptions[0].at", "outside its block", "nothing was imported"
    )
    assert report(db) == before


def test_settings_are_saved_validated_and_used(tmp_path: Path) -> None:
    db = str(tmp_path / "f.sqlite3")
    seed_morning(db)
    flowtally("settings", "ramp_up_min=20", "flow_after_min=40", "timezone=Europe/Amsterdam")
    shown = json.loads(flowtally("settings", "--json").stdout)
    assert (shown["ramp_up_min"], shown["flow_after_min"], shown["timezone"]) == (
        20,
        40,
        "Europe/Amsterdam",
    )
    assert_clean_error(flowtally("settings", "ramp_up_min=50", check=False), "must be at least")
    assert json.loads(flowtally("settings", "--json").stdout)["ramp_up_min"] == 20
    data = flowtally("report", "--week", "2026-W47", "--json", "--db", db).stdout
    parsed = json.loads(data)
    assert parsed["settings"]["ramp_up_min"] == 20
    assert parsed["timezone"] == "Europe/Amsterdam"
    assert parsed["days"][0]["rampup_min"] == 60


def test_environment_selects_the_store_and_the_zone(tmp_path: Path) -> None:
    db = str(tmp_path / "env.sqlite3")
    seed_morning(db)
    env = {"FLOWTALLY_DB": f"sqlite:///{db}", "FLOWTALLY_TZ": "America/New_York"}
    data = json.loads(flowtally("report", "--week", "2026-W47", "--json", env=env).stdout)
    assert data["timezone"] == "America/New_York"
    assert data["totals"]["tracked_min"] == 180
    override = json.loads(
        flowtally("report", "--week", "2026-W47", "--json", "--tz", "Asia/Tokyo", env=env).stdout
    )
    assert override["timezone"] == "Asia/Tokyo"


def test_the_tray_app_without_a_display_says_so(tmp_path: Path) -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    result = flowtally("--db", str(tmp_path / "f.sqlite3"), env=env, check=False)
    assert_clean_error(result, "no graphical display")


def test_default_store_is_in_the_user_data_folder(private_user_folders: Path) -> None:
    flowtally("start")
    assert (private_user_folders / "data" / "flowtally" / "flowtally.sqlite3").exists()


@pytest.mark.parametrize(
    "words", [["status"], ["report", "--week", "2026-W47", "--json"]], ids=["status", "report"]
)
def test_reading_commands_import_neither_qt_nor_matplotlib_nor_the_orm_nor_the_writes(
    tmp_path: Path, words: list[str]
) -> None:
    """A status bar's ``flowtally status`` pays for what it uses: the store is SQLAlchemy
    Core (the ORM alone costs about 90 ms and 6 MB), a current schema needs no Alembic, and
    a command that only reads loads none of the store's writes (about 7 ms, #27)."""
    code = (
        "import sys; from app.entry import main; main([*sys.argv[2:], '--db', sys.argv[1]]); "
        "heavy = {'PySide6', 'matplotlib', 'pynput', 'sqlalchemy.orm', 'alembic', "
        "'data.writing', 'data.checked', 'data.rows', 'data.presses', 'data.undo_log'}; "
        "print(sorted({m for m in sys.modules if m in heavy or m.split('.')[0] in heavy}))"
    )
    Store.open(str(tmp_path / "f.sqlite3")).close()  # a returning user's: current
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "f.sqlite3"), *words],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_large_import_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    blocks = [
        {
            "start": f"2026-0{1 + i // 250}-{1 + (i % 250) // 10:02d}T{8 + i % 10:02d}:00:00Z",
            "end": f"2026-0{1 + i // 250}-{1 + (i % 250) // 10:02d}T{8 + i % 10:02d}:45:00Z",
        }
        for i in range(1200)
    ]
    source = tmp_path / "big.json"
    source.write_text(json.dumps({"format": "flowtally/1", "blocks": blocks}))
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "import", str(source), "--db", str(tmp_path / "f.sqlite3")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
    )
    os.close(secondary)
    out, _ = process.communicate(timeout=120)
    captured = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        captured += chunk
    os.close(primary)
    assert process.returncode == 0
    assert "Imported 1200 blocks" in out
    assert b"importing: 1200/1200 blocks (100%)" in captured


@pytest.mark.postgres
def test_the_cli_works_against_postgresql(postgres_server: object) -> None:
    from tests.postgres_server import PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    with postgres_server.database() as url:
        seed_morning(url)
        assert report(url)["days"][0]["flow_min"] == 80  # type: ignore[index]


def test_the_tray_app_shows_its_icon_before_loading_the_database_or_pynput() -> None:
    code = (
        "import sys; import app.entry, app.gui.main, app.gui.controller; "
        "heavy = {'sqlalchemy', 'alembic', 'pynput', 'matplotlib'}; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_returning_users_first_icon_waits_for_none_of_qts_enums(x_display: str) -> None:
    """PySide6 builds its ``Qt`` namespace, about 40 ms, on first use. The tray's first icon
    is read from the images the previous start saved, and does not wait for it (#27)."""
    code = (
        "import PySide6.QtCore as core; from app.gui import main; "
        "from tracker.settings import Settings; "
        "app = main._application(); tray = main._tray_first(Settings(), 'UTC'); "
        "print(tray.tray.isVisible(), 'Qt' in vars(core))"
    )
    shown = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()[-2:]
        for _ in range(2)
    ]
    assert shown == [["True", "True"], ["True", "False"]]  # the first start draws and saves


def test_a_block_across_midnight_and_a_time_zone_change_reports_its_whole_length(
    tmp_path: Path,
) -> None:
    """Started in Amsterdam at 23:00, stopped after flying to New York: every report, in
    either zone, counts its three hours once, split at that zone's midnight."""
    db = str(tmp_path / "travel.sqlite3")
    flowtally("start", "--at", "2026-11-18T23:00:00+01:00", "--db", db, "--tz", "Europe/Amsterdam")
    flowtally("stop", "--at", "2026-11-18T20:00:00-05:00", "--db", db, "--tz", "America/New_York")
    for zone, split in (
        ("Europe/Amsterdam", {"2026-11-18": 60.0, "2026-11-19": 120.0}),
        ("America/New_York", {"2026-11-18": 180.0}),
    ):
        out = flowtally("report", "--week", "2026-W47", "--json", "--db", db, "--tz", zone).stdout
        week = json.loads(out)
        assert week["totals"]["tracked_min"] == 180.0
        tracked = {d["date"]: d["tracked_min"] for d in week["days"] if d["tracked_min"]}
        assert tracked == split
