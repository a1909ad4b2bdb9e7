"""A team of six on one real PostgreSQL server. Each member syncs generated weeks from a
SQLite file of their own, with their own zone and settings; then every member, over their
own connection and with plain SQL, tries to read, change, delete and forge every other
member's rows, and the team report is checked against an aggregation of the six personal
reports computed here."""

import contextlib
import random
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from data import team as teams
from data.errors import StoreError
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from data.team_schema import PERSONAL
from tests.postgres_server import PostgresServer
from tracker.dashboard import source_costs, week_view
from tracker.days import DayClock
from tracker.model import Block, Interruption, Pause
from tracker.report import week_reports
from tracker.settings import ModelParams, load_zone
from tracker.team import Lens
from tracker.timeline import Timeline, build_timeline
from tracker.types import Kind, SegmentKind

pytestmark = pytest.mark.postgres
MONDAY = date(2026, 11, 16)  # 2026-W47
WEEKS = 3  # W45 to W47
ZONES = (
    "Europe/Amsterdam",
    "America/New_York",
    "Asia/Kolkata",  # half an hour off UTC: its hours begin at :30 UTC
    "Europe/Amsterdam",
    "America/Sao_Paulo",
    "Asia/Tokyo",
)
SOURCES = ("chat", "person", "meeting", "email", "self", "call")
NOW = datetime(2026, 11, 30, tzinfo=UTC)


@dataclass
class Member:
    name: str
    url: str
    store: Store
    lens: Lens

    def engine(self) -> Engine:
        return create_engine(self.url.replace("postgresql://", "postgresql+psycopg://", 1))


def generated_weeks(seed: int, zone_name: str) -> list[Block]:
    """Weekdays of three weeks: one to three blocks a day at the person's local working
    hours, with pauses and interruptions of every kind."""
    rng = random.Random(seed)
    clock = DayClock(load_zone(zone_name))
    blocks = []
    for offset in range(-7 * (WEEKS - 1), 7):
        day = MONDAY + timedelta(days=offset)
        if day.weekday() >= 5 and rng.random() < 0.8:
            continue
        cursor = clock.midnight(day) + timedelta(hours=rng.choice((7, 8, 9, 10)))
        for _ in range(rng.randint(1, 3)):
            length = timedelta(minutes=rng.randint(30, 200))
            start, end = cursor, cursor + length
            interruptions = []
            for _ in range(rng.randint(0, 4)):
                at = start + timedelta(minutes=rng.uniform(0, length / timedelta(minutes=1) - 1))
                lasting = rng.random() < 0.4
                interruptions.append(
                    Interruption(
                        at,
                        min(at + timedelta(minutes=rng.randint(1, 20)), end) if lasting else None,
                        rng.choice(list(Kind)),
                        rng.choice(SOURCES),
                    )
                )
            pauses: tuple[Pause, ...] = ()
            if length > timedelta(minutes=90) and rng.random() < 0.5:
                middle = start + length / 2
                pauses = (Pause(middle, middle + timedelta(minutes=10)),)
            blocks.append(
                Block(
                    start,
                    end,
                    rng.choice(("api", "review", None)),
                    tuple(sorted(pauses, key=lambda p: p.start)),
                    tuple(sorted(interruptions, key=lambda i: i.at)),
                    zone_name,
                )
            )
            cursor = end + timedelta(minutes=rng.randint(20, 120))
    return blocks


@pytest.fixture
def team_url(postgres_server: PostgresServer) -> Iterator[str]:
    with postgres_server.database() as url:
        teams.init(url, 5, REMOTE_SCHEMA)
        yield url


@pytest.fixture
def six(team_url: str, tmp_path: Path) -> Iterator[list[Member]]:
    members = []
    for index, zone in enumerate(ZONES):
        joined = teams.add_member(team_url, f"Member {index + 1}")
        store = Store.open(str(tmp_path / f"m{index}.sqlite3"))
        params = ModelParams(15, 30, 25) if index % 2 else ModelParams(10, 20, 30)
        member = Member(joined.name, joined.url, store, Lens(params, zone))
        store.import_blocks(generated_weeks(index, zone))
        store.sync(member.url, lens=member.lens)
        members.append(member)
    yield members
    for member in members:
        member.store.close()


def admin(team_url: str) -> Engine:
    return create_engine(team_url)


