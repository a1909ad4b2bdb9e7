"""The About box and the start-at-login entry: what a user sees of the version and paths."""

import sys
import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import autostart
from app.gui.controller import AppController
from tests.app.cli_runner import ROOT, flowtally
from tests.xserver import ARTIFACTS

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_tray_menu_opens_the_about_box_with_the_version(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    controller.tray.about_action.trigger()
    dialog = controller.about
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert f"Flowtally {VERSION}" in dialog.title.text()
    assert str(tmp_path / "c.sqlite3") in dialog.where.text()
    assert "flowtally" in dialog.where.text().split("Log:")[1]
    dialog.grab().save(str(ARTIFACTS / "about.png"))
    controller.tray.about_action.trigger()
    assert controller.about is dialog  # one box, raised again


def test_version_on_the_command_line_is_pyprojects() -> None:
    assert flowtally("--version").stdout.strip() == f"flowtally {VERSION}"


def test_start_at_login_runs_a_bundle_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    autostart.set_enabled(True)
    assert f"Exec={sys.executable} -m app\n" in autostart.entry_path().read_text()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/Flowtally bundle/flowtally")
    autostart.set_enabled(True)
    entry = autostart.entry_path().read_text()
    assert "Exec='/opt/Flowtally bundle/flowtally'\n" in entry
    assert "Icon=io.github.flowtally.Flowtally\n" in entry
