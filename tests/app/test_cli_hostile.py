"""What a user's own slips, another local user or a confused clock can throw at the command
line: each is refused in one line, says what to do, and writes nothing it should not."""

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data.store import Store
from tests.app.test_cli_faults import one_line_error, run
from tracker.model import Block


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "hostile.sqlite3")


@pytest.mark.skipif(os.geteuid() != 0, reason="making another user's link needs root")
@pytest.mark.parametrize(
    "command", [["export", "--format", "csv"], ["report", "--week", "2026-W47"]]
)
def test_a_link_another_user_planted_in_tmp_is_not_followed(
    tmp_path: Path, db: str, command: list[str]
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # sticky and open to all, as /tmp
    canary = tmp_path / "home" / "thesis.tex"
    canary.parent.mkdir(exist_ok=True)
    canary.write_text("my thesis\n")
    canary.chmod(0o644)
    planted = shared / "report.csv"
    planted.symlink_to(canary)
    os.lchown(planted, 65534, 65534)  # nobody's link
    run("add", "--db", db, "--from", "2026-11-16 09:00", "--to", "2026-11-16 10:00")
    output = str(planted if command[0] == "export" else planted.with_suffix(".html"))
    if command[0] == "report":
        planted.rename(output)
    one_line_error(run(*command, "--db", db, "--output", output), "another user")
    assert canary.read_text() == "my thesis\n"
    assert stat.S_IMODE(canary.stat().st_mode) == 0o644


def test_my_own_link_is_still_followed(tmp_path: Path, db: str) -> None:
    target = tmp_path / "reports" / "week.csv"
    target.parent.mkdir()
    link = tmp_path / "week.csv"
    link.symlink_to(target)
    run("add", "--db", db, "--from", "2026-11-16 09:00", "--to", "2026-11-16 10:00")
    code, _out, err = run("export", "--db", db, "--format", "csv", "--output", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert "record,block_start" in target.read_text()


def test_a_stop_after_the_clock_was_ahead_says_why_and_the_way_out(db: str) -> None:
    ahead = datetime.now(UTC) + timedelta(hours=2)
    with Store.open(db) as store:  # started while the clock was two hours ahead
        store.start(ahead, "UTC")
    for command in (["stop"], ["pause"]):
        one_line_error(run(*command, "--db", db), "clock was ahead", "flowtally undo")
    assert run("undo", "--db", db)[0] == 0
    assert run("start", "--db", db)[0] == 0


def test_a_start_into_a_block_recorded_in_the_future_says_why(db: str) -> None:
    ahead = datetime.now(UTC) + timedelta(hours=3)
    with Store.open(db) as store:
        store.add(Block(ahead, ahead + timedelta(hours=1), "tomorrow?", timezone="UTC"))
    one_line_error(run("start", "--db", db), "the block in the way", "clock was ahead")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            ["add", "--from", "2026-11-16 09:00", "--to", "2026-11-16 10:00", "-t", "\udcff"],
            "UTF-8",
        ),
        (["start", "-t", "\udcff"], "UTF-8"),
        (["status", "--tz", "A" * 300], "unknown time zone"),
        (["settings", "device_name=\udcff"], "printable"),
        (["settings", "person_name=a\x07b"], "printable"),
        (["import", "/dev/zero"], "cannot tell which tool"),
        (["import", "/dev/zero", "--from", "toggl"], "at most 100 MB"),
    ],
)
def test_input_that_was_an_internal_error_is_one_clear_line(
    db: str, argv: list[str], fragment: str
) -> None:
    one_line_error(run(*argv, "--db", db), fragment)
    assert "internal error" not in run(*argv, "--db", db)[2]


def test_an_interruption_lands_in_a_block_synced_from_another_machine(
    tmp_path: Path, db: str
) -> None:
    start = datetime(2026, 11, 16, 9, tzinfo=UTC)
    with Store.open(db) as store:
        store.add(Block(start, start + timedelta(hours=2), "from desktop", timezone="UTC"))
    with sqlite3.connect(db) as connection:  # as sync leaves a block pulled from elsewhere
        connection.execute("UPDATE blocks SET device_id = 'desktop-id'")
    code, _out, err = run("interrupt", "--db", db, "--at", "2026-11-16T09:30Z", "-s", "call")
    assert code == 0, err
    with Store.open(db) as store:
        (block,) = store.all_blocks()
    assert [i.source for i in block.interruptions] == ["call"]


def watched_until_an_hour_ago(db: str) -> None:
    """A block the tray app watched until it quit an hour ago (its last heartbeat)."""
    now = datetime.now(UTC)
    with Store.open(db) as store:
        store.start(now - timedelta(hours=2), "UTC", "spec")
        store.heartbeat(now - timedelta(hours=1))


def test_a_stop_without_the_app_asks_about_the_time_nobody_watched(db: str) -> None:
    watched_until_an_hour_ago(db)
    one_line_error(run("stop", "--db", db), "--gap break", "1 h")
    with Store.open(db) as store:
        assert store.running() is not None  # nothing was changed


def test_a_stop_with_gap_break_counts_the_unwatched_time_as_a_break(db: str) -> None:
    watched_until_an_hour_ago(db)
    code, out, err = run("stop", "--db", db, "--gap", "break")
    assert code == 0, err
    assert "count as a break" in out
    with Store.open(db) as store:
        (block,) = store.all_blocks()
    assert block.end is not None
    assert len(block.pauses) == 1
    assert block.pauses[0].end == block.end
    assert abs((block.pauses[0].end - block.pauses[0].start) - timedelta(hours=1)) < timedelta(
        seconds=5
    )


def test_a_stop_with_gap_focus_or_of_a_block_no_app_watched_counts_it_all(db: str) -> None:
    watched_until_an_hour_ago(db)
    assert run("stop", "--db", db, "--gap", "focus")[0] == 0
    assert run("start", "--db", db)[0] == 0  # the command line alone: no heartbeat, no question
    code, _out, err = run("stop", "--db", db)
    assert code == 0, err
    with Store.open(db) as store:
        assert all(b.pauses == () for b in store.all_blocks())
