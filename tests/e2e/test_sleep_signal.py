"""logind's PrepareForSleep reaches the running app over a real (private) system bus: the
sleep is reported from the moment logind announced it, once, whichever of the signal and the
tick's clock jump comes first after the wake-up."""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests import gnome_session
from tests.app.cli_runner import ROOT
from tests.e2e.running_app import RunningApp
from tests.e2e.test_clock import LIBFAKETIME, app_on_a_fake_clock

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None or not LIBFAKETIME.exists(),
    reason="needs dbus-daemon and libfaketime",
)


private_bus = gnome_session.session_bus
"""A real dbus-daemon of our own, standing in for the system bus."""


class FakeLogind:
    def __init__(self, address: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.fake_logind"],
            cwd=ROOT,
            env={**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "ready"

    def readline(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def say(self, word: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()
        assert self.readline() == "sent"

    def close(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(5)
        self.process.stdout.close()


@pytest.fixture
def sleepy_app(x_display: str, tmp_path: Path) -> Iterator[tuple[RunningApp, FakeLogind, Path]]:
    """The app listening to a fake logind, on a wall clock the returned file offsets."""
    with private_bus() as address:
        logind = FakeLogind(address)
        app, offset = app_on_a_fake_clock(x_display, tmp_path, {"DBUS_SYSTEM_BUS_ADDRESS": address})
        try:
            app.wait_for(lambda s: s["app"]["sleep_signals"], "the app to listen to logind")
            app.cli("start", "--task", "before the lid closed")
            time.sleep(1)
            yield app, logind, offset
        finally:
            logind.close()
            assert app.quit() == 0


def the_pause(app: RunningApp) -> tuple[datetime, datetime]:
    ((begun, ended),) = app.rows("SELECT start_utc, end_utc FROM pauses")
    return (
        datetime.fromisoformat(begun).replace(tzinfo=UTC),
        datetime.fromisoformat(ended).replace(tzinfo=UTC),
    )


def test_prepare_for_sleep_dates_the_sleep_exactly(
    sleepy_app: tuple[RunningApp, FakeLogind, Path],
) -> None:
    app, logind, offset = sleepy_app
    logind.say("sleep")
    announced = datetime.now(UTC)
    # Ticks go on (the process is not really frozen here), so the last tick before the
    # wake-up is at least a second after the announcement: only logind's moment can give
    # the start below.
    time.sleep(6)
    offset.write_text("+2h\n")
    logind.say("wake")
    status = app.wait_for(lambda s: s["app"]["reviews_waiting"] == ["sleep"], "the sleep review")
    time.sleep(6)  # a tick later: still one review, not a second one from the jump
    assert app.status()["app"]["reviews_waiting"] == ["sleep"]
    assert status["tracked_min"] < 1, status
    begun, ended = the_pause(app)
    assert abs((begun - announced).total_seconds()) < 0.8
    assert 119 * 60 < (ended - begun).total_seconds() < 121 * 60


def test_a_wake_without_its_announcement_is_left_to_the_clock_jump(
    sleepy_app: tuple[RunningApp, FakeLogind, Path],
) -> None:
    """PrepareForSleep(true) can be missed (the app was starting); the jump still counts."""
    app, logind, offset = sleepy_app
    offset.write_text("+2h\n")
    logind.say("wake")
    status = app.wait_for(lambda s: s["app"]["reviews_waiting"] == ["sleep"], "the sleep review")
    assert status["tracked_min"] < 1, status
    begun, ended = the_pause(app)
    assert 115 * 60 < (ended - begun).total_seconds() < 121 * 60
