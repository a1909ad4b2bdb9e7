"""Start at login: an XDG autostart entry on Linux desktops."""

import shlex
from pathlib import Path

import platformdirs

from app.desktop import this_installation
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
    command = shlex.join(this_installation())
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
