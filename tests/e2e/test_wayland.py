"""Flowtally on a real GNOME Wayland session (mutter headless, XWayland beside it), typed
into through mutter's own input: typing in Wayland windows is never away, a real absence is,
and the X11 hotkey, which would only hear XWayland windows, is not trusted."""

import json
import os
import re
import time
from pathlib import Path

from app.gui.desktop_session import fallback
from tests import gnome_session
from tests.e2e.running_app import RunningApp

AWAY_AFTER_S = 15


def launch(
    gnome: dict[str, str], tmp_path: Path, stderr_file: Path | None = None, **settings: object
) -> RunningApp:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "flowtally"
    config.mkdir(parents=True, exist_ok=True)
    settings = {"away_after_min": AWAY_AFTER_S / 60, **settings}
    (config / "settings.json").write_text(json.dumps(settings))
    app = RunningApp(
        tmp_path / "flowtally.sqlite3",
        gnome["DISPLAY"],
        extra_env={**gnome, "QT_QPA_PLATFORM": "wayland", "WAYLAND_DEBUG": "client"}
        if stderr_file
        else {**gnome, "QT_QPA_PLATFORM": "wayland"},
        stderr_file=stderr_file,
    )
    return app.launch()


def test_typing_in_wayland_windows_is_never_away_and_a_real_absence_is(
    gnome: dict[str, str], tmp_path: Path
) -> None:
    app = launch(gnome, tmp_path)
    typist = gnome_session.Typist(gnome)
    try:
        info = app.wait_for(lambda s: s["app"]["away_detection"], "away detection")["app"]
        assert info["away_backend"] == "mutter"  # the compositor's clock, no key listener
        assert info["tray"] is False  # GNOME without the AppIndicator extension has none
        app.wait_for(lambda s: s["app"]["timer_window"], "the timer window, a Wayland window")
        assert info["hotkey_active"] is False  # XWayland's X11 hotkey is not trusted
        problem = app.wait_for(lambda s: s["app"]["hotkey_problem"], "the portal's absence")
        assert "no global shortcuts portal" in problem["app"]["hotkey_problem"]
        assert f"'{fallback()}'" in problem["app"]["hotkey_problem"]
        app.cli("start", "--task", "native typing")
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:  # 40 s of typing, a key every 1.5 s
            typist.tap()
            time.sleep(1.5)
        assert app.status()["app"]["reviews_waiting"] == []
        assert app.rows("SELECT count(*) FROM pauses") == [(0,)]

        went = time.time()
        time.sleep(AWAY_AFTER_S + 7)  # a real absence, seen on the next 5 s tick
        typist.tap()
        back = time.time()
        status = app.wait_for(
            lambda s: s["app"]["reviews_waiting"] == ["away"], "the away review", timeout=15
        )
        assert status["state"] == "running"
        (pause,) = app.rows(
            "SELECT CAST(strftime('%s', start_utc) AS REAL), CAST(strftime('%s', end_utc) AS REAL)"
            " FROM pauses"
        )
        assert abs(pause[0] - went) < 3  # it began at the last key
        assert pause[1] is not None
        assert abs(pause[1] - back) < 7
    finally:
        typist.close()
        assert app.quit() == 0


def test_one_press_of_the_desktops_shortcut_logs_an_interruption_through_the_portal(
    gnome: dict[str, str], tmp_path: Path
) -> None:
    portal = gnome_session.StandInPortal(gnome["DBUS_SESSION_BUS_ADDRESS"], "approve")
    wayland_log = tmp_path / "wayland-debug.txt"  # the app's Wayland requests, as it sends them
    app = launch(gnome, tmp_path, wayland_log, hotkey="<ctrl>+<alt>+<shift>+i")
    try:
        events = [portal.next_event()]
        while events[-1]["event"] != "bind":  # Qt registers its own connection, too
            events.append(portal.next_event())
        bind = events[-1]
        assert {"event": "registered", "sender": bind["sender"]}.items() <= next(
            e for e in events if e.get("sender") == bind["sender"]
        ).items()  # the app id, on the connection that binds, before it binds
        assert bind["shortcuts"][0]["preferred_trigger"] == "CTRL+ALT+SHIFT+i"
        info = app.wait_for(lambda s: s["app"]["hotkey_active"], "the approved shortcut")["app"]
        assert info["hotkey_backend"] == "portal"
        assert info["hotkey_trigger"] == "Ctrl+Alt+Shift+I"
        assert info["hotkey_problem"] is None
        app.cli("start", "--task", "portal")

        portal.press()
        app.wait_for(lambda s: s["app"]["popup_visible"], "the popup, on Wayland")
        assert app.rows("SELECT count(*) FROM interruptions WHERE end_utc IS NULL") == [(1,)]
        portal.press()  # the same interruption goes on: no second row
        time.sleep(1)
        assert app.rows("SELECT count(*) FROM interruptions") == [(1,)]
        assert "stand-in-token" not in app.cli("status").stdout  # a token is never shown
    finally:
        assert app.quit() == 0
        portal.close()
    # The second press gave the popup the keyboard with the token that press came with:
    # xdg-activation, the only way a Wayland window may take focus.
    requests = wayland_log.read_text()
    assert re.search(r'xdg_activation_v1@\d+\.activate\("stand-in-token-2", wl_surface@', requests)
    assert "stand-in-token-1" not in requests  # the first press left the keyboard alone


def test_a_declined_shortcut_names_the_fallback_in_status(
    gnome: dict[str, str], tmp_path: Path
) -> None:
    portal = gnome_session.StandInPortal(gnome["DBUS_SESSION_BUS_ADDRESS"], "decline")
    app = launch(gnome, tmp_path)
    try:
        status = app.wait_for(lambda s: s["app"]["hotkey_problem"], "the refusal")
        assert "declined" in status["app"]["hotkey_problem"]
        assert status["app"]["hotkey_active"] is False
        said = app.cli("status").stdout
        assert "flowtally interrupt" in said
    finally:
        assert app.quit() == 0
        portal.close()
