"""What the idle tray holds: every module it imports earns its place (#27). The app runs as a
returning user starts it (the database current, a block running), and writes its modules
when asked (``tests/e2e/modules_probe.py``)."""

import json
import signal
import sys
import time
from pathlib import Path

from data.store import Store
from tests.e2e.running_app import RunningApp

PROBE = [sys.executable, str(Path(__file__).with_name("modules_probe.py"))]

PACKAGES = {
    "PySide6": "the tray, the popup and the timer window",
    "shiboken6": "PySide6's bindings",
    "shibokensupport": "PySide6's bindings",
    "signature_bootstrap": "PySide6's bindings",
    "__feature__": "PySide6's bindings",
    "sqlalchemy": "the store",
    "typing_extensions": "SQLAlchemy's typing",
    "cython_runtime": "SQLAlchemy's compiled parts",
    "_cython_3_3_1": "SQLAlchemy's compiled parts",
    "pynput": "the hotkey and the activity listeners on X11",
    "Xlib": "pynput's X11 backend",
    "six": "Xlib's",
    "jeepney": "desktop notices, quiet notifications, the published status",
    "platformdirs": "the user's folders",
    "tzlocal": "the system's time zone",
    "tzdata": "time zones where the system has none",
    "_distutils_hack": "setuptools' hook in every interpreter of the virtual environment",
    "_sysconfigdata__linux_x86_64-linux-gnu": "the interpreter's own build facts",
}
"""Every package outside the standard library the idle tray may hold, and why."""

NOT_YET = {
    "alembic": "the schema is current: one query tells, and nothing is migrated",
    "sqlalchemy.orm": "the store is SQLAlchemy Core: the ORM would hold about 6 MB more",
    "matplotlib": "the charts load with the dashboard",
    "app.gui.dashboard": "the dashboard loads when it is first opened",
    "ui.settings_dialog": "the settings dialog loads when it is first opened",
    "ui.welcome": "the first-run window loads when it is first shown",
    "ui.about": "About loads when it is first opened",
    "app.language.team_grammar": "the tray's own command line names no command",
    "psycopg": "PostgreSQL is reached only by a sync, on its own thread",
    "data.sync": "a sync loads it, on its own thread",
    "data.team": "a sync to a team's database loads it",
    "data.importing": "an import loads it",
    "app.gui.portal_hotkey": "the GlobalShortcuts portal is Wayland's; this session is X11",
}
"""Our modules and packages that the idle tray must not hold yet, and why."""


def test_the_idle_tray_imports_only_what_it_uses_and_sets_it_aside(
    x_display: str, tmp_path: Path, private_user_folders: Path
) -> None:
    database = tmp_path / "flowtally.sqlite3"
    Store.open(str(database)).close()  # a returning user's: the schema is current
    written = tmp_path / "modules.json"
    app = RunningApp(
        database, x_display, extra_env={"FLOWTALLY_MODULES_OUT": str(written)}, command=PROBE
    ).launch()
    try:
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the app to settle")
        app.cli("start", "--task", "idle")
        time.sleep(1)
        assert app.process is not None
        app.process.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + 10
        while not written.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        assert app.quit() == 0
    seen = json.loads(written.read_text())
    held = seen["modules"]
    # What start-up loaded is set aside from the garbage collector: a full collection, which
    # stops every thread, walks a fraction of it (over 100,000 objects, 40 ms and more).
    assert seen["walked"] * 3 < seen["frozen"], seen
    packages = {name.split(".")[0] for name in held}
    foreign = {
        name
        for name in packages - set(sys.stdlib_module_names)
        if name not in ("app", "data", "tracker", "ui", "__main__")
    }
    assert foreign <= set(PACKAGES), f"not on the allow-list: {sorted(foreign - set(PACKAGES))}"
    early = sorted(
        name for name in held if any(name == n or name.startswith(n + ".") for n in NOT_YET)
    )
    assert early == [], early
