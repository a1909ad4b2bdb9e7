"""What installer/build.py makes for Windows and macOS that can be checked on Linux: the icon
containers, the Windows version resource, and that the scripts agree with the spec."""

import ast
import importlib.util
import os
import re
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication

from tests.app.cli_runner import ROOT

INSTALLER = ROOT / "installer"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("installer_build", INSTALLER / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_icon_containers_hold_every_size(qapp: QApplication, tmp_path: Path) -> None:
    build = load_build()
    platform_before = os.environ.get("QT_QPA_PLATFORM")
    icons = build.render_icons(tmp_path / "icons")
    # Leaking "offscreen" into this process's environment once hid the tray from every app
    # the later tests started.
    assert os.environ.get("QT_QPA_PLATFORM") == platform_before
    with Image.open(icons / "flowtally.ico") as ico:
        assert ico.info["sizes"] == {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)}
    with Image.open(icons / "flowtally.icns") as icns:
        # Pillow writes the retina entries for the small sizes (16@2x is 32 px, 32@2x 64 px).
        assert {(16, 16, 2), (32, 32, 2), (128, 128, 1), (256, 256, 1), (512, 512, 1)} <= set(
            icns.info["sizes"]
        )
        icns.load()  # the largest entry decodes
        assert icns.size[0] >= 512
    assert "<svg" in (icons / "flowtally.svg").read_text()


def test_the_windows_version_resource_carries_pyprojects_version(tmp_path: Path) -> None:
    """PyInstaller reads it with pefile, which is only there on Windows: here it is checked
    to be the Python expression PyInstaller evaluates, with the version in both forms."""
    build = load_build()
    text = build.windows_version_file(VERSION, tmp_path / "version.txt").read_text()
    ast.parse(text, mode="eval")
    numbers = (*(int(part) for part in VERSION.split(".")), 0)[:4]
    assert f"filevers={numbers}" in text
    assert f"StringStruct('ProductVersion', '{VERSION}')" in text


def test_the_scripts_agree_with_the_spec() -> None:
    """The Inno Setup script starts the executables the spec names, and the shell scripts
    parse."""
    spec = (INSTALLER / "flowtally.spec").read_text()
    iss = (INSTALLER / "windows" / "flowtally.iss").read_text()
    assert 'executable("Flowtally", console=False)' in spec
    assert set(re.findall(r"\{app\}\\(\w[\w-]*\.exe)", iss)) == {"Flowtally.exe"}
    assert "AppVersion={#AppVersion}" in iss
    assert '"LSUIElement": True' in spec
    for script in ("linux/install.sh", "linux/uninstall.sh", "macos/make-dmg.sh"):
        subprocess.run(["sh", "-n", str(INSTALLER / script)], check=True)


@pytest.mark.parametrize("name", ["install.sh", "uninstall.sh"])
def test_the_linux_scripts_are_executable(name: str) -> None:
    assert (INSTALLER / "linux" / name).stat().st_mode & 0o111
