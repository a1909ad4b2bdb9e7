"""Time on the running app: the wall clock jumping (a suspend and resume, or the clock being
set) against the monotonic clock is noticed, recorded as a break at once and asked about;
the slept hours are never counted as focus. The jump is made with libfaketime, in the app's
process only."""

import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.running_app import RunningApp, focused_window, xdotool

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1")


def app_on_a_fake_clock(
    display: str, tmp_path: Path, extra_env: dict[str, str] | None = None
) -> tuple[RunningApp, Path]:
    """The app with its wall clock offset by what the returned file says (``+2h``, ``-1h``);
    its monotonic clock stays true, as it does through a suspend."""
    offset = tmp_path / "faketime"
    offset.write_text("+0\n")
    environment = {
        "LD_PRELOAD": str(LIBFAKETIME),
        "FAKETIME_TIMESTAMP_FILE": str(offset),
        "FAKETIME_CACHE_DURATION": "1",  # the offset file read once a second, not per call
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        **(extra_env or {}),
    }
    return RunningApp(tmp_path / "clock.sqlite3", display, environment).launch(), offset


@pytest.mark.skipif(not LIBFAKETIME.exists(), reason="libfaketime is not installed")
def test_a_jump_of_the_wall_clock_is_a_break_and_a_review_not_focus(
    x_display: str, tmp_path: Path
) -> None:
    app, offset = app_on_a_fake_clock(x_display, tmp_path)
    try:
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the app to settle")
        app.cli("start", "--task", "before the lid closed")
        started = datetime.fromisoformat(app.status()["started"])
        time.sleep(1)
        offset.write_text("+2h\n")  # the laptop slept two hours
        status = app.wait_for(
            lambda s: s["app"]["reviews_waiting"] == ["sleep"], "the sleep review", timeout=20
        )
        # Recorded as a break at once: two hours paused, only seconds tracked.
        assert status["tracked_min"] < 1, status
        pauses = app.rows("SELECT start_utc, end_utc FROM pauses")
        assert len(pauses) == 1
        begun, ended = (datetime.fromisoformat(value) for value in pauses[0])
        assert 115 * 60 < (ended - begun).total_seconds() < 125 * 60
        assert begun.replace(tzinfo=started.tzinfo) >= started
    finally:
        assert app.quit() == 0


@pytest.mark.skipif(not LIBFAKETIME.exists(), reason="libfaketime is not installed")
def test_a_press_after_the_clock_was_set_back_is_kept(x_display: str, tmp_path: Path) -> None:
    app, offset = app_on_a_fake_clock(x_display, tmp_path)
    try:
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the app to settle")
        app.cli("start", "--task", "clock set back")
        app.wait_for(lambda s: s["state"] == "running", "the block to show")
        offset.write_text("-1h\n")  # the clock is set back an hour
        time.sleep(1.5)  # past the app's cached offset (FAKETIME_CACHE_DURATION)
        with focused_window(x_display):
            xdotool(x_display, "key", "ctrl+alt+shift+i")
            deadline = time.monotonic() + 5
            while not app.rows("SELECT id FROM interruptions"):
                assert time.monotonic() < deadline, "the press was lost"
                time.sleep(0.05)
        ((at,),) = app.rows("SELECT at_utc FROM interruptions")
        ((start,),) = app.rows("SELECT start_utc FROM blocks")
        assert at == start  # kept, at the earliest instant the block allows
    finally:
        assert app.quit() == 0