@contextlib.contextmanager
def connected(url: str) -> Iterator[Connection]:
    """One connection as ``url``'s user, in one transaction, then closed for good."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def rows_of(engine: Engine, table: str) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(f"SELECT * FROM {table}")))


def test_every_member_reads_and_changes_only_their_own_rows_by_plain_sql(
    six: list[Member], team_url: str, postgres_server: PostgresServer
) -> None:
    superuser = postgres_server.user
    everyone = admin(team_url)  # the test's superuser: row security does not bind it
    person = {row.name: row.person_id for row in rows_of(everyone, "flowtally_team_members")}
    with everyone.begin() as connection:  # a day waiting to be counted again, for everyone
        connection.execute(
            text("INSERT INTO flowtally_team_stale VALUES (:p, '2026-11-20')"),
            [{"p": p} for p in person.values()],
        )
    for table in PERSONAL:
        owners = {row.person_id for row in rows_of(everyone, table)}
        assert owners == set(person.values()), table  # every member has rows in each
    for member in six:
        own = person[member.name]
        others = [p for n, p in person.items() if n != member.name]
        engine = member.engine()
        with engine.connect() as connection:
            assert connection.execute(
                text("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user")
            ).one() == (False, False)
            for table in PERSONAL:
                seen = list(connection.execute(text(f"SELECT person_id FROM {table}")))
                assert seen, table
                assert {row.person_id for row in seen} == {own}, table
                for other in others:
                    hidden = connection.execute(
                        text(f"SELECT count(*) FROM {table} WHERE person_id = :p"), {"p": other}
                    ).scalar()
                    assert hidden == 0, table
                    changed = connection.execute(
                        text(f"UPDATE {table} SET person_id = person_id WHERE person_id = :p"),
                        {"p": other},
                    )
                    assert changed.rowcount == 0, table
                    deleted = connection.execute(
                        text(f"DELETE FROM {table} WHERE person_id = :p"), {"p": other}
                    )
                    assert deleted.rowcount == 0, table
                connection.rollback()
            for other in others:
                forged = (
                    "INSERT INTO flowtally_sync_blocks (uid, person_id, device_id, revision, "
                    "revised_by, deleted, document, seq) VALUES ('forged', :p, 'd', 1, 'd', "
                    "true, NULL, 1)",
                    "INSERT INTO flowtally_sync_devices VALUES ('forged', :p, 'x')",
                    "INSERT INTO flowtally_team_days VALUES (:p, '2026-11-16', 600, 600, true, "
                    "0, 0, 0, 0, '[]', '[]')",
                    "INSERT INTO flowtally_team_stale VALUES (:p, '2026-11-16')",
                    "INSERT INTO flowtally_team_lens VALUES (:p, 'x') ON CONFLICT DO NOTHING",
                    "UPDATE flowtally_team_days SET person_id = :p",  # moving own rows to them
                )
                for statement in forged:
                    with pytest.raises((ProgrammingError, DBAPIError), match="row-level security"):
                        connection.execute(text(statement), {"p": other})
                    connection.rollback()
                shared = connection.execute(
                    text("UPDATE flowtally_team_members SET sharing = true WHERE person_id = :p"),
                    {"p": other},
                )
                assert shared.rowcount == 0
                connection.rollback()
            reporter = connection.execute(text("SELECT reporter_role FROM flowtally_team")).scalar()
            members_seen = list(connection.execute(text("SELECT name FROM flowtally_team_members")))
            assert [row.name for row in members_seen] == [member.name]
            for statement in (
                "UPDATE flowtally_team_members SET name = 'someone else'",
                "UPDATE flowtally_team SET min_group = 3",
                "INSERT INTO flowtally_team_members (role, person_id, name) VALUES "
                "(current_user, 'p', 'n')",
                "ALTER TABLE flowtally_sync_blocks DISABLE ROW LEVEL SECURITY",
                "DROP POLICY own_rows ON flowtally_sync_blocks",
                "CREATE TABLE copied AS SELECT 1",
                "CREATE FUNCTION public.peek() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                f"SET ROLE {reporter}",
                f"SET ROLE {superuser}",
            ):
                with pytest.raises((ProgrammingError, DBAPIError), match=r"ermission|must be"):
                    connection.execute(text(statement))
                connection.rollback()
        engine.dispose()
    everyone.dispose()


def test_a_non_superuser_admin_sees_no_members_rows_and_only_the_report(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """A managed server's admin has CREATEROLE, not superuser: the tables' owner is bound by
    the forced row security like anyone, so their plain SELECT returns no one's data."""
    with postgres_server.database() as url:
        root = create_engine(url)
        name = url.split("/")[-1].split("?")[0]
        with root.begin() as connection:
            connection.execute(text(f"CREATE ROLE {name}_admin LOGIN CREATEROLE PASSWORD 'pw'"))
            connection.execute(text(f"ALTER DATABASE {name} OWNER TO {name}_admin"))
        admin_url = url.replace("://postgres@", f"://{name}_admin:pw@").replace(
            f"://{postgres_server.user}@", f"://{name}_admin:pw@"
        )
        teams.init(admin_url, 3, REMOTE_SCHEMA)
        people = []
        for index in range(3):
            joined = teams.add_member(admin_url, f"P{index}")
            store = Store.open(str(tmp_path / f"p{index}.sqlite3"))
            store.import_blocks(generated_weeks(10 + index, "UTC"))
            store.sync(joined.url, lens=Lens(ModelParams(), "UTC"))
            teams.share(joined.url, True)
            people.append(store)
        owner = create_engine(admin_url)
        for table in PERSONAL:
            assert rows_of(owner, table) == [], table
        assert len(rows_of(owner, "flowtally_team_members")) == 3
        week = teams.weeks(admin_url, [MONDAY])[0]
        assert week["people"] == 3
        assert week["median_period_min"] is not None
        owner.dispose()
        root.dispose()
        for store in people:
            store.close()


