"""A team's PostgreSQL database: members whose rows PostgreSQL itself keeps apart, and a
report of aggregates only.

What holds it together, each rule enforced by the server, not by this program (a member who
connects with psql and the same credentials meets the same walls):

- **One login role per member**, in the team's members role. It is made with
  ``NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB``; its password reaches the server only
  as a SCRAM verifier (libpq's ``PQencryptPasswordConn``), never as text a log could keep.
- **Row-level security, forced**, on every table that holds a person's data: a member's
  policies pass only the rows whose ``person_id`` is the member's own (reading, changing,
  deleting, and what an insert or update may write). The tables' owner (the admin) has no
  policy on them, so even the admin's plain ``SELECT`` returns no one's rows; a superuser,
  or an owner who switches the security off, can, as with any database they run.
- **The report is one function**, ``flowtally_team_week``, ``SECURITY DEFINER`` and owned by
  the team's reporter role: a role that cannot log in, that no member is in, and whose
  policy passes only the days of people who share. It returns aggregates only, and hides
  every cell fed by fewer than the team's ``min_group`` people. A caller may ask for a
  larger group, never a smaller one; ``min_group`` is a column members cannot write,
  checked to be at least 3.

Members' devices publish a summary per local day (:mod:`tracker.team`): the focus model is
computed per person, with their own settings, and only then aggregated.
"""

import json
import re
import secrets
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data import remote as servers
from data.errors import StoreError
from data.rows import between, load
from data.tables import BLOCKS
from tracker.days import DayClock, week_name
from tracker.i18n import _
from tracker.model import Block
from tracker.redaction import redact_url
from tracker.settings import load_zone
from tracker.team import MIN_GROUP_FLOOR, TREND_WEEKS, Lens, TeamWeek, person_days, span_days

PERSONAL = (
    "flowtally_sync_blocks",
    "flowtally_sync_devices",
    "flowtally_team_days",
    "flowtally_team_stale",
    "flowtally_team_lens",
)
"""The tables that hold a person's data, each with a ``person_id``."""
OWN = (
    "person_id = (SELECT m.person_id FROM public.flowtally_team_members m "
    "WHERE m.role = current_user)"
)
"""A member's own rows (the members table shows each member only their own row)."""

TEAM_TABLES = (
    """CREATE TABLE IF NOT EXISTS flowtally_team (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        name text NOT NULL,
        min_group integer NOT NULL CHECK (min_group >= 3),
        members_role text NOT NULL,
        reporter_role text NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS flowtally_team_members (
        role text PRIMARY KEY,
        person_id text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE,
        sharing boolean NOT NULL DEFAULT false,
        added_utc timestamptz NOT NULL DEFAULT now()
    )""",
    """CREATE TABLE IF NOT EXISTS flowtally_team_days (
        person_id text NOT NULL,
        day date NOT NULL,
        tracked_min double precision NOT NULL,
        period_min double precision NOT NULL,
        long_period boolean NOT NULL,
        interruptions integer NOT NULL,
        internal integer NOT NULL,
        external integer NOT NULL,
        recovery_min double precision NOT NULL,
        hours jsonb NOT NULL,
        sources jsonb NOT NULL,
        PRIMARY KEY (person_id, day)
    )""",
    """CREATE TABLE IF NOT EXISTS flowtally_team_stale (
        person_id text NOT NULL,
        day date NOT NULL,
        PRIMARY KEY (person_id, day)
    )""",
    """CREATE TABLE IF NOT EXISTS flowtally_team_lens (
        person_id text PRIMARY KEY,
        lens text NOT NULL
    )""",
)

