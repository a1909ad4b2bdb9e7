"""Benchmark: a year of another tool's history imported with one command, beside its floor.

Run on demand (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_import_foreign [--runs 5]

It writes, deterministically, a year of a heavy user's Toggl Track entries (eight a working
day, 12-hour times and a byte-order mark, as Toggl writes them) and a year of Flowkeeper
pomodoros (eight a working day, most with an interruption), then times ``flowtally import``
of each into a fresh SQLite file, as a whole process. The floor, in the same run: a process
that reads the same file with :mod:`csv` (or splits the log's lines) and writes one row per
entry with a plain ``executemany``, the least any import of it must do; and the same
command importing a file of one entry, the cost of a ``flowtally`` process that opens (and
creates) a store, which a year adds to.
"""

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.tracker.foreign.writers import flowkeeper_event, toggl_csv

ROOT = Path(__file__).resolve().parents[2]
PER_DAY = 8
FIRST = date(2025, 1, 6)

FLOOR = """
import csv, sqlite3, sys
path, target = sys.argv[1], sys.argv[2]
db = sqlite3.connect(target)
db.execute("CREATE TABLE blocks (id INTEGER PRIMARY KEY, start TEXT, end TEXT, task TEXT)")
with open(path, encoding="utf-8-sig") as handle:
    if path.endswith(".csv"):
        rows = [(r[7] + " " + r[8], r[9] + " " + r[10], r[5]) for r in list(csv.reader(handle))[1:]]
    else:
        rows = [(line[:40], line[:40], line[40:]) for line in handle if "StartTimer" in line]
db.executemany("INSERT INTO blocks (start, end, task) VALUES (?, ?, ?)", rows)
db.commit()
"""


def working_days() -> list[date]:
    days = [FIRST + timedelta(days=i) for i in range(364)]
    return [d for d in days if d.weekday() < 5]


def toggl_year(folder: Path) -> Path:
    rows = []
    for day in working_days():
        clock = datetime(day.year, day.month, day.day, 8)
        for n in range(PER_DAY):
            start = clock + timedelta(minutes=random.randint(0, 20))
            end = start + timedelta(minutes=random.randint(20, 50))
            rows.append(
                (
                    random.choice(["Website", "API", "Ops", ""]),
                    f"Entry {n}",
                    start.strftime("%Y-%m-%d"),
                    start.strftime("%I:%M:%S %p"),
                    end.strftime("%Y-%m-%d"),
                    end.strftime("%I:%M:%S %p"),
                    "",
                )
            )
            clock = end
    path = folder / "toggl-year.csv"
    path.write_text(toggl_csv(rows), encoding="utf-8")
    return path


def flowkeeper_year(folder: Path) -> Path:
    lines = [flowkeeper_event(1, "2025-01-06 07:00:00+00:00", "CreateWorkitem", "w", "b", "Work")]
    seq = 2
    for day in working_days():
        clock = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        for _ in range(PER_DAY):
            lines.append(flowkeeper_event(seq, str(clock), "StartTimer", "w", "1500", "300"))
            seq += 1
            if random.random() < 0.7:
                at = clock + timedelta(minutes=random.randint(1, 24))
                lines.append(flowkeeper_event(seq, str(at), "AddInterruption", "w", "Chat", "60"))
                seq += 1
            clock += timedelta(minutes=30)
    path = folder / "flowkeeper-year.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    random.seed(29)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        one = work / "one.csv"
        one.write_text(toggl_csv([("", "x", "2025-01-06", "09:00", "2025-01-06", "10:00", "")]))
        fixed = statistics.median(
            timed(
                [
                    sys.executable,
                    "-m",
                    "app",
                    "--db",
                    str(work / f"one-{run}.db"),
                    "import",
                    str(one),
                ]
            )
            for run in range(args.runs)
        )
        print(f"one entry: {fixed:.2f} s (a process that creates a store and imports)")
        for path in (toggl_year(work), flowkeeper_year(work)):
            imports, floors = [], []
            for run in range(args.runs):
                target = work / f"{path.stem}-{run}.sqlite3"
                imports.append(
                    timed([sys.executable, "-m", "app", "--db", str(target), "import", str(path)])
                )
                floor = work / f"floor-{path.stem}-{run}.sqlite3"
                floors.append(timed([sys.executable, "-c", FLOOR, str(path), str(floor)]))
            with sqlite3.connect(work / f"{path.stem}-0.sqlite3") as db:
                blocks = db.execute("SELECT count(*) FROM blocks").fetchone()[0]
            imported, least = statistics.median(imports), statistics.median(floors)
            print(
                f"{path.name}: {blocks} blocks, import {imported:.2f} s "
                f"(min {min(imports):.2f}), {imported - fixed:.2f} s more than one entry; "
                f"floor {least:.2f} s"
            )


if __name__ == "__main__":
    main()