def personal(member: Member) -> tuple[list[Block], Lens]:
    return member.store.all_blocks(finished_only=True), member.lens


Cell = tuple[int, int]
"""A local weekday (Monday 0) and hour."""


def hour_cut(start: datetime, end: datetime, zone: ZoneInfo) -> Iterator[tuple[datetime, datetime]]:
    """``[start, end)`` cut where the local hour changes (plain, for the test's own count)."""
    cursor = start
    while cursor < end:
        local = cursor.astimezone(zone).replace(minute=0, second=0, microsecond=0)
        step = min(end, (local + timedelta(hours=1)).astimezone(UTC))
        yield cursor, step
        cursor = step


def expected_week(members: list[Member], monday: date, k: int) -> dict[str, Any]:
    """The team numbers from the members' own reports and dashboards, per person first. A
    person feeds a cell only with tracked time in it; the sources and the interruptions per
    hour are summed over the cells shown."""
    period, long = [], []
    internal: dict[Cell, int] = defaultdict(int)
    external: dict[Cell, int] = defaultdict(int)
    fed: dict[Cell, set[str]] = defaultdict(set)
    tracked: dict[Cell, timedelta] = defaultdict(timedelta)
    windows: dict[str, dict[Cell, tuple[datetime, datetime]]] = defaultdict(dict)
    timelines: dict[str, list[Timeline]] = {}
    for member in members:
        blocks, lens = personal(member)
        reports = week_reports(blocks, lens.params, lens.zone, monday - timedelta(weeks=1), 2, NOW)
        for _, metrics in reports[1].days:
            if metrics.tracked > timedelta(0):
                period.append(metrics.in_periods / timedelta(minutes=1))
                bands = dict(metrics.periods_by_length)
                long.append(bands["90-120"] + bands["120+"] > 0)
        zone = load_zone(lens.zone)
        clock = DayClock(zone)
        start, end = clock.midnight(monday), clock.midnight(monday + timedelta(days=7))
        timelines[member.name] = [build_timeline(block, lens.params, NOW) for block in blocks]
        mine: dict[Cell, timedelta] = defaultdict(timedelta)
        for timeline in timelines[member.name]:
            for segment in timeline.segments:
                if segment.kind is SegmentKind.PAUSED:
                    continue
                for first, last in hour_cut(max(segment.start, start), min(segment.end, end), zone):
                    local = first.astimezone(zone)
                    cell = (local.weekday(), local.hour)
                    mine[cell] += last - first
                    hour = local.replace(minute=0, second=0, microsecond=0)
                    windows[member.name][cell] = (
                        hour.astimezone(UTC),
                        (hour + timedelta(hours=1)).astimezone(UTC),
                    )
        view = week_view(blocks, reports, lens.params, lens.zone, monday, NOW)
        for hour_cell, length in mine.items():
            if length > timedelta(0):
                weekday, hour_of_day = hour_cell
                fed[hour_cell].add(member.name)
                tracked[hour_cell] += length
                internal[hour_cell] += view.internal_by_hour[weekday][hour_of_day]
                external[hour_cell] += view.external_by_hour[weekday][hour_of_day]
    shown_cells = {cell for cell, people in fed.items() if len(people) >= k}
    sources: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    source_people: dict[str, set[str]] = defaultdict(set)
    for member in members:
        for cell, (first, last) in windows[member.name].items():
            if cell not in shown_cells or member.name not in fed[cell]:
                continue
            for cost in source_costs(timelines[member.name], first, last):
                sources[cost.source][0] += cost.count
                sources[cost.source][1] += cost.recovery / timedelta(minutes=1)
                source_people[cost.source].add(member.name)
    people = len(members)
    shown = people >= k
    interruptions = sum(internal[c] + external[c] for c in shown_cells)
    hours_shown = sum((tracked[c] for c in shown_cells), timedelta()) / timedelta(hours=1)

    def shown_cell(counts: dict[Cell, int], weekday: int, hour: int) -> int | None:
        return counts[weekday, hour] if (weekday, hour) in shown_cells else None

    ranked = sorted(
        (s for s in sources if len(source_people[s]) >= k),
        key=lambda s: (-round(sources[s][1], 6), -sources[s][0], s),
    )
    return {
        "people": people,
        "person_days": len(period) if shown else None,
        "median_period_min": round(statistics.median(period), 2) if shown else None,
        "long_period_share": round(sum(long) / len(long), 2) if shown else None,
        "interruptions_per_hour": round(interruptions / hours_shown, 2) if shown_cells else None,
        "internal": [[shown_cell(internal, d, h) for h in range(24)] for d in range(7)],
        "external": [[shown_cell(external, d, h) for h in range(24)] for d in range(7)],
        "sources": [(s, int(sources[s][0]), round(sources[s][1], 2)) for s in ranked],
        "hidden_sources": any(len(source_people[s]) < k for s in sources),
    }