WEEK_FUNCTION = """
CREATE OR REPLACE FUNCTION public.flowtally_team_week(monday date, at_least integer DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    k integer;
    result jsonb;
BEGIN
    SELECT t.min_group INTO STRICT k FROM public.flowtally_team t;
    IF at_least IS NOT NULL AND at_least < k THEN
        RAISE EXCEPTION 'this team shows no number that fewer than % people fed', k
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF monday IS NULL OR extract(isodow FROM monday) <> 1 THEN
        RAISE EXCEPTION 'a team week starts on a Monday' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    k := greatest(k, coalesce(at_least, k));
    WITH days AS (
        SELECT d.* FROM public.flowtally_team_days d
        JOIN public.flowtally_team_members m ON m.person_id = d.person_id AND m.sharing
        WHERE d.day >= monday AND d.day < monday + 7
    ), head AS (
        SELECT count(DISTINCT person_id) AS people, count(*) AS person_days,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY period_min) AS median_period,
            avg(long_period::int) AS long_share,
            sum(interruptions) AS interruptions, sum(tracked_min) AS tracked
        FROM days
    ), cells AS (
        SELECT extract(isodow FROM d.day)::int AS wd, (h->>0)::int AS hr, d.person_id,
            (h->>2)::int AS internal, (h->>3)::int AS external
        FROM days d CROSS JOIN LATERAL jsonb_array_elements(d.hours) h
    ), grid AS (
        SELECT w.wd, r.hr, count(DISTINCT c.person_id) AS people,
            coalesce(sum(c.internal), 0) AS internal, coalesce(sum(c.external), 0) AS external
        FROM generate_series(1, 7) w(wd) CROSS JOIN generate_series(0, 23) r(hr)
        LEFT JOIN cells c ON c.wd = w.wd AND c.hr = r.hr
        GROUP BY w.wd, r.hr
    ), src AS (
        SELECT s->>0 AS source, count(DISTINCT d.person_id) AS people,
            sum((s->>1)::int) AS interruptions, sum((s->>2)::double precision) AS recovery
        FROM days d CROSS JOIN LATERAL jsonb_array_elements(d.sources) s
        GROUP BY s->>0
    ), grid_rows AS (
        SELECT wd,
            jsonb_agg(CASE WHEN people >= k THEN internal END ORDER BY hr) AS internal,
            jsonb_agg(CASE WHEN people >= k THEN external END ORDER BY hr) AS external
        FROM grid GROUP BY wd
    ), hidden AS (
        SELECT ord0 AS ord, n AS name
        FROM unnest(ARRAY['person_days', 'median_period_min', 'long_period_share',
            'interruptions_per_hour']) WITH ORDINALITY AS u(n, ord0)
        WHERE (SELECT people FROM head) < k
        UNION ALL
        SELECT wd * 100 + hr, format('hours.%s.%s',
            (ARRAY['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])[wd], lpad(hr::text, 2, '0'))
        FROM grid WHERE people < k
        UNION ALL
        SELECT 100000, 'sources.other' WHERE EXISTS (SELECT 1 FROM src WHERE people < k)
    )
    SELECT jsonb_build_object(
        'min_group', k,
        'people', h.people,
        'person_days', CASE WHEN h.people >= k THEN h.person_days END,
        'median_period_min',
            CASE WHEN h.people >= k THEN round(h.median_period::numeric, 2) END,
        'long_period_share', CASE WHEN h.people >= k THEN round(h.long_share::numeric, 2) END,
        'interruptions_per_hour', CASE WHEN h.people >= k
            THEN round((h.interruptions / nullif(h.tracked / 60, 0))::numeric, 2) END,
        'hours', jsonb_build_object(
            'internal', (SELECT jsonb_agg(internal ORDER BY wd) FROM grid_rows),
            'external', (SELECT jsonb_agg(external ORDER BY wd) FROM grid_rows)),
        'sources', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'source', source, 'interruptions', interruptions,
                'recovery_min', round(recovery::numeric, 2))
                ORDER BY recovery DESC, interruptions DESC, source)
            FROM src WHERE people >= k), '[]'::jsonb)
            || CASE WHEN EXISTS (SELECT 1 FROM src WHERE people < k)
                THEN jsonb_build_array(jsonb_build_object(
                    'source', NULL, 'interruptions', NULL, 'recovery_min', NULL))
                ELSE '[]'::jsonb END,
        'suppressed', (SELECT coalesce(jsonb_agg(name ORDER BY ord, name), '[]'::jsonb)
            FROM hidden)
    ) INTO result FROM head h;
    RETURN result;
END
$fn$
"""


@dataclass(frozen=True, slots=True)
class Team:
    name: str
    min_group: int


@dataclass(frozen=True, slots=True)
class Joined:
    """A new member: their name, their login role, and the URL that signs them in."""

    name: str
    role: str
    url: str


