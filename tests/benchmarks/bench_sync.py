"""Benchmark: sync of a year of one person's data, against the real PostgreSQL server the
tests start, beside what the same work costs as plain SQL (the floor).

    .venv/bin/python -m tests.benchmarks.bench_sync [--blocks 2500] [--interruptions 12000]

Three syncs, as the issue asks: a year to an empty server; then a sync with no change
(which should cost a round trip or two, not a re-read); then a sync of one new interruption.
The floors, measured in the same run on the same server: inserting the same number of rows
of the same size in one transaction with psycopg (the least any first push can cost), and
a new connection with one ``SELECT`` (the least any sync can cost). Then a second device
pulls the whole year.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from data.store import Store
from tests.postgres_server import PostgresServer, find_bindir
from tracker.model import Block, Interruption
from tracker.types import Kind

SOURCES = ["person", "chat", "email", "call", "meeting", "notification", "self", "other"]


def a_year(blocks: int, interruptions: int, seed: int = 11) -> list[Block]:
    """Workdays of about ten blocks, the interruptions spread over them at random."""
    rnd = random.Random(seed)
    per_day = max(blocks // 250, 1)
    made: list[Block] = []
    day = datetime(2025, 11, 24, 7, tzinfo=UTC)
    while len(made) < blocks:
        if day.weekday() < 5:
            cursor = day
            for _ in range(min(per_day, blocks - len(made))):
                cursor += timedelta(minutes=rnd.randint(2, 10))
                length = rnd.randint(20, 50)
                made.append(
                    Block(
                        cursor,
                        cursor + timedelta(minutes=length),
                        rnd.choice(["spec", "code", None]),
                    )
                )
                cursor += timedelta(minutes=length)
        day += timedelta(days=1)
    counts = [0] * len(made)
    for _ in range(interruptions):
        counts[rnd.randrange(len(made))] += 1
    result = []
    for block, count in zip(made, counts, strict=True):
        assert block.end is not None
        span = int((block.end - block.start).total_seconds()) - 1
        marks = sorted(rnd.sample(range(span), min(count, span)))
        result.append(
            replace(
                block,
                interruptions=tuple(
                    Interruption(
                        block.start + timedelta(seconds=s), None, Kind.EXTERNAL, rnd.choice(SOURCES)
                    )
                    for s in marks
                ),
            )
        )
    return result


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def libpq(url: str) -> str:
    """The SQLAlchemy URL of the test server as a libpq connection string."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    host, port = parsed.query["host"], parsed.query["port"]
    return f"dbname={parsed.database} user={parsed.username} host={host} port={port}"


def floor_insert(url: str, rows: int, size: int) -> float:
    """One transaction inserting ``rows`` rows of ``size`` bytes of text, pipelined."""
    with psycopg.connect(libpq(url)) as connection:
        connection.execute("CREATE TABLE floor (uid text PRIMARY KEY, document text)")
        connection.commit()
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO floor VALUES (%s, %s)", [(str(i), "x" * size) for i in range(rows)]
            )
        connection.commit()
        return (time.perf_counter() - began) * 1000


def floor_connect_and_ask(url: str, runs: int = 20) -> float:
    """A new connection and one query: what any sync must do before it knows there is
    nothing new (each sync connects anew: the CLI is a new process)."""
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        with psycopg.connect(libpq(url)) as connection:
            connection.execute("SELECT 1").fetchone()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def year_options(description: str | None) -> argparse.Namespace:
    """``--blocks`` and ``--interruptions``: the size of the generated year."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--blocks", type=int, default=2500)
    parser.add_argument("--interruptions", type=int, default=12000)
    return parser.parse_args()


@contextmanager
def local_server() -> Iterator[PostgresServer]:
    """A private PostgreSQL server for one benchmark run, stopped at the end."""
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL's server binaries are needed (Debian's postgresql)")
    server = PostgresServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def one_edit(store: Store) -> None:
    """One new interruption in the last block: the smallest change a sync sends."""
    target = store.all_blocks()[-1]
    assert target.end is not None
    extra = Interruption(target.end - timedelta(seconds=1), None, Kind.INTERNAL, "self")
    store.change(target, replace(target, interruptions=(*target.interruptions, extra)))


def main() -> None:
    args = year_options(__doc__)
    work = Path(tempfile.mkdtemp(prefix="flowtally-bench-sync-"))
    with local_server() as server, server.database() as url, server.database() as floor_url:
        year = a_year(args.blocks, args.interruptions)
        with Store.open(str(work / "laptop.sqlite3")) as laptop:
            laptop.import_blocks(year)
            first = timed(lambda: laptop.sync(url))
            no_change = [timed(lambda: laptop.sync(url)) for _ in range(5)]
            one_edit(laptop)
            one = timed(lambda: laptop.sync(url))
        with Store.open(str(work / "desktop.sqlite3")) as desktop:
            pull = timed(lambda: desktop.sync(url))
            assert len(desktop.all_blocks()) == args.blocks
        size = 5 * 1024 * args.interruptions // max(args.blocks, 1) // 10 + 300
        insert_floor = floor_insert(floor_url, args.blocks, size)
        trip = floor_connect_and_ask(floor_url)
    n = f"{args.blocks} blocks, {args.interruptions} interruptions"
    change = statistics.median(no_change)
    rows = [
        (
            f"first sync of a year ({n}) to an empty server",
            f"one transaction of {args.blocks} inserts: {insert_floor:.0f} ms",
            f"{first:.0f} ms",
        ),
        (
            "sync with no change (median of 5)",
            f"a new connection and one query: {trip:.1f} ms",
            f"{change:.1f} ms",
        ),
        ("sync of one new interruption", "", f"{one:.1f} ms"),
        ("a second device pulls the year", "", f"{pull:.0f} ms"),
    ]
    print("| what | floor (plain SQL, same server) | Flowtally |")
    print("|---|---|---|")
    for what, floor, flowtally in rows:
        print(f"| {what} | {floor} | {flowtally} |")


if __name__ == "__main__":
    main()
