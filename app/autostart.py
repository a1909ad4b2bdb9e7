"""Start at login: an XDG autostart entry on Linux desktops."""

import shlex
import sys
from pathlib import Path

import platformdirs

from app.files import write_atomically
from app.version import APP_ID


def entry_path() -> Path:
    return platformdirs.user_config_path(appauthor=False) / "autostart" / "flowtally.desktop"


def is_enabled() -> bool:
    return entry_path().exists()


def set_enabled(enabled: bool) -> None:
    path = entry_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    # In a PyInstaller bundle the executable is Flowtally itself, not a Python to run it with.
    frozen = getattr(sys, "frozen", False)
    command = shlex.join([sys.executable] if frozen else [sys.executable, "-m", "app"])
    write_atomically(
        path,
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Flowtally\n"
        "Comment=Focus and flow tracker\n"
        f"Exec={command}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n",
        private=True,
    )
