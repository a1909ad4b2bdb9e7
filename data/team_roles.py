"""The team database's roles: their names, which never collide and never name a person,
and the check ``flowtally team init`` makes after securing the team.

Names are a fixed prefix and random digits, ASCII and far below PostgreSQL's 63 bytes: a name
derived from the database's name was cut by characters while PostgreSQL cuts by bytes, so a
long (or Cyrillic) database name made the members role and the reporter role one role. A
fresh database gets fresh roles, so a login left over from a dropped team of the same name is
in neither.
"""

import re
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from data.errors import StoreError
from data.team_schema import PERSONAL, is_superuser
from data.team_week_sql import WEEK_SIGNATURE
from tracker.i18n import _

NAME = re.compile(r"flowtally_(?:members|reporter|m)_(?:[0-9]{14}|[0-9a-f]{12})")
"""What a role made here looks like: what a member's ``pg_roles`` shows tells nobody's name.
(Roles made before digits were used end in 12 hex digits; they are kept.)"""
ROLE_ATTRIBUTES = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


def fresh(kind: str) -> str:
    """A new role name for ``kind`` (``members``, ``reporter``, ``m`` for a member)."""
    # Digits, not hex: hex letters can spell a name ("…0ada5…"), and a role's name must
    # never look like a person's.
    name = f"flowtally_{kind}_{secrets.randbelow(10**14):014d}"
    assert NAME.fullmatch(name)
    assert len(name.encode()) <= 63
    return name


def quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def exists(connection: Connection, role: str) -> bool:
    return bool(
        connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    )


def group_roles(connection: Connection) -> tuple[tuple[str, str], tuple[str, ...]]:
    """The team's members role and reporter role, made when missing, and the roles of an
    earlier ``init`` that are to go (names a database's name made, or one role for both)."""
    recorded = connection.execute(
        text("SELECT members_role, reporter_role FROM flowtally_team")
    ).first()
    old: tuple[str, ...] = ()
    if recorded is not None:
        members, reporter = recorded
        if members != reporter and NAME.fullmatch(members) and NAME.fullmatch(reporter):
            for role in (members, reporter):
                if not exists(connection, role):  # a database restored on another server
                    _create_group(connection, role)
            return (members, reporter), old
        old = tuple(dict.fromkeys(r for r in (members, reporter) if exists(connection, r)))
    made = fresh("members"), fresh("reporter")
    for role in made:
        if exists(connection, role):  # 48 random bits: never, but never silently either
            raise StoreError(_("a role called {role} exists already").format(role=role))
        _create_group(connection, role)
    return made, old


def _create_group(connection: Connection, role: str) -> None:
    connection.execute(text(f"CREATE ROLE {quote(connection, role)} NOLOGIN {ROLE_ATTRIBUTES}"))


def move_members(connection: Connection, members: str, old: tuple[str, ...]) -> None:
    """Every member's login into ``members``, and out of the roles an earlier init made."""
    for (role,) in connection.execute(text("SELECT role FROM flowtally_team_members")).all():
        if not exists(connection, role):
            continue
        connection.execute(text(f"GRANT {quote(connection, members)} TO {quote(connection, role)}"))
        for former in old:
            connection.execute(
                text(f"REVOKE {quote(connection, former)} FROM {quote(connection, role)}")
            )


def retire(connection: Connection, old: Sequence[str]) -> list[str]:
    """Drop ``old`` roles with everything they own and every privilege given to them here
    (a large object a member made, a grant from another member); those that still hold
    something in another database on the server stay, with no login and in no group. The
    ones kept, by name."""
    superuser = is_superuser(connection)
    kept = []
    for role in old:
        quoted = quote(connection, role)
        if not superuser:  # DROP OWNED needs the role's privileges
            connection.execute(text(f"GRANT {quoted} TO CURRENT_USER"))
        _unlink_large_objects(connection, role, superuser)
        connection.execute(text(f"DROP OWNED BY {quoted}"))
        dropping = connection.begin_nested()
        try:
            connection.execute(text(f"DROP ROLE {quoted}"))
            dropping.commit()
        except SQLAlchemyError:
            dropping.rollback()
            kept.append(role)
            connection.execute(text(f"ALTER ROLE {quoted} NOLOGIN"))
            for (group,) in connection.execute(
                text(
                    "SELECT r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                    "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = :r"
                ),
                {"r": role},
            ).all():
                connection.execute(text(f"REVOKE {quote(connection, group)} FROM {quoted}"))
            if not superuser:
                connection.execute(text(f"REVOKE {quoted} FROM CURRENT_USER"))
    return kept


