"""Quiet notifications in deep focus, for real: GNOME's ``show-banners`` through the real
schema, dunst's ``paused`` in the real daemon, and ``Inhibit`` on a stand-in Plasma server;
silenced when the stretch reaches deep focus, back at once on an interruption, a pause, a
stop, a quit, and after a ``kill -9``."""

import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests import gnome_session
from tests.e2e.quiet_desktops import (
    GNOME,
    StandInServer,
    available_stand_in,
    banners,
    dunst,
    dunst_paused,
    gnome_available,
    set_banners,
    until,
)
from tests.e2e.running_app import RunningApp

FAST = ("ramp_up_min=0.05", "flow_after_min=0.1")
"""Deep focus 3 s into a stretch, flow after 6 s: each break can be followed by a new
stretch that reaches them again within the test."""


@pytest.fixture
def bus() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs dbus-daemon")
    with gnome_session.session_bus() as address:
        yield address


def gnome_app(tmp_path: Path, display: str, bus: str) -> RunningApp:
    env = {**GNOME, "DBUS_SESSION_BUS_ADDRESS": bus}
    return RunningApp(tmp_path / "flowtally.sqlite3", display, extra_env=env)


def in_a_block(tmp_path: Path, display: str, bus: str, banners_on: bool) -> RunningApp:
    """The app on GNOME with ``quiet_from=deep``, a block just started, banners as given."""
    app = gnome_app(tmp_path, display, bus)
    set_banners(app.env, banners_on)
    app.cli("settings", "quiet_from=deep", *FAST)
    app.launch()
    app.cli("start")
    return app


def quiet_of(app: RunningApp) -> dict[str, object]:
    quiet: dict[str, object] = app.status()["quiet"]
    return quiet


needs_gnome = pytest.mark.skipif(
    not gnome_available(), reason="needs gsettings and gsettings-desktop-schemas"
)


@needs_gnome
def test_gnome_banners_off_in_deep_focus_and_back_at_each_break(
    x_display: str, tmp_path: Path, bus: str
) -> None:
    app = gnome_app(tmp_path, x_display, bus)
    env = app.env
    set_banners(env, True)
    app.cli("settings", "quiet_from=deep", *FAST)
    app.launch()
    until(lambda: quiet_of(app).get("backend") == "gnome", "the GNOME backend")
    started = datetime.now(UTC).replace(microsecond=0)
    deep_at = started + timedelta(seconds=3)
    app.cli("start", "--task", "proof", "--at", started.isoformat())
    assert banners(env)
    until(lambda: not banners(env), "banners off in deep focus")
    late = datetime.now(UTC) - deep_at
    assert late < timedelta(seconds=1), f"silenced {late} after deep focus began"
    assert quiet_of(app)["silenced"] is True

    app.cli("interrupt", "--source", "chat")
    until(lambda: banners(env), "banners back on an interruption")
    app.cli("back")
    assert app.status()["phase"] == "ramp-up"
    assert banners(env), "a new stretch starts in ramp-up: banners stay on"

    until(lambda: not banners(env), "banners off again in the next stretch's deep focus")
    app.cli("pause")
    until(lambda: banners(env), "banners back on a pause")
    app.cli("resume")
    until(lambda: not banners(env), "banners off again after the pause")
    app.cli("stop")
    until(lambda: banners(env), "banners back on a stop")

    app.cli("start")
    until(lambda: not banners(env), "banners off before the quit")
    assert app.quit() == 0
    assert banners(env), "quitting brings the banners back"


@needs_gnome
def test_gnome_banners_come_back_after_a_kill(x_display: str, tmp_path: Path, bus: str) -> None:
    app = in_a_block(tmp_path, x_display, bus, banners_on=True)
    env = app.env
    until(lambda: not banners(env), "banners off")
    app.kill_hard()
    assert not banners(env), "only the record can bring them back now"
    app.cli("report", "--json")  # any next command
    assert banners(env), "the next flowtally command restores what a crash left"

    app.launch()  # deep focus again: quiet again
    until(lambda: not banners(env), "banners off")
    app.kill_hard()
    settings_file = Path(os.environ["XDG_CONFIG_HOME"]) / "flowtally" / "settings.json"
    saved = json.loads(settings_file.read_text())
    settings_file.write_text(json.dumps({**saved, "quiet_from": "off"}))  # no command runs
    app.launch()
    until(lambda: banners(env), "the restarted app restores what the killed one left")
    assert quiet_of(app)["silenced"] is False
    assert app.quit() == 0