def test_the_team_report_is_the_aggregate_of_the_six_personal_reports(
    six: list[Member], team_url: str
) -> None:
    for member in six:
        teams.share(member.url, True)
    for member in six:
        got = teams.weeks(member.url, [MONDAY])[0]
        want = expected_week(six, MONDAY, 5)
        assert got["people"] == want["people"] == 6
        for name in ("person_days", "long_period_share", "interruptions_per_hour"):
            assert got[name] == want[name], name
        assert got["median_period_min"] == pytest.approx(want["median_period_min"], abs=0.011)
        assert got["hours"]["internal"] == want["internal"]
        assert got["hours"]["external"] == want["external"]
        shown = [s for s in got["sources"] if s["source"] is not None]
        assert [s["source"] for s in shown] == [s for s, _, _ in want["sources"]]
        for row, (_, count, recovery) in zip(shown, want["sources"], strict=True):
            assert row["interruptions"] == count
            assert row["recovery_min"] == pytest.approx(recovery, abs=0.011)
        assert (got["sources"][-1]["source"] is None) is want["hidden_sources"]
        hidden_cells = sum(cell is None for row in want["internal"] for cell in row)
        assert len([n for n in got["suppressed"] if n.startswith("hours.")]) == hidden_cells
        assert 0 < hidden_cells < 168  # the night is hidden, the working day is not
        break  # every member reads the same numbers: checked once below, cheaply
    answers = [teams.weeks(member.url, [MONDAY])[0] for member in six]
    assert all(answer == answers[0] for answer in answers)


def test_with_two_members_sharing_every_cell_is_suppressed(six: list[Member]) -> None:
    for member in six[:2]:
        teams.share(member.url, True)
    week = teams.weeks(six[3].url, [MONDAY])[0]
    assert week["people"] == 2
    for name in ("person_days", "median_period_min", "long_period_share", "interruptions_per_hour"):
        assert week[name] is None
        assert name in week["suppressed"]
    assert all(
        cell is None
        for kind in ("internal", "external")
        for row in week["hours"][kind]
        for cell in row
    )
    assert len([n for n in week["suppressed"] if n.startswith("hours.")]) == 7 * 24
    assert week["sources"] == []  # every hour is hidden, and so is every source in them
    assert "sources.other" not in week["suppressed"]


def test_sharing_off_takes_a_member_out_of_the_next_report_at_once(six: list[Member]) -> None:
    for member in six:
        teams.share(member.url, True)
    before = teams.weeks(six[0].url, [MONDAY])[0]
    teams.share(six[5].url, False)
    after = teams.weeks(six[0].url, [MONDAY])[0]
    assert (before["people"], after["people"]) == (6, 5)
    want = expected_week(six[:5], MONDAY, 5)
    assert after["person_days"] == want["person_days"]
    assert after["interruptions_per_hour"] == want["interruptions_per_hour"]
    teams.share(six[4].url, False)
    assert teams.weeks(six[0].url, [MONDAY])[0]["median_period_min"] is None


