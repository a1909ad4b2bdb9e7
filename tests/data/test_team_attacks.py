"""A member set on learning what the team's database promises to hide, or on breaking it for
everyone, with psql and their own credentials, against the real PostgreSQL server: each test
here is an attack that worked before its fix."""

import contextlib
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from data import team as teams
from data.errors import StoreError
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from tests.data.test_team import MONDAY, connected, generated_weeks
from tests.postgres_server import PostgresServer
from tracker.model import Block, Interruption
from tracker.settings import ModelParams
from tracker.team import Lens
from tracker.types import Kind

pytestmark = pytest.mark.postgres
UTC_LENS = Lens(ModelParams(), "UTC")
REFUSED = (ProgrammingError, DBAPIError)
SATURDAY = MONDAY + timedelta(days=5)


def joined(url: str, name: str, tmp_path: Path, blocks: list[Block], share: bool = True) -> str:
    """A member called ``name`` who synced ``blocks`` (and shares them); their URL."""
    member = teams.add_member(url, name)
    with Store.open(str(tmp_path / f"{name}.sqlite3")) as store:
        store.import_blocks(blocks)
        store.sync(member.url, lens=UTC_LENS)
    if share:
        teams.share(member.url, True)
    return member.url


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    return datetime(MONDAY.year, MONDAY.month, MONDAY.day, hour, minute, tzinfo=UTC) + timedelta(
        days=day_offset
    )


def chat(*moments: datetime) -> tuple[Interruption, ...]:
    return tuple(Interruption(m, None, Kind.EXTERNAL, "chat") for m in moments)


def working_week() -> list[Block]:
    """Monday to Friday, 9:00 to 12:00 UTC, two chat interruptions a day."""
    return [
        Block(at(d, 9), at(d, 12), "work", (), chat(at(d, 9, 40), at(d, 10, 50)), "UTC")
        for d in range(5)
    ]


@contextlib.contextmanager
def managed_admin(postgres_server: PostgresServer, url: str) -> Iterator[str]:
    """``url`` as a managed server's admin sees it: CREATEROLE and the database's owner, not
    the superuser."""
    root = create_engine(url)
    name = url.split("/")[-1].split("?")[0]
    with root.begin() as connection:
        connection.execute(text(f"CREATE ROLE {name}_admin LOGIN CREATEROLE PASSWORD 'pw'"))
        connection.execute(text(f"ALTER DATABASE {name} OWNER TO {name}_admin"))
    root.dispose()
    yield url.replace(f"://{postgres_server.user}@", f"://{name}_admin:pw@")


def refused(url: str, statement: str) -> None:
    with connected(url) as connection, pytest.raises(REFUSED):
        connection.execute(text(statement))


@pytest.mark.parametrize(
    "database",
    [
        "platform_engineering_amsterdam_focus_team_2026_flowtally",  # 56 bytes
        "командафокусаплатформыинженеров"[:30],  # 30 letters, 60 bytes
    ],
)
def test_a_long_database_name_keeps_members_and_reporter_apart(
    postgres_server: PostgresServer, tmp_path: Path, database: str
) -> None:
    with postgres_server.database(database) as url:
        team = teams.init(url, 3, REMOTE_SCHEMA)
        people = [joined(url, f"P{n}", tmp_path, generated_weeks(n, "UTC")) for n in range(3)]
        quiet = joined(url, "Quiet", tmp_path, generated_weeks(9, "UTC"), share=False)
        with connected(url) as connection:
            roles = connection.execute(
                text("SELECT members_role, reporter_role FROM flowtally_team")
            ).one()
        assert roles[0] != roles[1]
        assert all(len(role.encode()) <= 63 for role in roles)
        assert team.min_group == 3
        for member in (*people, quiet):
            with connected(member) as connection:
                own = connection.execute(text("SELECT person_id FROM flowtally_team_members"))
                assert len(own.all()) == 1  # the member list shows only themselves
                days = connection.execute(
                    text("SELECT DISTINCT person_id FROM flowtally_team_days")
                )
                assert len(days.all()) <= 1
            for attack in (
                "ALTER FUNCTION public.flowtally_team_week(date, integer) SECURITY INVOKER",
                "DROP FUNCTION public.flowtally_team_week(date, integer)",
                f'SET ROLE "{roles[1]}"',
            ):
                refused(member, attack)
        assert teams.weeks(people[0], [MONDAY])[0]["people"] == 3