# ---------------------------------------------------------------- helpers


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _problem(url: str, exc: SQLAlchemyError | OSError) -> StoreError:
    return StoreError(
        _("the team database {target} refused: {reason}").format(
            target=redact_url(url), reason=servers.reason(exc)
        )
    )


def _run(url: str, work: Callable[[Connection], Any]) -> Any:
    """``work`` in one transaction on ``url``; the server's refusal as one sentence."""
    with servers.connected(url) as engine:
        try:
            with engine.begin() as connection:
                return work(connection)
        except (SQLAlchemyError, OSError) as exc:
            raise _problem(url, exc) from None


def is_team(connection: Connection) -> bool:
    return bool(
        connection.execute(text("SELECT to_regclass('flowtally_team') IS NOT NULL")).scalar()
    )


def _team(connection: Connection) -> Team:
    if not is_team(connection):
        raise StoreError(_("this is not a team database: prepare one with 'flowtally team init'"))
    row = connection.execute(text("SELECT name, min_group FROM flowtally_team")).one()
    return Team(row.name, row.min_group)


def member(connection: Connection) -> tuple[str, str] | None:
    """The person id and name of the member this connection signs in as."""
    row = connection.execute(
        text("SELECT person_id, name FROM flowtally_team_members WHERE role = current_user")
    ).first()
    return (row.person_id, row.name) if row is not None else None


def check_min_group(value: int) -> int:
    if not MIN_GROUP_FLOOR <= value <= 10_000:
        raise StoreError(
            _("the smallest group must be between {floor} and 10000 people, not {value}").format(
                floor=MIN_GROUP_FLOOR, value=value
            )
        )
    return value


# ---------------------------------------------------------------- the admin's side


def init(url: str, min_group: int | None, schema: Sequence[str], name: str | None = None) -> Team:
    """Prepare the database at ``url`` for a team (again: its policies and function are
    renewed, its members kept). ``schema``: the sync tables' own statements; ``name``: what
    the team is called (the database's name when it is new and none is given)."""
    if min_group is not None:
        check_min_group(min_group)
    shown = check_name(name) if name is not None else None

    def work(connection: Connection) -> Team:
        if connection.execute(
            text("SELECT to_regclass('flowtally_sync_owner') IS NOT NULL")
        ).scalar():
            raise StoreError(
                _(
                    "this database already holds one person's synced data; prepare an empty "
                    "database for the team"
                )
            )
        can = connection.execute(
            text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        ).scalar()
        if not can:
            raise StoreError(
                _(
                    "this connection's role cannot create roles: an admin needs CREATEROLE "
                    "(or to be the server's superuser) to add members"
                )
            )
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        members, reporter = (
            f"{database}_flowtally_members"[:63],
            f"{database}_flowtally_reporter"[:63],
        )
        for role in (members, reporter):
            if not connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first():
                connection.execute(
                    text(f"CREATE ROLE {_quote(connection, role)} NOLOGIN NOBYPASSRLS")
                )
        for statement in (*schema, *TEAM_TABLES):
            connection.execute(text(statement))
        connection.execute(
            text(
                "INSERT INTO flowtally_team (name, min_group, members_role, reporter_role) "
                "VALUES (:name, :k, :members, :reporter) ON CONFLICT (one) DO UPDATE SET "
                "min_group = coalesce(:given, flowtally_team.min_group), "
                "name = coalesce(:named, flowtally_team.name)"
            ),
            {
                "name": shown or database,
                "named": shown,
                "k": min_group or 5,
                "given": min_group,
                "members": members,
                "reporter": reporter,
            },
        )
        _secure(connection, _quote(connection, members), _quote(connection, reporter))
        return _team(connection)

    result: Team = _run(url, work)
    return result


