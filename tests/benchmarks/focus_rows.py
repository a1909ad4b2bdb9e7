"""The focus protection's part of ``bench_tray``: a hook that hangs on every event while
the presses are measured, and ``status --line`` / ``--format waybar`` (what status bars run
every few seconds) forwarded to the running app, beside a bare interpreter in the same run."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.app.cli_runner import ROOT

HANGING_HOOK = "#!/bin/sh\ncat > /dev/null\nsleep 30\n"


def install_hanging_hook(config: Path) -> None:
    """A hook that takes 30 s on every event (it is killed at 10 s): the worst a user's
    script can do to the app."""
    folder = config / "flowtally" / "hooks"
    folder.mkdir(parents=True, exist_ok=True)
    hook = folder / "hangs"
    hook.write_text(HANGING_HOOK)
    hook.chmod(0o700)


def process_ms(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    result = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        result.append((time.perf_counter() - began) * 1000)
    return sorted(result)


def status_line_rows(cli: list[str], env: dict[str, str], runs: int = 30) -> list[str]:
    """Whole-process times, alternated so that the machine's moods fall on all three."""
    bare: list[float] = []
    line: list[float] = []
    waybar: list[float] = []
    for _ in range(runs):
        bare += process_ms([sys.executable, "-c", "pass"], env, 1)
        line += process_ms([*cli, "status", "--line"], env, 1)
        waybar += process_ms([*cli, "status", "--format", "waybar"], env, 1)
    floor = statistics.median(bare)
    rows = []
    for name, values in (("status --line", line), ("status --format waybar", waybar)):
        median = statistics.median(values)
        rows.append(
            f"| `flowtally {name}`, answered by the running app ({runs}) | "
            f"`python -c pass`: median {floor:.1f} ms | median {median:.1f} ms "
            f"({median / floor:.1f}x) |"
        )
    return rows
