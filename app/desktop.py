"""Flowtally in the desktop's applications menu and ``flowtally`` on PATH, for an
installation run from its own folder (README's command, a virtual environment).

The desktop entry is what names the app in GNOME's and KDE's panels and dialogs (without it
they show the bare app id), and what xdg-desktop-portal 1.19+ needs to register the app id
(1.21 refuses GlobalShortcuts to an app without one). The launcher in ``~/.local/bin`` makes
the command that README, the status line and the Wayland message name really work. Both
point at this installation. Written by ``flowtally desktop install``, removed by
``flowtally desktop remove``; a file there that Flowtally did not write is left alone.
"""

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from app.files import write_atomically
from app.version import APP_ID
from tracker.errors import FlowtallyError
from tracker.i18n import _

MARK = "# Flowtally's launcher, written by 'flowtally desktop install'"
ICON = Path(__file__).with_name("share") / f"{APP_ID}.svg"
"""The app's icon (the three-phase ring of :mod:`ui.app_icon`, drawn as SVG)."""


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher_path() -> Path:
    """``~/.local/bin/flowtally``, where the XDG base directory spec puts a user's commands."""
    return Path(os.environ.get("XDG_BIN_HOME") or Path.home() / ".local" / "bin") / "flowtally"


def entry_path() -> Path:
    return _data_home() / "applications" / f"{APP_ID}.desktop"


def icon_path() -> Path:
    return _data_home() / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def this_installation() -> list[str]:
    """The command that runs this very Flowtally, whatever folder it is run from."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is Flowtally
        return [sys.executable]
    return [sys.executable, "-m", "app"]


def entry_text(launcher: Path) -> str:
    """The desktop entry, its commands pointing at ``launcher`` (the Linux bundle's too,
    with ``flowtally``, which its install.sh points at the bundle)."""
    command = shlex.quote(str(launcher))
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Flowtally\n"
        "GenericName=Focus Tracker\n"
        "GenericName[nl]=Focustracker\n"
        "Comment=Time focus blocks, log interruptions with one key, see your flow per week\n"
        "Comment[nl]=Tijd focusblokken, log onderbrekingen met één toets, zie je flow per week\n"
        f"Exec={command}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Office;ProjectManagement;\n"
        "Keywords=focus;flow;timer;interruption;pomodoro;productivity;deep work;\n"
        "Keywords[nl]=focus;flow;timer;onderbreking;productiviteit;\n"
        "StartupNotify=false\n"
        "Actions=Dashboard;Interrupt;\n"
        "\n"
        "[Desktop Action Dashboard]\n"
        "Name=Open the dashboard\n"
        "Name[nl]=Dashboard openen\n"
        f"Exec={command} dashboard\n"
        "\n"
        "[Desktop Action Interrupt]\n"
        "Name=Log an interruption\n"
        "Name[nl]=Onderbreking loggen\n"
        f"Exec={command} interrupt\n"
    )


def _ours(path: Path) -> bool:
    """Whether ``path`` is absent or a file Flowtally wrote (never another program's)."""
    if not path.exists() and not path.is_symlink():
        return True
    if path.is_symlink() or not path.is_file():
        return False
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return False
    return MARK in head or f"Icon={APP_ID}" in head or path.suffix == ".svg"


@dataclass(frozen=True, slots=True)
class Installed:
    launcher: Path
    entry: Path
    icon: Path
    on_path: bool
    """Whether the launcher's folder is on this shell's PATH."""


def install() -> Installed:
    """Write the launcher, the desktop entry and the icon (again: replaced)."""
    launcher, entry, icon = launcher_path(), entry_path(), icon_path()
    for path in (launcher, entry):
        if not _ours(path):
            raise FlowtallyError(
                _("{path} exists and is not Flowtally's: it was left as it is").format(path=path)
            )
    for path in (launcher, entry, icon):
        path.parent.mkdir(parents=True, exist_ok=True)
    script = f'#!/bin/sh\n{MARK}\nexec {shlex.join(this_installation())} "$@"\n'
    write_atomically(launcher, script)
    launcher.chmod(0o755)
    write_atomically(entry, entry_text(launcher))
    write_atomically(icon, ICON.read_bytes())
    folders = [Path(p).resolve() for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    return Installed(launcher, entry, icon, launcher.parent.resolve() in folders)


def remove() -> list[Path]:
    """Remove what :func:`install` wrote; the paths removed."""
    removed = []
    for path in (launcher_path(), entry_path(), icon_path()):
        if path.exists() and _ours(path):
            path.unlink()
            removed.append(path)
    return removed
