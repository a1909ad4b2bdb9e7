"""The team database's tables, row security and report function, as ``flowtally team init``
makes them (every statement can run again: a second ``init`` renews them). See
:mod:`data.team` for why each rule is there."""

from collections.abc import Callable

from sqlalchemy import Connection, text

from data.team_cells_sql import CELLS_FUNCTION, CELLS_SIGNATURE
from data.team_week_sql import (
    DAY_OK_ARGUMENTS,
    DAY_OK_FUNCTION,
    DAY_OK_SIGNATURE,
    WEEK_FUNCTION,
    WEEK_SIGNATURE,
)
from tracker.i18n import _

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

SANE_BLOCKS = (
    "octet_length(document) <= 1000000 AND revision BETWEEN 0 AND 4000000000000000000 "
    "AND length(uid) <= 64 AND length(device_id) <= 64 AND length(revised_by) <= 64"
)
"""What a member may write in a synced block: sizes a device could make."""
STATISTICS = (
    "SELECT 'SELECT' AS privilege, 'TABLE ' || c.oid::regclass::text AS object, "
    "true AS monitoring FROM pg_class c "
    "WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'v' "
    "AND (c.relname LIKE 'pg\\_stat%' OR c.relname = 'pg_locks') "
    "UNION ALL SELECT 'EXECUTE', 'FUNCTION ' || p.oid::regprocedure::text, "
    "p.proname NOT LIKE 'lo\\_%' FROM pg_proc p "
    "WHERE p.pronamespace = 'pg_catalog'::regnamespace AND (p.proname LIKE 'pg\\_stat\\_get%' "
    "OR p.proname IN ('pg_lock_status', 'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids', "
    "'lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import')) "
    "ORDER BY 2"
)
"""What tells one session about another's (who is connected, rows changed per table, locks
held) and the large objects a member could make to outlive their removal: everyone may use
them unless the server's superuser says otherwise, in this database."""


def _constrain(run: Callable[[str], None], table: str, name: str, definition: str) -> None:
    """Add a constraint once (a second ``init`` finds it there)."""
    run(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{name}') "
        f"THEN ALTER TABLE {table} ADD CONSTRAINT {name} {definition}; END IF; END $$"
    )


def is_superuser(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar()
    )


def _check_writes(run: Callable[[str], None], members: str, reporter: str) -> None:
    """What members may write: rows of a member who is there, and values a device could make
    (a day's summary checked when written, its verdict kept in ``ok`` for the report)."""
    for table in PERSONAL:
        _constrain(
            run,
            table,
            f"{table}_member",
            "FOREIGN KEY (person_id) REFERENCES flowtally_team_members (person_id) "
            "ON DELETE CASCADE",
        )
    run(DAY_OK_FUNCTION)
    run(f"REVOKE ALL ON FUNCTION public.{DAY_OK_SIGNATURE} FROM PUBLIC")
    run(f"GRANT EXECUTE ON FUNCTION public.{DAY_OK_SIGNATURE} TO {members}, {reporter}")
    run(  # computed once per write, not at every report
        "ALTER TABLE flowtally_team_days ADD COLUMN IF NOT EXISTS ok boolean GENERATED ALWAYS "
        f"AS (public.flowtally_day_ok({DAY_OK_ARGUMENTS})) STORED"
    )
    _constrain(run, "flowtally_team_days", "flowtally_team_days_sane", "CHECK (ok) NOT VALID")
    _constrain(
        run,
        "flowtally_sync_blocks",
        "flowtally_sync_blocks_sane",
        f"CHECK ({SANE_BLOCKS}) NOT VALID",
    )
    _constrain(
        run,
        "flowtally_sync_devices",
        "flowtally_sync_devices_sane",
        "CHECK (length(name) <= 200 AND length(device_id) <= 64) NOT VALID",
    )


def secure(connection: Connection, members: str, reporter: str) -> list[str]:
    """The policies, grants, checks and the report function, renewed (each statement can
    run again); what members can still learn of each other's activity, one sentence each."""

    def run(statement: str) -> None:
        connection.execute(text(statement))

    run("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    _check_writes(run, members, reporter)
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
    superuser = is_superuser(connection)
    if not superuser:  # to hand the function to the reporter, the admin must be in it
        run(f"GRANT {reporter} TO CURRENT_USER")
    for function, signature in ((WEEK_FUNCTION, WEEK_SIGNATURE), (CELLS_FUNCTION, CELLS_SIGNATURE)):
        run(function)
        run(f"GRANT CREATE ON SCHEMA public TO {reporter}")  # an owner's due, for this moment
        run(f"ALTER FUNCTION public.{signature} OWNER TO {reporter}")
        run(f"REVOKE CREATE ON SCHEMA public FROM {reporter}")
        run(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC")
        run(f"GRANT EXECUTE ON FUNCTION public.{signature} TO {members}")
        run(f"GRANT EXECUTE ON FUNCTION public.{signature} TO CURRENT_USER")
    if not superuser:
        run(f"REVOKE {reporter} FROM CURRENT_USER")
    return _close_the_windows(connection, run, members, superuser)


def _close_the_windows(
    connection: Connection, run: Callable[[str], None], members: str, superuser: bool
) -> list[str]:
    """Take from members what tells them of each other's sessions, where this admin may;
    say what stays."""
    notes: list[str] = []
    owner = superuser or bool(
        connection.execute(
            text(
                "SELECT pg_has_role(current_user, datdba, 'USAGE') FROM pg_database "
                "WHERE datname = current_database()"
            )
        ).scalar()
    )
    if owner:
        database = connection.dialect.identifier_preparer.quote_identifier(
            connection.execute(text("SELECT current_database()")).scalar_one()
        )
        run(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
        run(f"GRANT CONNECT ON DATABASE {database} TO {members}")
    else:
        notes.append(
            _(
                "Anyone with a sign-in on this server may connect to the team's database "
                "(only its owner can restrict that), though they read nothing in it."
            )
        )
    if superuser:
        for privilege, granted, monitoring in connection.execute(text(STATISTICS)).all():
            run(f"REVOKE {privilege} ON {granted} FROM PUBLIC")
            if monitoring:  # monitoring keeps what it reads
                run(f"GRANT {privilege} ON {granted} TO pg_read_all_stats")
    else:
        notes.append(
            _(
                "Members can see when other members are connected (pg_stat_activity) and how "
                "many rows change (pg_stat_user_tables): only the server's superuser can take "
                "that from them, by running 'flowtally team init' once."
            )
        )
    open_doors = connection.execute(
        text(
            "SELECT datname FROM pg_database WHERE datallowconn "
            "AND datname <> current_database() AND EXISTS (SELECT 1 FROM "
            "aclexplode(coalesce(datacl, acldefault('d', datdba))) a "
            "WHERE a.grantee = 0 AND a.privilege_type = 'CONNECT') ORDER BY datname"
        )
    ).scalars()
    names = ", ".join(open_doors)
    if names:
        notes.append(
            _(
                "Members may connect to this server's other databases ({names}), where "
                "pg_stat_activity lists every session: give the team a server of its own, or "
                "revoke CONNECT on those from PUBLIC."
            ).format(names=names)
        )
    return notes
