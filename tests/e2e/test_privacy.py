"""Privacy, proven on the running app: what the user types elsewhere is never recorded, and the
data file is readable by its owner only."""

import stat
import time
from pathlib import Path

from tests.e2e.running_app import RunningApp, focused_window, xdotool

SECRET = "Zq7-hunter2-correct-horse"


def every_file(*folders: Path) -> list[Path]:
    return [
        path
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    ]


def test_typed_text_is_found_in_no_file_the_app_writes(
    x_display: str, tmp_path: Path, private_user_folders: Path
) -> None:
    database = private_user_folders / "data" / "flowtally" / "flowtally.sqlite3"
    app = RunningApp(database, x_display).launch()
    try:
        app.wait_for(
            lambda s: s["app"]["hotkey_active"] and s["app"]["away_detection"],
            "the input listeners",
        )
        app.cli("start", "--task", "writing")
        with focused_window(x_display):
            xdotool(x_display, "type", "--delay", "20", SECRET)
            # The listeners were listening: the hotkey typed right after is recorded.
            xdotool(x_display, "key", "ctrl+alt+shift+i")
            deadline = time.monotonic() + 5
            while not app.rows("SELECT id FROM interruptions"):
                assert time.monotonic() < deadline, "the listeners heard nothing"
                time.sleep(0.05)
        app.cli("stop")
    finally:
        assert app.quit() == 0

    written = every_file(private_user_folders, Path(str(app.env["XDG_RUNTIME_DIR"])), tmp_path)
    assert database in written
    assert any(path.suffix == ".log" for path in written)  # the app's log is searched too
    needles = [SECRET.encode(), SECRET.encode("utf-16-le"), b"hunter2", b"correct-horse"]
    for path in written:
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{needle!r} found in {path}"

    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