def test_init_refuses_a_team_whose_reporter_someone_can_act_as(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        member = teams.add_member(url, "Ada")
        with connected(url) as connection:  # a careless grant by the server's superuser
            reporter = connection.execute(text("SELECT reporter_role FROM flowtally_team")).scalar()
            connection.execute(text(f'GRANT "{reporter}" TO "{member.role}"'))
        with pytest.raises(StoreError, match=f"not secured.*{member.role} can act as the reporter"):
            teams.init(url, 3, REMOTE_SCHEMA)


def test_a_login_left_from_a_dropped_team_cannot_read_a_new_team_of_the_same_name(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    with postgres_server.database("team_platform") as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        old = teams.add_member(url, "Left").url
    with postgres_server.database("team_platform") as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        for n in range(3):
            joined(url, f"P{n}", tmp_path, generated_weeks(n, "UTC"))
        with pytest.raises(StoreError):
            teams.whoami(old)
        with pytest.raises(StoreError):
            teams.weeks(old, [MONDAY])


def test_members_cannot_watch_each_others_sessions_or_read_names_in_roles(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    with postgres_server.database() as url:
        team = teams.init(url, 3, REMOTE_SCHEMA)  # by the server's superuser
        assert any("other databases (" in n and "postgres" in n for n in team.notes)
        ada = joined(url, "Ada Lovelace", tmp_path, generated_weeks(1, "UTC"))
        grace = joined(url, "Grace Hopper", tmp_path, generated_weeks(2, "UTC"))
        watcher = create_engine(grace)
        with watcher.connect() as watching:
            for statement in (
                "SELECT usename, backend_start FROM pg_stat_activity",
                "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables",
                "SELECT * FROM pg_stat_xact_user_tables",
                "SELECT * FROM pg_locks",
                "SELECT xact_commit FROM pg_stat_database",
                "SELECT pg_stat_get_tuples_inserted('flowtally_sync_blocks'::regclass)",
                "SELECT * FROM pg_stat_get_activity(NULL)",
                "SELECT lo_create(0)",
            ):
                with pytest.raises(REFUSED, match="permission denied"):
                    watching.execute(text(statement))
                watching.rollback()
            names = watching.execute(text("SELECT rolname FROM pg_roles")).scalars().all()
        watcher.dispose()
        assert not [n for n in names if "ada" in n.lower() or "grace" in n.lower()]
        assert ada != grace


def test_an_admin_who_is_not_the_superuser_is_told_what_members_can_still_see(
    postgres_server: PostgresServer,
) -> None:
    with postgres_server.database() as url, managed_admin(postgres_server, url) as admin:
        notes = teams.init(admin, 3, REMOTE_SCHEMA).notes
    assert any("pg_stat_activity" in note and "superuser" in note for note in notes)


def test_no_shown_number_tells_what_a_hidden_hour_holds(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """One person's Saturday evening is a hidden cell; before, the sources' total minus the
    shown cells gave its interruptions away."""
    with postgres_server.database() as url:
        teams.init(url, 5, REMOTE_SCHEMA)
        evening = Block(
            at(5, 20), at(5, 21), "alone", (), chat(at(5, 20, 10), at(5, 20, 20)), "UTC"
        )
        for n in range(5):
            joined(url, f"P{n}", tmp_path, [*working_week(), *([evening] if n == 0 else [])])
        week = teams.weeks(url, [MONDAY])[0]
    assert week["hours"]["external"][5][20] is None
    shown = sum(c for row in week["hours"]["external"] for c in row if c is not None)
    assert shown == 5 * 5 * 2
    assert [s["interruptions"] for s in week["sources"]] == [shown]
    assert week["interruptions_per_hour"] == pytest.approx(shown / (5 * 5 * 3), abs=0.005)


def test_a_member_counts_in_an_hour_only_with_tracked_time_in_it(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """Four members write themselves an empty Saturday evening so that one person's real
    one would be shown: it stays hidden."""
    with postgres_server.database() as url:
        teams.init(url, 5, REMOTE_SCHEMA)
        evening = Block(at(5, 20), at(5, 21), "alone", (), chat(at(5, 20, 10)), "UTC")
        urls = [
            joined(url, f"P{n}", tmp_path, [*working_week(), *([evening] if n == 0 else [])])
            for n in range(5)
        ]
        for forger in urls[1:]:
            with connected(forger) as connection:
                connection.execute(
                    text(
                        "INSERT INTO flowtally_team_days SELECT person_id, :d, 1, 0, false, 0, 0, "
                        "0, 0, '[[9, 1, 0, 0], [20, 0, 0, 0]]', '[]' FROM flowtally_team_members"
                    ),
                    {"d": SATURDAY},
                )
        week = teams.weeks(url, [MONDAY])[0]
    assert week["hours"]["external"][5][20] is None
    assert "hours.Sat.20" in week["suppressed"]


@pytest.mark.parametrize(
    "poison",
    [
        "hours = '[[\"x\", 1, 2, 3]]'",
        "interruptions = 1000001, external = 1000001",
        "external = -999999, interruptions = 1000001",
        "tracked_min = 10000313",
        "hours = '[[25, 60, 0, 0]]'",
        "hours = '[[10, 600, 0, 0]]'",
        "sources = jsonb_build_array(jsonb_build_array(repeat('x', 300), 9, 1, 1))",
        "sources = '[[\"chat\", 9, 1, 1000]]'",
    ],
)
def test_the_database_refuses_a_summary_no_device_could_count(
    postgres_server: PostgresServer, tmp_path: Path, poison: str
) -> None:
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        member = joined(url, "P", tmp_path, working_week())
        with connected(member) as connection, pytest.raises(REFUSED, match="check constraint"):
            connection.execute(text(f"UPDATE flowtally_team_days SET {poison}"))


def test_one_members_bad_row_is_skipped_and_counted_never_fatal(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """A row written before the database checked them (its check is NOT VALID for old rows)."""
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        urls = [joined(url, f"P{n}", tmp_path, working_week()) for n in range(4)]
        with connected(url) as connection:
            connection.execute(
                text("ALTER TABLE flowtally_team_days DROP CONSTRAINT flowtally_team_days_sane")
            )
        with connected(urls[3]) as connection:
            connection.execute(
                text(
                    "UPDATE flowtally_team_days SET hours = '[[\"x\", 1]]', interruptions = "
                    "1000001, external = 1000001 WHERE day = :d"
                ),
                {"d": MONDAY},
            )
        teams.init(url, 3, REMOTE_SCHEMA)  # the check is back, for new writes
        week = teams.weeks(urls[0], [MONDAY])[0]
    assert week["skipped"] == 1
    assert week["people"] == 4
    assert week["hours"]["external"][0][9] == 3  # Monday 9:00: the fourth member's is out
    assert week["hours"]["external"][1][9] == 4


def test_a_member_holding_a_lock_makes_syncs_and_reports_fail_in_seconds_not_hang(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        urls = [joined(url, f"P{n}", tmp_path, working_week()) for n in range(3)]
        locker = create_engine(urls[0])
        with locker.connect() as connection:
            connection.execute(text("LOCK TABLE flowtally_sync_blocks IN ACCESS EXCLUSIVE MODE"))
            connection.execute(text("LOCK TABLE flowtally_team_days IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            with Store.open(str(tmp_path / "P1.sqlite3")) as store:
                with pytest.raises(StoreError, match="held a lock"):
                    store.sync(urls[1], lens=UTC_LENS)
                assert "held a lock" in (store.sync_state().problem or "")
            with pytest.raises(StoreError, match="held a lock"):
                teams.weeks(urls[2], [MONDAY])
            assert time.monotonic() - started < 30
            connection.rollback()
        locker.dispose()


def test_large_objects_cannot_keep_a_member_from_being_removed(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """With an admin who is not the superuser, members can still make large objects; they go
    with the member."""
    with postgres_server.database() as url, managed_admin(postgres_server, url) as admin:
        teams.init(admin, 3, REMOTE_SCHEMA)
        ada, grace = teams.add_member(admin, "Ada"), teams.add_member(admin, "Grace")
        with connected(ada.url) as connection:
            made = connection.execute(text("SELECT lo_create(0)")).scalar()
            connection.execute(text(f'GRANT SELECT ON LARGE OBJECT {made} TO "{grace.role}"'))
        with connected(grace.url) as connection:
            connection.execute(text("SELECT lo_create(0)"))
        assert teams.remove_member(admin, "Grace").kept_role is None
        assert teams.remove_member(admin, "Ada").kept_role is None
        with connected(url) as connection:
            left = connection.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname IN (:a, :g)"),
                {"a": ada.role, "g": grace.role},
            ).all()
            objects = connection.execute(text("SELECT count(*) FROM pg_largeobject_metadata"))
            assert (left, objects.scalar()) == ([], 0)


def test_init_again_mends_a_team_whose_two_roles_were_one(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """A team made by the earlier Flowtally on a long database name: its members role was its
    reporter role. The next ``init`` makes two new roles, moves the members, drops the old."""
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        urls = [joined(url, f"P{n}", tmp_path, working_week()) for n in range(3)]
        with connected(url) as connection:  # the old state, as the superuser makes it again
            connection.execute(text("CREATE ROLE legacy_flowtally_members NOLOGIN"))
            for (role,) in connection.execute(text("SELECT role FROM flowtally_team_members")):
                connection.execute(text(f'GRANT legacy_flowtally_members TO "{role}"'))
            connection.execute(
                text(
                    "UPDATE flowtally_team SET members_role = 'legacy_flowtally_members', "
                    "reporter_role = 'legacy_flowtally_members'"
                )
            )
        teams.init(url, 3, REMOTE_SCHEMA)
        with connected(url) as connection:
            roles = connection.execute(
                text("SELECT members_role, reporter_role FROM flowtally_team")
            ).one()
            legacy = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = 'legacy_flowtally_members'")
            ).first()
        assert roles[0] != roles[1]
        assert legacy is None
        assert teams.weeks(urls[0], [MONDAY])[0]["people"] == 3
        with connected(urls[1]) as connection:
            seen = connection.execute(text("SELECT DISTINCT person_id FROM flowtally_team_days"))
            assert len(seen.all()) == 1
