"""Benchmark: five years of data, imported, then reports timed against a raw read.

Run on demand (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_store [--years 5] [--db URL]

It generates ~50k blocks and ~250k interruptions (deterministic), writes them as a
``flowtally/1`` file, imports it with ``flowtally import``, then times, for random weeks:
``report --week`` in-process (load + compute), the 12-week trend, the same through the real
CLI process, and, as the floor, merely reading the same rows with a plain SQL query.
"""

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from data.store import Store
from tests.benchmarks.store_floors import RAW_QUERIES, ZONE, import_floor, objects_of
from tracker.days import monday_of, week_name
from tracker.report import week_bounds, week_reports
from tracker.settings import ModelParams

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["person", "chat", "email", "call", "meeting", "notification", "self", "other"]


def generate(years: int, seed: int = 47) -> list[dict[str, Any]]:
    """Workdays full of short blocks, lighter weekends; about five interruptions a block."""
    rnd = random.Random(seed)
    first = date(2026, 11, 23) - timedelta(days=365 * years)
    blocks = []
    for offset in range(365 * years):
        day = first + timedelta(days=offset)
        count = rnd.randint(25, 38) if day.weekday() < 5 else rnd.randint(12, 22)
        cursor = datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)
        for _ in range(count):
            cursor += timedelta(minutes=rnd.randint(1, 8))
            length = rnd.randint(12, 45)
            start, end = cursor, cursor + timedelta(minutes=length)
            interruptions = []
            for _ in range(rnd.choice([2, 3, 4, 5, 6, 7, 8])):
                at = start + timedelta(seconds=rnd.randint(0, length * 60 - 1))
                item: dict[str, object] = {
                    "at": at.isoformat(),
                    "kind": rnd.choice(["internal", "external", "external"]),
                    "source": rnd.choice(SOURCES),
                }
                if rnd.random() < 0.4:
                    item["end"] = (at + timedelta(minutes=rnd.randint(1, 10))).isoformat()
                if rnd.random() < 0.2:
                    item["note"] = "follow-up needed"
                interruptions.append(item)
            block: dict[str, object] = {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "task": rnd.choice(["API design", "review", "writing", None]),
                "interruptions": interruptions,
            }
            if rnd.random() < 0.15:
                pause_at = start + timedelta(minutes=rnd.randint(1, length - 2))
                block["pauses"] = [
                    {
                        "start": pause_at.isoformat(),
                        "end": (pause_at + timedelta(minutes=1)).isoformat(),
                    }
                ]
            blocks.append(block)
            cursor = end
    return blocks


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        samples.append(time.perf_counter() - began)
    return samples


def ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{statistics.median(samples) * 1000:.1f} ms (p90 {p90 * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="flowtally-bench-"))
    db = args.db or str(workdir / "bench.sqlite3")
    source = workdir / "five-years.json"

    began = time.perf_counter()
    blocks = generate(args.years)
    source.write_text(json.dumps({"format": "flowtally/1", "blocks": blocks}))
    blocks_n = len(blocks)
    interruptions_n = sum(len(b["interruptions"]) for b in blocks)
    # Dropped before anything is timed: a million objects of the generator's, alive, made
    # every full garbage collection of the timed code walk them (the trend: 160 -> 260 ms).
    del blocks
    print(
        f"generated {blocks_n} blocks, {interruptions_n} interruptions "
        f"({source.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - began:.1f} s"
    )

    cli = [sys.executable, "-m", "app", "--db", db, "--tz", ZONE]
    began = time.perf_counter()
    state = {**os.environ, "XDG_STATE_HOME": str(workdir / "state")}  # the import's memo
    subprocess.run(
        [*cli, "import", str(source)], cwd=ROOT, check=True, capture_output=True, env=state
    )
    import_s = time.perf_counter() - began
    began = time.perf_counter()
    again = subprocess.run(
        [*cli, "import", str(source)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=state,
    )
    reimport_s = time.perf_counter() - began
    print(f"import: {import_s:.1f} s; again: {reimport_s:.1f} s ({again.stdout.strip()})")
    began = time.perf_counter()
    subprocess.run(  # a state folder without the memo: every record read and compared
        [*cli, "import", str(source)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "XDG_STATE_HOME": str(workdir / "no-memo")},
    )
    rechecked_s = time.perf_counter() - began

    floors: dict[bool, list[float]] = {False: [], True: []}
    for run in range(4):  # alternating, the faster of two each: the disk's cache varies
        objects = run % 2 == 1
        target = workdir / f"floor-{run}.sqlite3"
        floors[objects].append(import_floor(source, db, target, objects=objects))
    floor_s, objects_s = min(floors[False]), min(floors[True])
    print(f"floor: json.loads and plain executemany of the same rows: {floor_s:.1f} s")

    store = Store.open(db)
    params = ModelParams()
    rnd = random.Random(1)
    last_monday = monday_of(date(2026, 11, 16))
    mondays = [
        last_monday - timedelta(weeks=rnd.randint(0, 52 * args.years - 13))
        for _ in range(args.repeat)
    ]
    weeks = iter(mondays * 4)

    def report_week() -> None:
        monday = next(weeks)
        start, end = week_bounds(monday, ZONE)
        week_reports(store.blocks_between(start, end), params, ZONE, monday, 1)

    def trend() -> None:
        monday = next(weeks)
        start, end = week_bounds(monday, ZONE, 12)
        week_reports(store.blocks_between(start, end), params, ZONE, monday, 12)

    def load_week() -> None:
        start, end = week_bounds(next(weeks), ZONE)
        store.blocks_between(start, end)

    load_samples = timed(load_week, args.repeat)
    report_samples = timed(report_week, args.repeat)
    trend_samples = timed(trend, args.repeat)

    raw = {}
    if store.url.get_backend_name() == "sqlite":
        connection = sqlite3.connect(str(store.url.database))

        def read_rows(weeks_n: int) -> Callable[[], list[list[Any]]]:
            def run() -> list[list[Any]]:
                monday = next(weeks)
                start, end = week_bounds(monday, ZONE, weeks_n)
                s, e = start.replace(tzinfo=None), end.replace(tzinfo=None)
                ids = "SELECT id FROM blocks WHERE start_utc >= ? AND start_utc < ?"
                return [
                    connection.execute(
                        f"SELECT {columns} FROM {table} WHERE {key} IN ({ids})", (s, e)
                    ).fetchall()
                    for table, key, columns in RAW_QUERIES
                ]

            return run

        weeks = iter(mondays * 5)
        raw["week"] = timed(read_rows(1), args.repeat)
        raw["trend"] = timed(read_rows(12), args.repeat)
        raw["week objects"] = timed(objects_of(read_rows(1)), args.repeat)
        raw["trend objects"] = timed(objects_of(read_rows(12)), args.repeat)
        connection.close()

    cli_samples = timed(
        lambda: subprocess.run(
            [*cli, "report", "--week", week_name(mondays[0]), "--json"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ),
        5,
    )
    status_samples = timed(
        lambda: subprocess.run([*cli, "status"], cwd=ROOT, check=True, capture_output=True), 5
    )
    store.close()

    print()
    print("| what | median |")
    print("|---|---|")

    def times(samples: list[float], floor: str) -> str:
        if floor not in raw:
            return ""
        return f" ({statistics.median(samples) / statistics.median(raw[floor]):.1f}x the floor)"

    print(
        f"| `report --week` in-process (load + compute) | {ms(report_samples)}"
        f"{times(report_samples, 'week')} |"
    )
    print(f"| load that week's blocks through the store API only | {ms(load_samples)} |")
    if raw:
        print(f"| read that week's rows with plain SQL (floor) | {ms(raw['week'])} |")
        print(
            f"| read them and make the model's objects of them, nothing computed | "
            f"{ms(raw['week objects'])}{times(raw['week objects'], 'week')} |"
        )
    print(f"| 12-week trend in-process | {ms(trend_samples)}{times(trend_samples, 'trend')} |")
    if raw:
        print(f"| read those 12 weeks' rows with plain SQL (floor) | {ms(raw['trend'])} |")
        print(
            f"| read them and make the model's objects of them, nothing computed | "
            f"{ms(raw['trend objects'])}{times(raw['trend objects'], 'trend')} |"
        )
    print(f"| `flowtally report --week W --json` (whole process) | {ms(cli_samples)} |")
    print(f"| `flowtally status` (whole process) | {ms(status_samples)} |")
    print(
        f"| `flowtally import` of {blocks_n} blocks / {interruptions_n} interruptions "
        f"| {import_s:.1f} s |"
    )
    print(f"| the same import again (all skipped) | {reimport_s:.1f} s |")
    print(f"| the same again, without the memo of the first (read whole) | {rechecked_s:.1f} s |")
    print(f"| floor: `json.loads` and plain `executemany` of the same rows | {floor_s:.1f} s |")
    print(f"| the same floor, each record also made into the model's object | {objects_s:.1f} s |")


if __name__ == "__main__":
    main()