def _secure(connection: Connection, members: str, reporter: str) -> None:
    """The policies, grants and the report function, renewed (each statement can run again)."""

    def run(statement: str) -> None:
        connection.execute(text(statement))

    run("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    for table in PERSONAL:
        run(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint "
            f"WHERE conname = '{table}_member') THEN ALTER TABLE {table} ADD CONSTRAINT "
            f"{table}_member FOREIGN KEY (person_id) REFERENCES flowtally_team_members "
            f"(person_id) ON DELETE CASCADE; END IF; END $$"
        )
    for table in (*PERSONAL, "flowtally_team_members"):
        run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        run(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        run(f"REVOKE ALL ON {table} FROM PUBLIC")
    for table in PERSONAL:
        run(f"DROP POLICY IF EXISTS own_rows ON {table}")
        run(f"CREATE POLICY own_rows ON {table} TO {members} USING ({OWN}) WITH CHECK ({OWN})")
        run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {members}")
    run("DROP POLICY IF EXISTS shared_days ON flowtally_team_days")
    run(
        f"CREATE POLICY shared_days ON flowtally_team_days FOR SELECT TO {reporter} USING "
        "(person_id IN (SELECT person_id FROM flowtally_team_members WHERE sharing))"
    )
    run(f"GRANT SELECT ON flowtally_team_days TO {reporter}")
    for policy, statement in (
        ("member_self", f"FOR SELECT TO {members} USING (role = current_user)"),
        (
            "member_shares",
            f"FOR UPDATE TO {members} USING (role = current_user) WITH CHECK (role = current_user)",
        ),
        ("reporter_reads", f"FOR SELECT TO {reporter} USING (true)"),
        ("admin_keeps", "TO CURRENT_USER USING (true) WITH CHECK (true)"),
    ):
        run(f"DROP POLICY IF EXISTS {policy} ON flowtally_team_members")
        run(f"CREATE POLICY {policy} ON flowtally_team_members {statement}")
    run(f"GRANT SELECT, UPDATE (sharing) ON flowtally_team_members TO {members}")
    run(f"GRANT SELECT ON flowtally_team_members, flowtally_team TO {reporter}")
    run(f"GRANT SELECT ON flowtally_team TO {members}")
    run("REVOKE ALL ON flowtally_team FROM PUBLIC")
    superuser = connection.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if not superuser:  # to hand the function to the reporter, the admin must be in it
        run(f"GRANT {reporter} TO CURRENT_USER")
    run(WEEK_FUNCTION)
    run(f"GRANT CREATE ON SCHEMA public TO {reporter}")  # an owner's due, for this moment
    run(f"ALTER FUNCTION public.flowtally_team_week(date, integer) OWNER TO {reporter}")
    run(f"REVOKE CREATE ON SCHEMA public FROM {reporter}")
    run("REVOKE ALL ON FUNCTION public.flowtally_team_week(date, integer) FROM PUBLIC")
    run(f"GRANT EXECUTE ON FUNCTION public.flowtally_team_week(date, integer) TO {members}")
    run("GRANT EXECUTE ON FUNCTION public.flowtally_team_week(date, integer) TO CURRENT_USER")
    if not superuser:
        run(f"REVOKE {reporter} FROM CURRENT_USER")


def _role_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:24] or "member"
    return f"flowtally_{slug}_{secrets.token_hex(3)}"


def check_name(name: str) -> str:
    shown = " ".join(name.split())
    if not shown or len(shown) > 100:
        raise StoreError(_("a name must have 1 to 100 characters"))
    return shown


def add_member(url: str, name: str) -> Joined:
    """A new member called ``name``, with a login role of their own and a new password."""
    shown = check_name(name)
    password = secrets.token_urlsafe(24)

    def work(connection: Connection) -> Joined:
        _team(connection)
        if connection.execute(
            text("SELECT 1 FROM flowtally_team_members WHERE name = :n"), {"n": shown}
        ).first():
            raise StoreError(_("{name} is a member already").format(name=shown))
        role = _role_name(shown)
        verifier = _verifier(connection, password, role)
        members = connection.execute(text("SELECT members_role FROM flowtally_team")).scalar_one()
        connection.exec_driver_sql(  # the verifier as written: no bind markers read in it
            f"CREATE ROLE {_quote(connection, role)} LOGIN INHERIT NOSUPERUSER NOCREATEDB "
            f"NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{verifier}' "
            f"IN ROLE {_quote(connection, members)}"
        )
        connection.execute(
            text("INSERT INTO flowtally_team_members (role, person_id, name) VALUES (:r, :p, :n)"),
            {"r": role, "p": str(uuid.uuid4()), "n": shown},
        )
        return Joined(shown, role, _join_url(url, role, password))

    result: Joined = _run(url, work)
    return result


def _verifier(connection: Connection, password: str, role: str) -> str:
    """The SCRAM verifier of ``password``, made here: the password never reaches the server."""
    raw = connection.connection.dbapi_connection
    pgconn = getattr(raw, "pgconn", None)
    if pgconn is None:
        raise StoreError(_("adding a member needs the psycopg driver (postgresql://…)"))
    made: bytes = pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
    verifier = made.decode()
    if not re.fullmatch(r"SCRAM-SHA-256\$[A-Za-z0-9+/=:$]+", verifier):
        raise StoreError(_("the server's driver made an unexpected password verifier"))
    return verifier


def _join_url(admin_url: str, role: str, password: str) -> str:
    url: URL = make_url(admin_url).set(username=role, password=password)
    return url.render_as_string(hide_password=False)


def remove_member(url: str, name: str) -> str:
    """Take ``name`` out of the team: their role, and every row of theirs (the foreign keys
    cascade, whatever the row security)."""
    shown = check_name(name)

    def work(connection: Connection) -> str:
        _team(connection)
        role = connection.execute(
            text("DELETE FROM flowtally_team_members WHERE name = :n RETURNING role"),
            {"n": shown},
        ).scalar()
        if role is None:
            raise StoreError(_("the team has no member called {name}").format(name=shown))
        connection.execute(text(f"DROP ROLE IF EXISTS {_quote(connection, role)}"))
        return shown

    result: str = _run(url, work)
    return result


def members(url: str) -> list[str]:
    """The members' names, for the admin (whether each shares is theirs to tell)."""

    def work(connection: Connection) -> list[str]:
        _team(connection)
        return list(
            connection.execute(
                text("SELECT name FROM flowtally_team_members ORDER BY name")
            ).scalars()
        )

    result: list[str] = _run(url, work)
    return result


# ---------------------------------------------------------------- a member's side


def whoami(url: str) -> tuple[Team, str, bool]:
    """The team at ``url``, this member's name, and whether they share."""

    def work(connection: Connection) -> tuple[Team, str, bool]:
        team = _team(connection)
        row = connection.execute(
            text("SELECT name, sharing FROM flowtally_team_members WHERE role = current_user")
        ).first()
        if row is None:
            raise StoreError(_not_a_member(url))
        return team, row.name, row.sharing

    result: tuple[Team, str, bool] = _run(url, work)
    return result


def _not_a_member(url: str) -> str:
    return _(
        "{target} is a team database, and its user is not a member: sign in with the URL "
        "'flowtally team add' printed for you"
    ).format(target=redact_url(url))


def not_a_member(url: str) -> StoreError:
    return StoreError(_not_a_member(url))


def share(url: str, on: bool) -> tuple[Team, str]:
    def work(connection: Connection) -> tuple[Team, str]:
        team = _team(connection)
        name = connection.execute(
            text(
                "UPDATE flowtally_team_members SET sharing = :on WHERE role = current_user "
                "RETURNING name"
            ),
            {"on": on},
        ).scalar()
        if name is None:
            raise StoreError(_not_a_member(url))
        return team, name

    result: tuple[Team, str] = _run(url, work)
    return result


def report(
    url: str, mondays: Sequence[date], at_least: int | None = None
) -> tuple[Team, list[dict[str, Any]]]:
    """The team, and the team function's answer for each week starting on ``mondays``."""

    def work(connection: Connection) -> tuple[Team, list[dict[str, Any]]]:
        team = _team(connection)
        rows = connection.execute(
            text(
                "SELECT flowtally_team_week(m, :k) FROM unnest(CAST(:mondays AS date[])) "
                "WITH ORDINALITY AS u(m, i) ORDER BY i"
            ),
            {"mondays": list(mondays), "k": at_least},
        ).scalars()
        return team, [value if isinstance(value, dict) else json.loads(value) for value in rows]

    result: tuple[Team, list[dict[str, Any]]] = _run(url, work)
    return result


def team_week(url: str, monday: date, at_least: int | None = None) -> tuple[Team, TeamWeek]:
    """The team, and its week from ``monday`` with the :data:`TREND_WEEKS` weeks before it:
    what ``team report`` and the dashboard's Team page show."""
    mondays = [monday - timedelta(weeks=n) for n in range(TREND_WEEKS, -1, -1)]
    team, answers = report(url, mondays, at_least)
    shown = [TeamWeek.from_json(week_name(m), a) for m, a in zip(mondays, answers, strict=True)]
    *before, this = shown
    return team, replace(this, trend=tuple(before))


def weeks(url: str, mondays: Sequence[date], at_least: int | None = None) -> list[dict[str, Any]]:
    """The team function's answer for each week starting on ``mondays``."""
    return report(url, mondays, at_least)[1]


# ---------------------------------------------------------------- publishing a person's days


def _spans(documents: Iterable[str | None]) -> list[tuple[datetime, datetime]]:
    spans = []
    for document in documents:
        if document is None:
            continue
        parsed = json.loads(document)
        if parsed["end"] is not None:
            spans.append(
                (datetime.fromisoformat(parsed["start"]), datetime.fromisoformat(parsed["end"]))
            )
    return spans


def mark_stale(
    connection: Connection, person: str, lens: Lens, pushed: Sequence[dict[str, Any]]
) -> None:
    """The days that ``pushed`` versions change, before and after: to be counted again by
    whichever of the person's devices publishes next (in the push's own transaction, so a
    sync cut short later still leaves them marked)."""
    if not pushed:
        return
    before = connection.execute(
        text("SELECT document FROM flowtally_sync_blocks WHERE uid = ANY(:uids)"),
        {"uids": [item["uid"] for item in pushed]},
    ).scalars()
    days = span_days(lens.zone, _spans([*before, *(item["document"] for item in pushed)]))
    if days:
        connection.execute(
            text(
                "INSERT INTO flowtally_team_stale (person_id, day) VALUES (:p, :d) "
                "ON CONFLICT DO NOTHING"
            ),
            [{"p": person, "d": day} for day in sorted(days)],
        )


def _local_blocks(local: Engine, lens: Lens, days: Sequence[date] | None) -> list[Block]:
    with Session(local) as session, session.begin():
        if days is None:
            return load(session, select(BLOCKS.c.id).where(BLOCKS.c.end_utc.is_not(None)))
        clock = DayClock(load_zone(lens.zone))
        found: dict[int | None, Block] = {}
        for first, last in _runs(sorted(days)):
            start, end = clock.midnight(first), clock.midnight(last + timedelta(days=1))
            for block in between(session, start, end):
                found[block.id] = block
        return list(found.values())


def _runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """Consecutive days as ``(first, last)`` runs."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def publish(remote: Engine, local: Engine, person: str, lens: Lens) -> int:
    """Count again the person's stale days (all of them when the settings they were counted
    with changed) from the blocks here, and replace their summaries; how many days."""
    with remote.begin() as connection:
        servers.locked(connection, person)
        held = connection.execute(
            text("SELECT lens FROM flowtally_team_lens WHERE person_id = :p"), {"p": person}
        ).scalar()
        days: list[date] | None = None
        if held == lens.key:
            days = list(
                connection.execute(
                    text("SELECT day FROM flowtally_team_stale WHERE person_id = :p"),
                    {"p": person},
                ).scalars()
            )
            if not days:
                return 0
        counted = person_days(_local_blocks(local, lens, days), lens, days, datetime.now(UTC))
        if days is None:
            connection.execute(
                text("DELETE FROM flowtally_team_days WHERE person_id = :p"), {"p": person}
            )
        else:
            connection.execute(
                text("DELETE FROM flowtally_team_days WHERE person_id = :p AND day = ANY(:d)"),
                {"p": person, "d": days},
            )
        if counted:
            connection.execute(
                text(
                    "INSERT INTO flowtally_team_days (person_id, day, tracked_min, period_min, "
                    "long_period, interruptions, internal, external, recovery_min, hours, "
                    "sources) VALUES (:person_id, :day, :tracked_min, :period_min, "
                    ":long_period, :interruptions, :internal, :external, :recovery_min, "
                    "CAST(:hours AS jsonb), CAST(:sources AS jsonb))"
                ),
                [{"person_id": person, **day.as_row()} for day in counted],
            )
        connection.execute(
            text("DELETE FROM flowtally_team_stale WHERE person_id = :p"), {"p": person}
        )
        connection.execute(
            text(
                "INSERT INTO flowtally_team_lens (person_id, lens) VALUES (:p, :l) "
                "ON CONFLICT (person_id) DO UPDATE SET lens = excluded.lens"
            ),
            {"p": person, "l": lens.key},
        )
        return len(counted)
