"""Fixtures shared by every test: private user folders, and the real database backends."""

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import xserver
from tests.postgres_server import PostgresServer, find_bindir
from tests.user_folders import returning_user


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point platformdirs at a temporary home so no test touches real user data."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_BIN_HOME", "bin"),  # flowtally desktop install's launcher
    ):
        monkeypatch.setenv(variable, str(home / folder))
    runtime = Path(tempfile.mkdtemp(prefix="ft-run-"))  # short: Unix socket paths are limited
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("FLOWTALLY_DB", raising=False)
    monkeypatch.delenv("FLOWTALLY_TZ", raising=False)
    returning_user(home / "state")
    yield home
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    required = os.environ.get("FLOWTALLY_REQUIRE_POSTGRES") == "1"
    bindir = find_bindir()
    if bindir is None:
        if required:
            pytest.fail("PostgreSQL is required but Debian's postgresql package is missing")
        pytest.skip("PostgreSQL server binaries not installed")
    server = PostgresServer(bindir)
    try:
        server.start()
    except (OSError, subprocess.SubprocessError) as exc:
        server.stop()
        if required:
            pytest.fail(f"could not start PostgreSQL: {exc}")
        pytest.skip(f"could not start PostgreSQL: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database on each backend the store supports."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'flowtally.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.database() as url:
        yield url


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """A real X server with a tray host; Qt tests and the app under test run on it."""
    if not xserver.available():
        if os.environ.get("FLOWTALLY_REQUIRE_DISPLAY") == "1":
            pytest.fail("Xvfb, trayer and xdotool are required (Debian packages)")
        pytest.skip("Xvfb, trayer or xdotool not installed")
    with xserver.virtual_display() as display:
        previous = os.environ.get("DISPLAY")
        os.environ["DISPLAY"] = display
        os.environ.pop("WAYLAND_DISPLAY", None)
        yield display
        _destroy_qapplication()  # before its X server goes, or Qt aborts the process
        if previous is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = previous


@pytest.fixture(scope="session")
def qapp_args(x_display: str) -> list[str]:
    """pytest-qt builds its QApplication after this: on the virtual display."""
    return ["flowtally-tests"]


def _destroy_qapplication() -> None:
    if "PySide6.QtWidgets" not in sys.modules:
        return
    import shiboken6
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.processEvents()
        shiboken6.delete(app)
