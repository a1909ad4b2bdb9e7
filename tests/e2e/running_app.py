"""The real tray app in a child process, and ways to look at it from outside."""

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from tests.app.cli_runner import FROM_SOURCE, ROOT, flowtally


class RunningApp:
    def __init__(
        self,
        database: Path | str,
        display: str,
        extra_env: dict[str, str] | None = None,
        command: Sequence[str] = FROM_SOURCE,
        stderr_file: Path | None = None,
    ):
        """``stderr_file``: where the app's stderr goes, for output too large for a pipe
        nobody reads while the app runs (``WAYLAND_DEBUG``)."""
        self.database = database
        self.stderr_file = stderr_file
        self.command = tuple(command)
        self.env = {
            **os.environ,
            "DISPLAY": display,
            "FLOWTALLY_TRAY_WAIT_S": "2",
            "PYTHONFAULTHANDLER": "1",  # a crash prints every thread's stack
            **(extra_env or {}),
        }
        self.process: subprocess.Popen[str] | None = None
        self.stdout = ""
        """What the app printed, once :meth:`quit` has waited for it."""

    def launch(self, *args: str, wait: bool = True) -> "RunningApp":
        """Start ``flowtally ARGS`` (the tray app without arguments); with ``wait``, until it
        answers a forwarded status."""
        self.started_at = time.monotonic()
        with contextlib.ExitStack() as files:  # the child keeps its own copy of the file
            stderr: int | IO[str] = subprocess.PIPE
            if self.stderr_file is not None:
                stderr = files.enter_context(self.stderr_file.open("w"))
            self.process = subprocess.Popen(
                [*self.command, *args, "--db", str(self.database)],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        if wait:
            try:
                self.wait_for(lambda s: s.get("app") is not None, "the app to answer")
            except AssertionError:
                if self.process.poll() is None:  # never left behind to starve the next tests
                    self.kill_hard()
                raise
        return self

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return flowtally(
            *args, "--db", str(self.database), env=self.env, check=check, command=self.command
        )

    def status(self) -> dict[str, Any]:
        result = self.cli("status", "--json", check=False)
        if result.returncode != 0:
            return {}
        value: dict[str, Any] = json.loads(result.stdout)
        return value

    def any_status(self) -> dict[str, Any]:
        """``status --json`` whatever its exit code (the app answers one without a usable
        database too); empty when nothing answered."""
        result = self.cli("status", "--json", check=False)
        try:
            value: dict[str, Any] = json.loads(result.stdout)
        except ValueError:
            return {}
        return value

    def app_info(self) -> dict[str, Any]:
        return self.status().get("app") or {}

    def wait_for(
        self, condition: Callable[[dict[str, Any]], bool], what: str, timeout: float = 20
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited while waiting for {what}: {self.output()}")
            status = self.status()
            if status and condition(status):
                return status
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; last status {self.status()}")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def kill_hard(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=10)

    def quit(self) -> int:
        """Stop the app as the desktop would (SIGTERM); it must exit cleanly and quietly."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.stdout, err = self.process.communicate(timeout=15)
        if self.stderr_file is not None:
            err = self.stderr_file.read_text()
        noise = [
            line
            for line in err.splitlines()
            if "QObject::" in line or "Traceback" in line or "internal error" in line
        ]
        assert not noise, err
        if self.process.returncode:
            print(f"the app exited with {self.process.returncode}; its stderr:\n{err}")
        return self.process.returncode

    def output(self) -> str:
        assert self.process is not None
        if self.process.poll() is None:
            return ""
        out, err = self.process.communicate()
        return out + err


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@contextmanager
def focused_window(display: str, name: str = "otherapp") -> Iterator[str]:
    """Another application's window (xmessage), given the keyboard focus: where the user is
    typing while Flowtally runs in the tray. Yields its window id."""
    env = {**os.environ, "DISPLAY": display}
    other = subprocess.Popen(
        ["xmessage", "-name", name, "-geometry", "+200+300", "someone else's window"], env=env
    )
    try:
        window = ""
        for _ in range(50):
            found = subprocess.run(
                ["xdotool", "search", "--sync", "--classname", name],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=10,
            )
            window = found.stdout.split()[0] if found.stdout.split() else ""
            if window:
                break
            time.sleep(0.1)
        xdotool(display, "windowfocus", "--sync", window)
        yield window
    finally:
        other.terminate()
        other.wait(5)
