"""The user's hooks: executables in the config folder's ``hooks/``, run on each focus event
with one JSON object on stdin (README documents it).

Each hook has a thread of its own, so a slow Slack call never holds up another hook, the
icon or a logged press; one hook sees its events one at a time, in order. A hook gets
:data:`TIMEOUT_S`; then it is killed with everything it started (its own process group). A
hook that fails is reported once (``failed``: the tray says it, the log keeps it) until it
runs cleanly again. The payload never holds an interruption's note: a hook is the one
thing that may send what it gets off the machine.
"""

import json
import logging
import os
import queue
import signal
import stat
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)
TIMEOUT_S = 10.0
ERROR_CHARS = 300


def hooks_folder() -> Path:
    return platformdirs.user_config_path("flowtally", appauthor=False) / "hooks"


def runnable(path: Path) -> bool:
    """An executable file of this user's own that nobody else may change (a hook another
    local user could edit would run as this one)."""
    if path.name.startswith(".") or path.name.endswith("~"):
        return False
    try:
        info = path.stat()
    except OSError:
        return False
    return (
        stat.S_ISREG(info.st_mode)
        and bool(info.st_mode & stat.S_IXUSR)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


class Hooks:
    def __init__(self, failed: Callable[[str, str], None], folder: Path | None = None) -> None:
        """``failed(hook name, why)``: called on a hook's thread, once per failing spell."""
        self._failed = failed
        self._folder = folder
        self._runners: dict[Path, _Runner] = {}
        self.ran = 0

    @property
    def folder(self) -> Path:
        return self._folder or hooks_folder()

    def fire(self, payload: dict[str, Any]) -> None:
        """Give ``payload`` to every hook in the folder now (a hook added while the app runs
        gets the next event)."""
        try:
            paths = sorted(p for p in self.folder.iterdir() if runnable(p))
        except OSError:
            return  # no folder: no hooks
        data = (json.dumps(payload) + "\n").encode()
        for path in paths:
            runner = self._runners.get(path)
            if runner is None:
                runner = self._runners[path] = _Runner(path, self._report)
            runner.put(data)

    def facts(self) -> dict[str, object]:
        return {"hooks": [p.name for p in self._runners], "hook_runs": self.ran}

    def stop(self) -> None:
        """The events given so far still run (the last ``quiet-changed`` turns a
        do-not-disturb mode off), for at most a hook's timeout in all: the app then quits."""
        for runner in self._runners.values():
            runner.stop()
        deadline = time.monotonic() + TIMEOUT_S + 1
        for runner in self._runners.values():
            runner.join(max(0.0, deadline - time.monotonic()))

    def _report(self, path: Path, why: str | None) -> None:
        self.ran += 1
        if why is not None:
            self._failed(path.name, why)


class _Runner:
    """One hook's thread and its queue of events."""

    def __init__(self, path: Path, report: Callable[[Path, str | None], None]) -> None:
        self.path = path
        self._report = report
        self._events: queue.Queue[bytes | None] = queue.Queue()
        self._failing = False
        self._thread = threading.Thread(target=self._run, name=f"hook {path.name}", daemon=True)
        self._thread.start()

    def put(self, data: bytes) -> None:
        self._events.put(data)

    def stop(self) -> None:
        self._events.put(None)

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def _run(self) -> None:
        while (data := self._events.get()) is not None:
            why = run_hook(self.path, data)
            if why is None:
                self._failing = False
                self._report(self.path, None)
                continue
            log.warning("hook %s failed: %s", self.path.name, why)
            self._report(self.path, None if self._failing else why)
            self._failing = True


def run_hook(path: Path, data: bytes, timeout: float = TIMEOUT_S) -> str | None:
    """Run one hook on one event; why it failed, or ``None``."""
    try:
        process = subprocess.Popen(
            [str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=path.parent,
            start_new_session=True,  # its own process group: killed with all it started
        )
    except OSError as exc:
        return exc.strerror or str(exc)
    try:
        _out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return f"still running after {timeout:g} s; it was stopped"
    if process.returncode == 0:
        return None
    last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
    detail = f": {last[0][:ERROR_CHARS]}" if last[0] else ""
    return f"exit status {process.returncode}{detail}"


def _kill_group(process: "subprocess.Popen[bytes]") -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()