def _unlink_large_objects(connection: Connection, role: str, superuser: bool) -> None:
    """Remove the large objects ``role`` owns or was granted (by another member, which the
    admin could not revoke as it is not theirs): a team's database has no use for any."""
    found = connection.execute(
        text(
            "SELECT m.oid, pg_get_userbyid(m.lomowner) AS owner FROM pg_largeobject_metadata m "
            "WHERE pg_get_userbyid(m.lomowner) = :r OR EXISTS (SELECT 1 FROM "
            "aclexplode(m.lomacl) a WHERE pg_get_userbyid(a.grantee) = :r)"
        ),
        {"r": role},
    ).all()
    for oid, owner in found:
        if owner != role and not superuser:
            connection.execute(text(f"GRANT {quote(connection, owner)} TO CURRENT_USER"))
        connection.execute(text(f"ALTER LARGE OBJECT {int(oid)} OWNER TO CURRENT_USER"))
        connection.execute(text("SELECT lo_unlink(:o)"), {"o": oid})
        if owner != role and not superuser:
            connection.execute(text(f"REVOKE {quote(connection, owner)} FROM CURRENT_USER"))


TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
MEMBERS_MAY = {
    **{table: {"SELECT", "INSERT", "UPDATE", "DELETE"} for table in PERSONAL},
    "flowtally_team_members": {"SELECT"},
    "flowtally_team": {"SELECT"},
}
REPORTER_MAY = {
    "flowtally_team_days": {"SELECT"},
    "flowtally_team_members": {"SELECT"},
    "flowtally_team": {"SELECT"},
}


def verify(connection: Connection, members: str, reporter: str) -> None:
    """Refuse (and so roll back) a team whose roles do not hold exactly what they should."""
    faults = _faults(connection, members, reporter)
    if faults:
        raise StoreError(
            _("the team was not secured, and nothing was changed: {faults}").format(
                faults="; ".join(faults)
            )
        )


def _members_of(connection: Connection, group: str) -> list[Any]:
    """The roles in ``group`` (but the admin: PostgreSQL 16 makes a role's creator its
    admin), each with whether it could pass any row security (``loose``)."""
    return list(
        connection.execute(
            text(
                "SELECT m.rolname, m.rolsuper OR m.rolbypassrls AS loose FROM pg_auth_members a "
                "JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
                "WHERE r.rolname = :r AND m.rolname <> current_user"
            ),
            {"r": group},
        )
    )


def _privilege_faults(connection: Connection, role: str, may: dict[str, set[str]]) -> list[str]:
    """Each table privilege ``role`` holds and should not, or lacks and should have."""
    faults = []
    for table in (*PERSONAL, "flowtally_team_members", "flowtally_team"):
        for privilege in TABLE_PRIVILEGES:
            has = connection.execute(
                text("SELECT has_table_privilege(:r, :t, :p)"),
                {"r": role, "t": f"public.{table}", "p": privilege},
            ).scalar()
            should = privilege in may.get(table, set())
            if bool(has) != should:
                wrong = (
                    _("{role} lacks {privilege} on {table}")
                    if should
                    else _("{role} has {privilege} on {table}, which it must not")
                )
                faults.append(wrong.format(role=role, privilege=privilege, table=table))
    return faults


def _faults(connection: Connection, members: str, reporter: str) -> list[str]:
    faults: list[str] = []
    if members == reporter:
        return [_("the members role and the reporter role are one role")]
    for role in (members, reporter):
        row = connection.execute(
            text(
                "SELECT rolsuper OR rolbypassrls OR rolcanlogin OR rolcreaterole OR rolcreatedb "
                "OR rolreplication AS loose FROM pg_roles WHERE rolname = :r"
            ),
            {"r": role},
        ).first()
        if row is None or row.loose:
            faults.append(_("the role {role} may do more than read").format(role=role))
    faults += [
        _("{role} can act as the reporter").format(role=row.rolname)
        for row in _members_of(connection, reporter)
    ]
    listed = set(connection.execute(text("SELECT role FROM flowtally_team_members")).scalars())
    faults += [
        _("{role} is in the members role, not as a member").format(role=row.rolname)
        for row in _members_of(connection, members)
        if row.loose or row.rolname not in listed
    ]
    faults += _privilege_faults(connection, members, MEMBERS_MAY)
    faults += _privilege_faults(connection, reporter, REPORTER_MAY)
    unsecured = connection.execute(
        text(
            "SELECT relname FROM pg_class WHERE relname = ANY(:t) "
            "AND relnamespace = 'public'::regnamespace "
            "AND NOT (relrowsecurity AND relforcerowsecurity)"
        ),
        {"t": [*PERSONAL, "flowtally_team_members"]},
    ).scalars()
    faults += [_("{table} has no forced row security").format(table=t) for t in unsecured]
    report = connection.execute(
        text(
            "SELECT pg_get_userbyid(proowner) AS owner, prosecdef FROM pg_proc "
            "WHERE oid = CAST(:f AS regprocedure)"
        ),
        {"f": f"public.{WEEK_SIGNATURE}"},
    ).one()
    if report.owner != reporter or not report.prosecdef:
        faults.append(_("the report function is not the reporter's"))
    if connection.execute(
        text("SELECT pg_has_role(:a, :b, 'USAGE') OR pg_has_role(:b, :a, 'USAGE')"),
        {"a": members, "b": reporter},
    ).scalar():
        faults.append(_("the members role and the reporter role share privileges"))
    return faults


def verifier(connection: Connection, password: str, role: str) -> str:
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


def join_url(admin_url: str, role: str, password: str) -> str:
    url: URL = make_url(admin_url).set(username=role, password=password)
    return url.render_as_string(hide_password=False)
