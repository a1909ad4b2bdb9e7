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

Members' devices publish a summary per local day (:mod:`data.team_days`): the focus model
is computed per person, with their own settings, and only then aggregated (the statements:
:mod:`data.team_schema`).
"""

import json
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from data import remote as servers
from data import team_roles as roles
from data.errors import StoreError
from data.team_cells_sql import CELLS_QUERY
from data.team_schema import TEAM_TABLES, secure
from tracker.days import week_name
from tracker.i18n import _
from tracker.redaction import redact_url
from tracker.team import DEFAULT_MIN_GROUP, MIN_GROUP_FLOOR, TREND_WEEKS, TeamWeek
from tracker.team_forecast import WINDOW_WEEKS


@dataclass(frozen=True, slots=True)
class Team:
    name: str
    min_group: int
    notes: tuple[str, ...] = ()
    """What ``init`` could not close, one sentence each (:func:`data.team_schema.secure`)."""


@dataclass(frozen=True, slots=True)
class Joined:
    """A new member: their name, their login role, and the URL that signs them in."""

    name: str
    role: str
    url: str


# ---------------------------------------------------------------- helpers


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
        for statement in (*schema, *TEAM_TABLES):
            connection.execute(text(statement))
        (members, reporter), old = roles.group_roles(connection)
        connection.execute(
            text(
                "INSERT INTO flowtally_team (name, min_group, members_role, reporter_role) "
                "VALUES (:name, :k, :members, :reporter) ON CONFLICT (one) DO UPDATE SET "
                "min_group = coalesce(:given, flowtally_team.min_group), "
                "name = coalesce(:named, flowtally_team.name), "
                "members_role = excluded.members_role, reporter_role = excluded.reporter_role"
            ),
            {
                "name": shown or database,
                "named": shown,
                "k": min_group or DEFAULT_MIN_GROUP,
                "given": min_group,
                "members": members,
                "reporter": reporter,
            },
        )
        roles.move_members(connection, members, old)
        quoted = roles.quote(connection, members), roles.quote(connection, reporter)
        notes = secure(connection, *quoted)
        roles.retire(connection, old)
        roles.verify(connection, members, reporter)
        return replace(_team(connection), notes=tuple(notes))

    result: Team = _run(url, work)
    return result


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
        role = roles.fresh("m")
        verifier = roles.verifier(connection, password, role)
        members = connection.execute(text("SELECT members_role FROM flowtally_team")).scalar_one()
        connection.exec_driver_sql(  # the verifier as written: no bind markers read in it
            f"CREATE ROLE {roles.quote(connection, role)} LOGIN INHERIT NOSUPERUSER NOCREATEDB "
            f"NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{verifier}' "
            f"IN ROLE {roles.quote(connection, members)}"
        )
        connection.execute(
            text("INSERT INTO flowtally_team_members (role, person_id, name) VALUES (:r, :p, :n)"),
            {"r": role, "p": str(uuid.uuid4()), "n": shown},
        )
        return Joined(shown, role, roles.join_url(url, role, password))

    result: Joined = _run(url, work)
    return result


@dataclass(frozen=True, slots=True)
class Removed:
    name: str
    kept_role: str | None
    """The member's role, when it owns something in another database and so stays (with no
    login and in no group): the server's superuser drops it there."""


def remove_member(url: str, name: str) -> Removed:
    """Take ``name`` out of the team: their login, and every row and object of theirs (the
    foreign keys cascade, whatever the row security; large objects and grants go with the
    role). It always completes: a role the server cannot drop is left unable to sign in."""
    shown = check_name(name)

    def work(connection: Connection) -> Removed:
        _team(connection)
        role = connection.execute(
            text("DELETE FROM flowtally_team_members WHERE name = :n RETURNING role"),
            {"n": shown},
        ).scalar()
        if role is None:
            raise StoreError(_("the team has no member called {name}").format(name=shown))
        kept = roles.retire(connection, [role]) if roles.exists(connection, role) else []
        return Removed(shown, role if kept else None)

    result: Removed = _run(url, work)
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
            raise not_a_member(url)
        return team, row.name, row.sharing

    result: tuple[Team, str, bool] = _run(url, work)
    return result


def not_a_member(url: str) -> StoreError:
    return StoreError(
        _(
            "{target} is a team database, and its user is not a member: sign in with the URL "
            "'flowtally team add' printed for you"
        ).format(target=redact_url(url))
    )


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
            raise not_a_member(url)
        return team, name

    result: tuple[Team, str] = _run(url, work)
    return result


def report(
    url: str, mondays: Sequence[date], at_least: int | None = None
) -> tuple[Team, list[dict[str, Any]], dict[str, Any]]:
    """The team, the team function's answer for each week starting on ``mondays``, and the
    hours of the :data:`~tracker.team_forecast.WINDOW_WEEKS` weeks before the last of them
    (the team's shared windows)."""

    def work(connection: Connection) -> tuple[Team, list[dict[str, Any]], dict[str, Any]]:
        team = _team(connection)
        rows = connection.execute(
            text(
                "SELECT flowtally_team_week(m, :k) FROM unnest(CAST(:mondays AS date[])) "
                "WITH ORDINALITY AS u(m, i) ORDER BY i"
            ),
            {"mondays": list(mondays), "k": at_least},
        ).scalars()
        first = mondays[-1] - timedelta(weeks=WINDOW_WEEKS)
        asked = {"first": first, "weeks": WINDOW_WEEKS, "k": at_least}
        cells = connection.execute(text(CELLS_QUERY), asked).scalar_one()
        return team, [_json(value) for value in rows], _json(cells)

    result: tuple[Team, list[dict[str, Any]], dict[str, Any]] = _run(url, work)
    return result


def _json(value: object) -> dict[str, Any]:
    return cast(dict[str, Any], value if isinstance(value, dict) else json.loads(str(value)))


def team_week(url: str, monday: date, at_least: int | None = None) -> tuple[Team, TeamWeek]:
    """The team, and its week from ``monday`` with the :data:`TREND_WEEKS` weeks before it:
    what ``team report`` and the dashboard's Team page show."""
    mondays = [monday - timedelta(weeks=n) for n in range(TREND_WEEKS, -1, -1)]
    team, answers, cells = report(url, mondays, at_least)
    shown = [TeamWeek.from_json(week_name(m), a) for m, a in zip(mondays, answers, strict=True)]
    *before, this = shown
    hours = tuple(tuple(cell) for cell in cells["cells"])
    return team, replace(this, trend=tuple(before), cells=hours)


def weeks(url: str, mondays: Sequence[date], at_least: int | None = None) -> list[dict[str, Any]]:
    """The team function's answer for each week starting on ``mondays``."""
    return report(url, mondays, at_least)[1]