@needs_gnome
def test_a_command_another_app_answers_restores_what_a_crash_left(
    x_display: str, tmp_path: Path, bus: str
) -> None:
    """The record is looked at by every command, also one the app of another database
    answers at once (it started before the crash, so its own start found nothing)."""
    other = RunningApp(
        tmp_path / "other.sqlite3", x_display, extra_env={**GNOME, "DBUS_SESSION_BUS_ADDRESS": bus}
    )
    (tmp_path / "first").mkdir()
    app = gnome_app(tmp_path / "first", x_display, bus)
    set_banners(app.env, True)
    app.cli("settings", "quiet_from=deep", *FAST)
    other.launch()
    try:
        app.launch()
        app.cli("start")
        until(lambda: not banners(app.env), "banners off")
        app.kill_hard()
        assert not banners(app.env), "only the record can bring them back now"
        assert other.cli("status", "--line").returncode == 0  # answered by the other app
        assert banners(app.env), "the next flowtally command restores what a crash left"
    finally:
        assert other.quit() == 0


@needs_gnome
def test_a_persons_own_banners_off_are_left_alone(x_display: str, tmp_path: Path, bus: str) -> None:
    app = in_a_block(tmp_path, x_display, bus, banners_on=False)
    env = app.env
    until(lambda: quiet_of(app).get("silenced") is True, "quiet")
    assert quiet_of(app)["kept_yours"] is True
    app.cli("interrupt")
    until(lambda: quiet_of(app).get("silenced") is False, "not quiet")
    assert not banners(env), "banners the person turned off are never turned on"
    assert app.quit() == 0
    assert not banners(env)


@needs_gnome
def test_never_touched_while_quiet_from_is_off(x_display: str, tmp_path: Path, bus: str) -> None:
    app = gnome_app(tmp_path, x_display, bus)
    env = app.env
    set_banners(env, True)
    app.cli("settings", *FAST)
    app.launch()
    app.cli("start")
    app.wait_for(lambda s: s["phase"] == "flow", "flow")
    quiet = quiet_of(app)
    assert (quiet["setting"], quiet["silenced"]) == ("off", False)
    assert banners(env)
    keyfile = Path(os.environ["XDG_CONFIG_HOME"]) / "glib-2.0" / "settings" / "keyfile"
    written = keyfile.stat().st_mtime_ns
    app.cli("settings", "quiet_from=deep")
    until(lambda: not banners(env), "quiet once switched on")
    app.cli("settings", "quiet_from=off")
    until(lambda: banners(env), "banners back once switched off")
    assert keyfile.stat().st_mtime_ns > written
    assert app.quit() == 0


@pytest.mark.skipif(shutil.which("dunst") is None, reason="needs dunst")
def test_dunst_paused_follows_the_phase(x_display: str, tmp_path: Path, bus: str) -> None:
    with dunst(bus, x_display) as env:
        app = RunningApp(
            tmp_path / "flowtally.sqlite3", x_display, extra_env={"DBUS_SESSION_BUS_ADDRESS": bus}
        )
        app.cli("settings", "quiet_from=flow", "ramp_up_min=0.05", "flow_after_min=0.2")
        app.launch()
        until(lambda: quiet_of(app).get("backend") == "dunst", "the dunst backend")
        app.cli("start")
        app.wait_for(lambda s: s["phase"] == "deep", "deep focus")
        assert dunst_paused(env) is False, "deep focus is not yet flow"
        until(lambda: dunst_paused(env) is True, "dunst paused in flow")
        app.cli("interrupt")
        until(lambda: dunst_paused(env) is False, "dunst resumed on an interruption")
        app.cli("back")
        until(lambda: dunst_paused(env) is True, "paused again", timeout=20)
        app.kill_hard()
        assert dunst_paused(env) is True
        app.cli("status")
        assert dunst_paused(env) is False, "the next command resumes what a crash left"


@pytest.mark.skipif(not available_stand_in(), reason="needs python3-dbus and dbus-daemon")
def test_inhibit_until_interrupted_and_dropped_when_killed(
    x_display: str, tmp_path: Path, bus: str
) -> None:
    server = StandInServer(bus)
    try:
        app = RunningApp(
            tmp_path / "flowtally.sqlite3", x_display, extra_env={"DBUS_SESSION_BUS_ADDRESS": bus}
        )
        app.cli("settings", "quiet_from=deep", *FAST)
        app.launch()
        until(lambda: quiet_of(app).get("backend") == "inhibit", "the Inhibit backend")
        app.cli("start")
        inhibited = server.next("inhibited")
        assert inhibited["entry"] == "io.github.flowtally.Flowtally"
        app.cli("interrupt")
        assert server.next("uninhibited")["cookie"] == inhibited["cookie"]
        app.cli("back")
        holder = server.next("inhibited")["sender"]
        app.kill_hard()
        assert server.next("dropped")["sender"] == holder
    finally:
        server.stop()
