"""Builds Flowtally for the platform it runs on: ``python installer/build.py``.

- Linux: a PyInstaller one-folder bundle with its desktop entry, icons, AppStream metainfo and
  install script, packed as ``flowtally-VERSION-linux-ARCH.tar.gz``.
- Windows: the bundle, then the installer from ``installer/windows/flowtally.iss`` when Inno
  Setup's ``ISCC.exe`` is on PATH (or given with ``--iscc``).
- macOS: ``Flowtally.app`` (menu bar only), then ``Flowtally-VERSION.dmg`` with ``hdiutil``.

Everything is written under ``--dist`` (default ``installer/dist``); PyInstaller's work files
under ``--work`` (default ``installer/build``). The version comes from pyproject.toml only.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script, from anywhere: the project's packages
    sys.path.insert(0, str(ROOT))

from app.desktop import entry_text  # noqa: E402 - needs the path above
from app.version import APP_ID  # noqa: E402 - needs the path above

INSTALLER = ROOT / "installer"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        version: str = tomllib.load(file)["project"]["version"]
    return version


def render_icons(folder: Path) -> Path:
    """PNG at every size, an SVG, and the Windows/macOS containers, all from ``ui.app_icon``
    (with the running QGuiApplication, or one made here)."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QGuiApplication, QPainter
    from PySide6.QtSvg import QSvgGenerator

    from ui import app_icon

    _app = QGuiApplication.instance() or QGuiApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    for size in ICON_SIZES:
        if not app_icon.pixmap(size).save(str(folder / f"{size}.png")):
            raise SystemExit(f"could not write the {size} px icon")
    svg = QSvgGenerator()
    svg.setFileName(str(folder / "flowtally.svg"))
    svg.setSize(QSize(256, 256))
    svg.setViewBox(QRect(0, 0, 256, 256))
    svg.setTitle("Flowtally")
    painter = QPainter(svg)
    app_icon.draw(painter, 256)
    painter.end()
    del _app
    # Each size drawn for itself rather than scaled from the largest by Pillow.
    images = {size: _image(folder / f"{size}.png") for size in ICON_SIZES}
    windows = [images[size] for size in (16, 24, 32, 48, 64, 128, 256)]
    windows[-1].save(folder / "flowtally.ico", append_images=windows[:-1])
    images[512].save(
        folder / "flowtally.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256)]
    )
    return folder


def _image(path: Path) -> Image.Image:
    from PIL import Image

    with Image.open(path) as image:
        return image.copy()


def windows_version_file(version: str, target: Path) -> Path:
    """The version resource Windows shows in the file's properties."""
    numbers = [int(part) for part in version.split(".")[:3] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    quad = tuple(numbers[:4])
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Flowtally'),
      StringStruct('FileDescription', 'Flowtally focus and flow tracker'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', 'Flowtally'),
      StringStruct('ProductVersion', '{version}'),
      StringStruct('LegalCopyright', 'MIT licence')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return target


def run_pyinstaller(version: str, icons: Path, dist: Path, work: Path) -> None:
    env = {
        **os.environ,
        "FLOWTALLY_BUILD_VERSION": version,
        "FLOWTALLY_BUILD_ICONS": str(icons),
        "FLOWTALLY_BUILD_APP_ID": APP_ID,
    }
    if sys.platform == "win32":
        env["FLOWTALLY_BUILD_WINVERSION"] = str(windows_version_file(version, work / "version.txt"))
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work / "pyinstaller"),
        str(INSTALLER / "flowtally.spec"),
    ]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def linux_package(version: str, icons: Path, dist: Path) -> Path:
    """The bundle plus what a desktop needs to list it, in one tarball with an installer."""
    name = f"flowtally-{version}-linux-{platform.machine()}"
    stage = dist / name
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir()
    (dist / "flowtally").rename(stage / "flowtally")
    share = stage / "share"
    (share / "applications").mkdir(parents=True)
    entry = share / "applications" / f"{APP_ID}.desktop"  # install.sh points Exec at the bundle
    entry.write_text(entry_text(Path("flowtally")), encoding="utf-8")
    (share / "metainfo").mkdir()
    metainfo = (INSTALLER / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        metainfo.replace("@VERSION@", version), encoding="utf-8"
    )
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(icons / f"{size}.png", folder / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(icons / "flowtally.svg", scalable / f"{APP_ID}.svg")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy(INSTALLER / "linux" / script, stage / script)
        (stage / script).chmod(0o755)
    shutil.copy(ROOT / "README.md", stage / "README.md")
    archive = dist / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:  # 9 is slower, barely smaller
        tar.add(stage, arcname=name)
    return archive


def windows_installer(version: str, dist: Path, icons: Path, iscc: str | None) -> Path | None:
    compiler = iscc or shutil.which("ISCC") or shutil.which("ISCC.exe")
    if compiler is None:
        print("Inno Setup (ISCC.exe) not found: built the bundle only", file=sys.stderr)
        return None
    subprocess.run(
        [
            compiler,
            f"/DAppVersion={version}",
            f"/DBundleDir={dist / 'flowtally'}",
            f"/DIconFile={icons / 'flowtally.ico'}",
            f"/O{dist}",
            str(INSTALLER / "windows" / "flowtally.iss"),
        ],
        check=True,
    )
    return dist / f"Flowtally-{version}-setup.exe"


def macos_disk_image(version: str, dist: Path) -> Path:
    image = dist / f"Flowtally-{version}.dmg"
    subprocess.run([str(INSTALLER / "macos" / "make-dmg.sh"), str(dist), version], check=True)
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dist", type=Path, default=INSTALLER / "dist")
    parser.add_argument("--work", type=Path, default=INSTALLER / "build")
    parser.add_argument("--iscc", help="path of Inno Setup's ISCC.exe (Windows)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    version = project_version()
    for folder in (dist, work):
        if folder.exists():
            shutil.rmtree(folder)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # drawing needs no display
    icons = render_icons(work / "icons")
    run_pyinstaller(version, icons, dist, work)
    if sys.platform.startswith("linux"):
        result: Path | None = linux_package(version, icons, dist)
    elif sys.platform == "win32":
        result = windows_installer(version, dist, icons, args.iscc)
    elif sys.platform == "darwin":
        result = macos_disk_image(version, dist)
    else:
        result = None
    print(f"Flowtally {version}: {result or dist}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
