"""Which desktop session this is, decided honestly: a Wayland session is one even where
XWayland gives X11 programs a DISPLAY, and there no X11 input listener is trusted."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.gui import desktop_session as session
from app.gui.input_services import InputServices


@pytest.mark.parametrize(
    ("environment", "kind"),
    [
        (
            {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
            "wayland",
        ),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland"),  # XWayland beside it
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "wayland"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, "x11"),
        ({"DISPLAY": ":99"}, "x11"),
        ({"XDG_SESSION_TYPE": "tty"}, "none"),
        ({}, "none"),
    ],
)
def test_the_session_kind(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], kind: str
) -> None:
    for variable in ("XDG_SESSION_TYPE", "WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setattr("sys.platform", "linux")
    assert session.session_kind() == kind


def test_on_wayland_the_x11_hotkey_is_not_trusted_and_the_fallback_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")  # XWayland: pynput would start, and see X windows only
    reason = session.x11_input_refused()
    assert reason is not None
    assert "Wayland" in reason
    assert "flowtally interrupt" in reason
    assert "\n" not in reason
    assert len(reason) < 300
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    assert session.x11_input_refused() is None


def test_the_settings_dialog_names_each_services_source_or_the_exact_fallback(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    parent = QObject()
    services = InputServices("<ctrl>+<alt>+<shift>+i", parent)
    services.change_hotkey("<ctrl>+<alt>+<shift>+i")  # the portal's service, which cannot start
    assert services.hotkey.backend == "portal"
    assert not services.hotkey.is_alive()
    said = services.describe()
    assert said.startswith("Hotkey: off, the desktop's portal cannot be reached")
    assert f"'{session.fallback()}'" in said
    assert "Away detection: off" in said
    assert "\n" not in said


def test_an_unreachable_x_server_is_one_short_sentence_not_pynputs_text() -> None:
    """pynput's own message is a 400-character, multi-line tuple dump."""
    code = (
        "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from app.gui.pynput_listeners import HotkeyBridge, HotkeyService;"
        "print(HotkeyService('<ctrl>+<alt>+i', HotkeyBridge()).start())"
    )
    env = {**os.environ, "DISPLAY": ":999", "XDG_SESSION_TYPE": "x11"}
    env.pop("WAYLAND_DISPLAY", None)
    said = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert said.startswith("the hotkey <ctrl>+<alt>+i could not be set up: ")
    assert "\n" not in said
    assert len(said) < 200
    assert ":999" in said  # still says what was wrong


def test_the_command_to_bind_is_one_that_runs_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README's set-up puts flowtally in .venv/bin only: a shortcut bound to a bare
    'flowtally interrupt' then silently did nothing."""
    monkeypatch.setenv("PATH", str(tmp_path))
    named = session.fallback()
    assert named.endswith(" interrupt")
    command = shlex.split(named)[0]
    assert Path(command).is_absolute()
    assert os.access(command, os.X_OK)
    on_path = tmp_path / "flowtally"
    on_path.write_text("#!/bin/sh\n")
    on_path.chmod(0o755)
    assert session.fallback() == "flowtally interrupt"
