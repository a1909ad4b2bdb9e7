"""``flowtally desktop install|remove``: the menu entry, the icon and the launcher on PATH, as
a new user's desktop finds them after README's command, written to a temporary home."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import desktop
from tests.app.test_cli_faults import one_line_error, run


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_BIN_HOME", raising=False)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    return tmp_path / "home"


def test_install_puts_flowtally_in_the_menu_and_a_working_command_on_path(home: Path) -> None:
    code, out, err = run("desktop", "install")
    assert code == 0, err
    launcher = home / ".local" / "bin" / "flowtally"
    entry = desktop.entry_path()
    assert launcher.exists()
    assert entry.exists()
    assert desktop.icon_path().read_bytes() == desktop.ICON.read_bytes()
    assert f"Exec={launcher}\n" in entry.read_text()
    assert f"Exec={launcher} interrupt\n" in entry.read_text()
    assert "is not on your PATH" in out  # /usr/bin:/bin only, here
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    environment = {**os.environ, "PATH": f"{launcher.parent}:/usr/bin:/bin"}
    status = subprocess.run(
        ["flowtally", "status"], env=environment, capture_output=True, text=True, timeout=60
    )
    assert status.returncode == 0, status.stderr
    assert "No focus block running" in status.stdout


def test_install_again_replaces_and_remove_takes_it_all_out(home: Path) -> None:
    assert run("desktop", "install")[0] == 0
    assert run("desktop", "install")[0] == 0
    code, out, _err = run("desktop", "remove")
    assert code == 0
    assert out.count("Removed") == 3
    for path in (desktop.launcher_path(), desktop.entry_path(), desktop.icon_path()):
        assert not path.exists()
    assert "Nothing to remove" in run("desktop", "remove")[1]


def test_another_programs_flowtally_on_path_is_left_alone(home: Path) -> None:
    mine = home / ".local" / "bin" / "flowtally"
    mine.parent.mkdir(parents=True)
    mine.write_text("#!/bin/sh\necho my own script\n")
    one_line_error(run("desktop", "install"), "is not Flowtally's")
    assert mine.read_text() == "#!/bin/sh\necho my own script\n"
    assert not desktop.entry_path().exists()
    assert run("desktop", "remove")[0] == 0
    assert mine.exists()


def test_in_dutch(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "nl")
    code, out, _err = run("desktop", "install")
    assert code == 0
    assert "toepassingenmenu" in out


def test_the_icon_file_is_the_icon_the_app_draws(qtbot: QtBot) -> None:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from ui import app_icon

    size = 64
    drawn = app_icon.pixmap(size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    from_file = QImage(size, size, QImage.Format.Format_ARGB32)
    from_file.fill(0)
    painter = QPainter(from_file)
    QSvgRenderer(str(desktop.ICON)).render(painter)
    painter.end()
    differences = [
        abs(drawn.pixelColor(x, y).alpha() - from_file.pixelColor(x, y).alpha())
        + abs(drawn.pixelColor(x, y).red() - from_file.pixelColor(x, y).red())
        for x in range(size)
        for y in range(size)
    ]
    assert sum(differences) / len(differences) < 8
