"""Benchmark: a team of six on the real PostgreSQL server the tests start, each member with
a year of data, beside the same work for one person's own sync target and beside plain SQL
(the floors), in the same run.

    .venv/bin/python -m tests.benchmarks.bench_team [--blocks 2500] [--interruptions 12000]

What a member pays for being on a team: the first sync (the year pushed, and every day of
it counted and published), a sync with no change, and a sync of one edit (one day counted
again), each against the same sync to a personal target. What the team report costs: the
week with its eight weeks before, through the team function (aggregation and suppression
in the database), against reading those nine weeks' day rows with a plain ``SELECT``.
"""

import statistics
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import psycopg

from data import team as teams
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from tests.benchmarks.bench_sync import a_year, libpq, local_server, one_edit, timed, year_options
from tracker.settings import ModelParams
from tracker.team import Lens, person_days

MONDAY = date(2026, 10, 26)  # the last whole week of the generated year
LENS = Lens(ModelParams(), "Europe/Amsterdam")


def floor_read(url: str, runs: int = 5) -> float:
    """A new connection reading the nine weeks' day rows of every member, as they are."""
    samples = []
    for _ in range(runs):
        with psycopg.connect(libpq(url)) as connection:

            def read(connection: psycopg.Connection[tuple[object, ...]] = connection) -> object:
                return connection.execute(
                    "SELECT * FROM flowtally_team_days WHERE day >= %s AND day < %s",
                    (MONDAY - timedelta(weeks=8), MONDAY + timedelta(days=7)),
                ).fetchall()

            samples.append(timed(read))
    return statistics.median(samples)


def syncs(store: Store, sync: Callable[[Store], object]) -> tuple[float, float, float]:
    """The first sync, the median of five with no change, and one of a single edit."""
    first = timed(lambda: sync(store))
    same = statistics.median(timed(lambda: sync(store)) for _ in range(5))
    one_edit(store)
    return first, same, timed(lambda: sync(store))


def main() -> None:
    args = year_options(__doc__)
    work = Path(tempfile.mkdtemp(prefix="flowtally-bench-team-"))
    with local_server() as server, server.database() as team_url, server.database() as own_url:
        teams.init(team_url, 5, REMOTE_SCHEMA)
        firsts, urls, counting = [], [], []
        for index in range(6):
            joined = teams.add_member(team_url, f"Member {index}")
            url = joined.url
            with Store.open(str(work / f"m{index}.sqlite3")) as store:
                store.import_blocks(a_year(args.blocks, args.interruptions, seed=index))

                def to_team(s: Store, u: str = url) -> object:
                    return s.sync(u, lens=LENS)

                first, team_same, team_edit = syncs(store, to_team)
                firsts.append(first)
                counting.append(timed(partial(person_days, store.all_blocks(True), LENS)))
            teams.share(url, True)
            urls.append(url)
        with Store.open(str(work / "own.sqlite3")) as own:
            own.import_blocks(a_year(args.blocks, args.interruptions, seed=5))
            own_first, own_same, own_edit = syncs(own, lambda s: s.sync(own_url))
        reports = [timed(lambda: teams.team_week(urls[0], MONDAY)) for _ in range(5)]
        week = teams.team_week(urls[0], MONDAY)[1]
        assert week.people == 6
        assert week.median_period_min is not None
        floor = floor_read(team_url)
    n = f"{args.blocks} blocks, {args.interruptions} interruptions"
    rows = [
        (
            f"a member's first sync of a year ({n}), every day counted",
            f"the same year to a personal target: {own_first:.0f} ms",
            f"median of 6 members: {statistics.median(firsts):.0f} ms",
        ),
        (
            "floor of a first team sync: the personal one, and the year's days counted by the "
            "model alone (the summaries a team holds), no database",
            f"{own_first:.0f} + {statistics.median(counting):.0f} ms = "
            f"{(own_first + statistics.median(counting)) / own_first:.2f}x the personal one",
            f"{statistics.median(firsts) / own_first:.2f}x the personal one",
        ),
        (
            "a member's sync with no change (median of 5)",
            f"personal target: {own_same:.1f} ms",
            f"{team_same:.1f} ms",
        ),
        (
            "a member's sync of one edit (its day counted again)",
            f"personal target: {own_edit:.1f} ms",
            f"{team_edit:.1f} ms",
        ),
        (
            "team report: a week and the 8 before, 6 members (median of 5)",
            f"a plain SELECT of those 9 weeks' day rows: {floor:.1f} ms",
            f"{statistics.median(reports):.1f} ms",
        ),
    ]
    print("| what | beside it, same run | Flowtally |")
    print("|---|---|---|")
    for what, floor_text, flowtally in rows:
        print(f"| {what} | {floor_text} | {flowtally} |")


if __name__ == "__main__":
    main()
