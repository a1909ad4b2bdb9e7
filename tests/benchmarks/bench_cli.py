"""Benchmark: the ``flowtally`` command, whole process, beside its floors in the same run.

    .venv/bin/python -m tests.benchmarks.bench_cli [--runs 30] [--years 1]

Two parts, each alternating the commands with their floor so that the machine's moods fall
on all of them. Flowtally's modules are compiled to bytecode first, as an installation has
them (``PYTHONDONTWRITEBYTECODE``, set on some machines, would make every command compile
its modules again):

- With the tray app running (Xvfb with trayer, a block running): ``status``, ``status
  --line``, ``interrupt`` and ``back``, forwarded to the app, beside ``python -c pass``. The
  commands run as a user, a status bar or a desktop shortcut runs them: the installed
  ``flowtally`` script, no ``--db``, the default database of the user's (private) folders.
  A second floor beside it: a process that only imports argparse and json, what any
  command line parsed with argparse that speaks JSON imports.
- Without an app, on ``--years`` of dense history: ``status`` and ``report --week W --json``,
  beside a process that only imports SQLAlchemy and opens the same SQLite file.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import xserver
from tests.benchmarks.bench_store import generate
from tests.benchmarks.bench_tray import ROOT, launch, private_env, stop, wait_until_settled
from tests.benchmarks.focus_rows import process_ms

FLOWTALLY = str(Path(sys.executable).parent / "flowtally")
BARE = [sys.executable, "-c", "pass"]
PARSER_FLOOR = [sys.executable, "-c", "import argparse, json"]
FORWARDED = {
    "status": ["status"],
    "status --line": ["status", "--line"],
    "interrupt": ["interrupt"],
    "back": ["back"],
}
WEEK = "2026-W46"


def alternated(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """The median milliseconds of each command, run in turn ``runs`` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name] += process_ms(command, env, 1)
    return {name: statistics.median(values) for name, values in times.items()}


def row(what: str, floor_name: str, floor: float, median: float, target: float) -> str:
    verdict = "met" if median <= target * floor else "missed"
    return (
        f"| {what} | {floor_name}: {floor:.1f} ms | {median:.1f} ms ({median / floor:.2f}x) "
        f"| {target:g}x: {verdict} |"
    )


def with_the_app(work: Path, runs: int) -> list[str]:
    with xserver.virtual_display() as display:
        env = private_env(display, work)
        process, _ = launch([FLOWTALLY], env)
        try:
            wait_until_settled([FLOWTALLY], env)
            subprocess.run([FLOWTALLY, "start"], env=env, check=True, capture_output=True)
            commands = {"bare": BARE, "parser": PARSER_FLOOR} | {
                name: [FLOWTALLY, *words] for name, words in FORWARDED.items()
            }
            medians = alternated(commands, env, runs)
        finally:
            stop(process)
    floor = medians["bare"]
    rows = [row("argparse and json alone", "`python -c pass`", floor, medians["parser"], 2)]
    return rows + [
        row(f"`flowtally {name}`, answered by the running app", "`python -c pass`", floor, m, 2)
        for name, m in medians.items()
        if name not in ("bare", "parser")
    ]


def without_an_app(work: Path, runs: int, years: int) -> list[str]:
    (work / "alone").mkdir()
    env = private_env(":0", work / "alone")
    database = work / "alone" / "history.sqlite3"
    source = work / "history.json"
    source.write_text(json.dumps({"format": "flowtally/1", "blocks": generate(years)}))
    cli = [FLOWTALLY, "--db", str(database)]
    subprocess.run([*cli, "import", str(source)], env=env, check=True, capture_output=True)
    floor = f"import sqlalchemy; sqlalchemy.create_engine('sqlite:///{database}').connect().close()"
    commands = {
        "floor": [sys.executable, "-c", floor],
        "status": [*cli, "status"],
        "report": [*cli, "report", "--week", WEEK, "--json"],
    }
    medians = alternated(commands, env, runs)
    floor_name = "import SQLAlchemy, open the file"
    return [
        row(f"`flowtally status`, no app ({years} y of history)", floor_name,
            medians["floor"], medians["status"], 1.3),
        row(f"`flowtally report --week {WEEK} --json`, no app", floor_name,
            medians["floor"], medians["report"], 1.3),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--years", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="flowtally-bench-cli-"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    packages = [str(ROOT / name) for name in ("app", "data", "tracker", "ui")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)
    rows = with_the_app(work, args.runs) + without_an_app(work, args.runs, args.years)
    print("| what | floor, same run | Flowtally, median | target |")
    print("|---|---|---|---|")
    for line in rows:
        print(line)


if __name__ == "__main__":
    main()
