"""Runs the real ``flowtally`` command in a child process, as a user would."""

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROM_SOURCE = (sys.executable, "-m", "app")


def flowtally(
    *args: str,
    env: dict[str, str] | None = None,
    check: bool = True,
    command: Sequence[str] = FROM_SOURCE,
) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` from the repo root (or another ``command``, such as a built
    bundle's executable); with ``check`` it must exit 0."""
    result = subprocess.run(
        [*command, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"flowtally {' '.join(args)} failed:\n{result.stderr}")
    return result


def assert_clean_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 1, one line on stderr that says what is wrong, and no traceback."""
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("flowtally: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
