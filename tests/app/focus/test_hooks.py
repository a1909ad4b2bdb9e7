"""Running a user's hook: what it gets, what a failure says, and that a hung one goes with
everything it started."""

import json
import os
import time
from pathlib import Path

from app.focus.hooks import Hooks, run_hook, runnable


def hook(folder: Path, name: str, text: str, mode: int = 0o700) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + text)
    path.chmod(mode)
    return path


def test_a_hook_reads_its_event_on_stdin(tmp_path: Path) -> None:
    out = tmp_path / "got.json"
    path = hook(tmp_path, "record", f'cat > "{out}"\n')
    assert run_hook(path, b'{"event": "back"}\n') is None
    assert json.loads(out.read_text()) == {"event": "back"}


def test_a_failure_says_its_exit_status_and_last_line(tmp_path: Path) -> None:
    path = hook(tmp_path, "fails", 'echo "first" >&2\necho "no token set" >&2\nexit 3\n')
    assert run_hook(path, b"{}\n") == "exit status 3: no token set"


def test_a_hung_hook_is_killed_with_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    path = hook(tmp_path, "hangs", f'sleep 30 &\necho $! > "{pid_file}"\nwait\n')
    began = time.monotonic()
    why = run_hook(path, b"{}\n", timeout=0.5)
    assert why == "still running after 0.5 s; it was stopped"
    assert time.monotonic() - began < 3
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 2
    while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{child}").exists() or "Z" in _state(child)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_only_the_users_own_executables_that_nobody_else_can_change_run(tmp_path: Path) -> None:
    assert runnable(hook(tmp_path, "mine", "true\n"))
    assert not runnable(hook(tmp_path, "shared", "true\n", mode=0o770))
    assert not runnable(hook(tmp_path, "plain", "true\n", mode=0o600))
    assert not runnable(hook(tmp_path, "mine~", "true\n"))
    assert not runnable(hook(tmp_path, ".hidden", "true\n"))
    assert os.getuid() == (tmp_path / "mine").stat().st_uid


def test_events_run_in_order_and_a_failing_hook_is_reported_once(tmp_path: Path) -> None:
    out = tmp_path / "events"
    hook(tmp_path, "a-record", f'cat >> "{out}"\n')
    hook(tmp_path, "b-fails", "exit 1\n")
    reported: list[str] = []
    hooks = Hooks(lambda name, why: reported.append(f"{name}: {why}"), folder=tmp_path)
    for number in range(5):
        hooks.fire({"event": "phase-changed", "n": number})
    hooks.stop()
    assert [json.loads(line)["n"] for line in out.read_text().splitlines()] == [0, 1, 2, 3, 4]
    assert reported == ["b-fails: exit status 1"]
