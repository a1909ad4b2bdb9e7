"""The Linux bundle, built from this checkout with ``installer/build.py`` and used as a user
would: unpacked from its tarball, installed with its script, started under Xvfb with a tray
host, and driven through the command-line forwarding path."""

import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from app.version import APP_ID
from tests.app.cli_runner import ROOT
from tests.e2e.running_app import RunningApp
from tests.xserver import ARTIFACTS, screenshot

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once for the module (about two minutes). ``FLOWTALLY_BUNDLE_TARBALL`` reuses a
    tarball already built from this checkout, for working on these tests only."""
    ready = os.environ.get("FLOWTALLY_BUNDLE_TARBALL")
    if ready:
        return Path(ready)
    folder = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [
            sys.executable,
            "installer/build.py",
            "--dist",
            str(folder / "dist"),
            "--work",
            str(folder / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (archive,) = (folder / "dist").glob("flowtally-*-linux-*.tar.gz")
    return archive


@pytest.fixture(scope="module")
def unpacked(tarball: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="tar")
    (folder,) = target.iterdir()
    return folder


def test_the_tarball_is_named_and_versioned_from_pyproject(tarball: Path, unpacked: Path) -> None:
    assert tarball.name.startswith(f"flowtally-{VERSION}-linux-")
    version = subprocess.run(
        [str(unpacked / "flowtally" / "flowtally"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert version.stdout.strip() == f"flowtally {VERSION}"
    metainfo = (unpacked / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").read_text()
    assert f'<release version="{VERSION}"' in metainfo


def test_the_desktop_files_pass_their_validators(unpacked: Path) -> None:
    share = unpacked / "share"
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None:
            if os.environ.get("FLOWTALLY_REQUIRE_DISPLAY") == "1":
                pytest.fail(f"{tool} is required (Debian's desktop-file-utils and appstream)")
            pytest.skip(f"{tool} is not installed")
    desktop = subprocess.run(
        ["desktop-file-validate", str(share / "applications" / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert desktop.returncode == 0, desktop.stdout
    assert not desktop.stdout.strip(), desktop.stdout  # not even a hint
    metainfo_file = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    metainfo = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert metainfo.returncode == 0, metainfo.stdout + metainfo.stderr


def test_every_icon_size_is_there_at_its_size(unpacked: Path) -> None:
    hicolor = unpacked / "share" / "icons" / "hicolor"
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            alpha = image.getchannel("A")
            assert alpha.getextrema() == (0, 255) or size < 28  # see-through corners, solid tile
    svg = (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_text()
    assert "<svg" in svg
    assert "Flowtally" in svg


def test_install_and_uninstall_for_one_user(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    env.pop("PREFIX", None)
    subprocess.run([str(unpacked / "install.sh"), "--autostart"], env=env, check=True, timeout=120)
    local = home / ".local"
    executable = local / "lib" / "flowtally" / "flowtally"
    assert (local / "bin" / "flowtally").resolve() == executable
    desktop = (local / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={executable}\n" in desktop
    assert f"Exec={executable} interrupt\n" in desktop
    autostart = (home / ".config" / "autostart" / "flowtally.desktop").read_text()
    assert f"Exec={executable}\n" in autostart
    assert "[Desktop Action" not in autostart
    assert (local / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").exists()
    version = subprocess.run(
        [str(local / "bin" / "flowtally"), "--version"], capture_output=True, text=True, check=True
    )
    assert VERSION in version.stdout

    subprocess.run([str(unpacked / "uninstall.sh")], env=env, check=True, timeout=60)
    assert not (local / "bin" / "flowtally").exists()
    assert not (local / "lib" / "flowtally").exists()
    assert not (home / ".config" / "autostart" / "flowtally.desktop").exists()
    assert not list((local / "share").rglob(f"{APP_ID}*"))


@pytest.fixture
def bundled_app(unpacked: Path, x_display: str, tmp_path: Path) -> Iterator[RunningApp]:
    command = [str(unpacked / "flowtally" / "flowtally")]
    running = RunningApp(tmp_path / "bundle.sqlite3", x_display, command=command).launch()
    yield running
    if running.process is not None and running.process.poll() is None:
        running.process.kill()
        running.process.communicate(timeout=10)


def test_the_bundle_shows_its_icon_logs_a_forwarded_interruption_and_quits(
    bundled_app: RunningApp, x_display: str, tmp_path: Path
) -> None:
    app = bundled_app
    info = app.wait_for(lambda s: s["app"]["tray_geometry"][2] >= 16, "the icon to be embedded")
    assert info["app"]["tray"]
    app.cli("start", "--task", "packaging")
    answer = app.cli("interrupt", "--source", "chat", "--kind", "internal")
    assert answer.stdout.startswith("Interruption logged at")
    status = app.wait_for(lambda s: s["interruptions"] == 1, "the interruption to show")
    assert status["app"] is not None  # answered by the running bundle, not a second process
    assert app.rows("SELECT kind, source FROM interruptions") == [("internal", "chat")]
    app.wait_for(lambda s: s["app"]["hotkey_active"], "the bundled pynput hotkey listener")
    screenshot(x_display, ARTIFACTS / "bundle-tray.png", "300x40+980+0")
    # The bundled matplotlib draws the dashboard (in its worker thread) and a headless PDF.
    app.cli("dashboard")
    app.wait_for(
        lambda s: s["app"]["dashboard_open"] and s["app"]["charts_loaded"], "the dashboard"
    )
    time.sleep(1)
    screenshot(x_display, ARTIFACTS / "bundle-dashboard.png")
    pdf = tmp_path / "report.pdf"
    app.cli("report", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert app.quit() == 0
    assert app.rows("SELECT count(*) FROM blocks") == [(1,)]