def test_no_one_gets_a_smaller_group_than_the_teams(six: list[Member], team_url: str) -> None:
    for member in six:
        teams.share(member.url, True)
    with pytest.raises(StoreError, match="fewer than 5 people") as refused:
        teams.weeks(six[0].url, [MONDAY], at_least=2)
    assert six[0].url.split(":")[2].split("@")[0] not in str(refused.value)  # the password
    assert teams.weeks(six[0].url, [MONDAY], at_least=7)[0]["median_period_min"] is None
    with connected(six[0].url) as connection, pytest.raises(DBAPIError, match="fewer than 5"):
        connection.execute(text("SELECT flowtally_team_week('2026-11-16', 1)"))
    with pytest.raises(StoreError, match="between 3 and"):
        teams.init(team_url, 2, REMOTE_SCHEMA)
    with connected(team_url) as connection, pytest.raises(DBAPIError, match="check"):
        connection.execute(text("UPDATE flowtally_team SET min_group = 2"))
    teams.init(team_url, 6, REMOTE_SCHEMA)  # the admin may raise it
    assert teams.weeks(six[0].url, [MONDAY])[0]["min_group"] == 6


def shifted(block: Block, by: timedelta) -> Block:
    """``block`` with all it holds ``by`` later."""
    assert block.end is not None
    return replace(
        block,
        start=block.start + by,
        end=block.end + by,
        pauses=tuple(
            replace(p, start=p.start + by, end=p.end and p.end + by) for p in block.pauses
        ),
        interruptions=tuple(
            replace(i, at=i.at + by, end=i.end and i.end + by) for i in block.interruptions
        ),
    )


def test_days_are_counted_again_when_a_block_changes_moves_or_goes(six: list[Member]) -> None:
    member = six[0]
    for each in six:
        teams.share(each.url, True)
    first = teams.weeks(member.url, [MONDAY])[0]
    blocks = member.store.all_blocks(finished_only=True)
    last_week = [b for b in blocks if b.start.date() >= MONDAY]
    moved, gone = last_week[0], last_week[1]
    member.store.change(gone, None)
    member.store.change(moved, shifted(moved, timedelta(days=7)))
    member.store.sync(member.url, lens=member.lens)
    second = teams.weeks(member.url, [MONDAY])[0]
    assert second != first
    want = expected_week(six, MONDAY, 5)
    assert second["person_days"] == want["person_days"]
    assert second["interruptions_per_hour"] == want["interruptions_per_hour"]
    changed = replace(member.lens, params=ModelParams(20, 40, 45))
    member.lens = changed
    member.store.sync(member.url, lens=changed)  # new settings: every day counted again
    assert (
        teams.weeks(member.url, [MONDAY])[0]["long_period_share"]
        == expected_week(six, MONDAY, 5)["long_period_share"]
    )


def test_an_admin_adds_and_removes_members_and_nothing_of_theirs_stays(
    six: list[Member], team_url: str
) -> None:
    with pytest.raises(StoreError, match="already"):
        teams.add_member(team_url, "Member 1")
    assert teams.members(team_url) == [m.name for m in six]
    teams.remove_member(team_url, "Member 6")
    everyone = admin(team_url)
    for table in PERSONAL:
        if table != "flowtally_team_stale":  # empty once every day is counted
            assert len({row.person_id for row in rows_of(everyone, table)}) == 5, table
    with pytest.raises(StoreError) as refused:
        six[5].store.sync(six[5].url, lens=six[5].lens)
    assert six[5].url.split(":")[2].split("@")[0] not in str(refused.value)
    everyone.dispose()


def test_a_personal_target_cannot_become_a_team_and_a_stranger_cannot_sync(
    postgres_server: PostgresServer, tmp_path: Path, team_url: str
) -> None:
    with postgres_server.database() as url, Store.open(str(tmp_path / "me.sqlite3")) as store:
        store.import_blocks(generated_weeks(1, "UTC")[:3])
        store.sync(url)
        with pytest.raises(StoreError, match="one person's synced data"):
            teams.init(url, 5, REMOTE_SCHEMA)
        with pytest.raises(StoreError, match="not a member"):
            store.sync(team_url, lens=Lens(ModelParams(), "UTC"))  # the admin's URL
