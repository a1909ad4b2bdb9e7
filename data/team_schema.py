"""The team database's tables, row security and report function, as ``flowtally team init``
makes them (every statement can run again: a second ``init`` renews them). See
:mod:`data.team` for why each rule is there."""

from collections.abc import Callable

from sqlalchemy import Connection, text

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

WEEK_SIGNATURE = "flowtally_team_week(date, integer)"
DAY_OK_SIGNATURE = (
    "flowtally_day_ok(double precision, double precision, integer, integer, integer, "
    "double precision, jsonb, jsonb)"
)
DAY_OK_ARGUMENTS = (
    "tracked_min, period_min, interruptions, internal, external, recovery_min, hours, sources"
)
DAY_OK_FUNCTION = """
CREATE OR REPLACE FUNCTION public.flowtally_day_ok(tracked double precision,
    period double precision, interruptions integer, internal integer, external integer,
    recovery double precision, hours jsonb, sources jsonb)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    item jsonb;
    seen integer[] := '{}';
    hour integer;
BEGIN
    IF NOT (tracked > 0 AND tracked <= 1500 AND period BETWEEN 0 AND tracked + 0.01
        AND recovery BETWEEN 0 AND tracked + 0.01 AND interruptions BETWEEN 0 AND 10000
        AND internal >= 0 AND external >= 0 AND internal + external = interruptions
        AND jsonb_typeof(hours) = 'array' AND jsonb_array_length(hours) <= 24
        AND jsonb_typeof(sources) = 'array' AND jsonb_array_length(sources) <= 2400) THEN
        RETURN false;
    END IF;
    FOR item IN SELECT value FROM jsonb_array_elements(hours) LOOP
        IF jsonb_typeof(item) <> 'array' OR jsonb_array_length(item) <> 4 THEN
            RETURN false;
        END IF;
        hour := (item->>0)::integer;
        IF hour <> (item->>0)::numeric OR hour NOT BETWEEN 0 AND 23 OR hour = ANY(seen)
            OR (item->>1)::double precision NOT BETWEEN 0 AND 120
            OR (item->>2)::integer NOT BETWEEN 0 AND internal
            OR (item->>3)::integer NOT BETWEEN 0 AND external THEN
            RETURN false;
        END IF;
        seen := seen || hour;
    END LOOP;
    FOR item IN SELECT value FROM jsonb_array_elements(sources) LOOP
        IF jsonb_typeof(item) <> 'array' OR jsonb_array_length(item) <> 4
            OR jsonb_typeof(item->0) <> 'string' OR length(item->>0) > 200
            OR NOT ((item->>1)::integer = ANY(seen))
            OR (item->>2)::integer NOT BETWEEN 0 AND interruptions
            OR (item->>3)::double precision NOT BETWEEN 0 AND 120 THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
EXCEPTION WHEN others THEN
    RETURN false;
END
$fn$
"""
"""Whether a day's summary is one a device could have counted: types, ranges and sizes.
The table checks it on every write, and the report skips (and counts) a row that fails it,
so one member's row can neither break nor poison everyone's report."""

WEEK_FUNCTION = f"""
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
    WITH candidates AS (
        SELECT d.*, public.flowtally_day_ok({DAY_OK_ARGUMENTS}) AS ok
        FROM public.flowtally_team_days d
        JOIN public.flowtally_team_members m ON m.person_id = d.person_id AND m.sharing
        WHERE d.day >= monday AND d.day < monday + 7
    ), days AS (
        SELECT * FROM candidates WHERE ok
    ), head AS (
        SELECT count(DISTINCT person_id) AS people, count(*) AS person_days,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY period_min) AS median_period,
            avg(long_period::int) AS long_share,
            (SELECT count(*) FROM candidates WHERE NOT ok) AS skipped
        FROM days
    ), cells AS (
        SELECT extract(isodow FROM d.day)::int AS wd, (h->>0)::int AS hr, d.person_id,
            (h->>1)::double precision AS tracked, (h->>2)::int AS internal,
            (h->>3)::int AS external
        FROM days d CROSS JOIN LATERAL jsonb_array_elements(d.hours) h
        WHERE (h->>1)::double precision > 0
    ), grid AS (
        SELECT w.wd, r.hr, count(DISTINCT c.person_id) AS people,
            coalesce(sum(c.internal), 0) AS internal, coalesce(sum(c.external), 0) AS external,
            coalesce(sum(c.tracked), 0) AS tracked
        FROM generate_series(1, 7) w(wd) CROSS JOIN generate_series(0, 23) r(hr)
        LEFT JOIN cells c ON c.wd = w.wd AND c.hr = r.hr
        GROUP BY w.wd, r.hr
    ), shown AS (
        SELECT * FROM grid WHERE people >= k
    ), totals AS (
        SELECT sum(internal + external) AS interruptions, sum(tracked) AS tracked FROM shown
    ), src AS (
        SELECT s->>0 AS source, count(DISTINCT d.person_id) AS people,
            sum((s->>2)::int) AS interruptions, sum((s->>3)::double precision) AS recovery
        FROM days d CROSS JOIN LATERAL jsonb_array_elements(d.sources) s
        JOIN cells c ON c.person_id = d.person_id AND c.wd = extract(isodow FROM d.day)::int
            AND c.hr = (s->>1)::int
        JOIN shown g ON g.wd = c.wd AND g.hr = c.hr
        GROUP BY s->>0
    ), other AS (
        SELECT EXISTS (SELECT 1 FROM src WHERE people < k) AS hidden
    ), grid_rows AS (
        SELECT wd,
            jsonb_agg(CASE WHEN people >= k THEN internal END ORDER BY hr) AS internal,
            jsonb_agg(CASE WHEN people >= k THEN external END ORDER BY hr) AS external
        FROM grid GROUP BY wd
    ), hidden AS (
        SELECT ord0 AS ord, n AS name
        FROM unnest(ARRAY['person_days', 'median_period_min', 'long_period_share'])
            WITH ORDINALITY AS u(n, ord0)
        WHERE (SELECT people FROM head) < k
        UNION ALL
        SELECT 4, 'interruptions_per_hour' WHERE NOT EXISTS (SELECT 1 FROM shown)
        UNION ALL
        SELECT wd * 100 + hr, format('hours.%s.%s',
            (ARRAY['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])[wd], lpad(hr::text, 2, '0'))
        FROM grid WHERE people < k
        UNION ALL
        SELECT 100000, 'sources.other' WHERE (SELECT hidden FROM other)
    )
    SELECT jsonb_build_object(
        'min_group', k,
        'people', h.people,
        'skipped', h.skipped,
        'person_days', CASE WHEN h.people >= k THEN h.person_days END,
        'median_period_min',
            CASE WHEN h.people >= k THEN round(h.median_period::numeric, 2) END,
        'long_period_share', CASE WHEN h.people >= k THEN round(h.long_share::numeric, 2) END,
        'interruptions_per_hour', (SELECT round((t.interruptions
            / nullif(t.tracked / 60, 0))::numeric, 2) FROM totals t),
        'hours', jsonb_build_object(
            'internal', (SELECT jsonb_agg(internal ORDER BY wd) FROM grid_rows),
            'external', (SELECT jsonb_agg(external ORDER BY wd) FROM grid_rows)),
        'sources', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'source', source, 'interruptions', interruptions,
                'recovery_min', round(recovery::numeric, 2))
                ORDER BY recovery DESC, interruptions DESC, source)
            FROM src WHERE people >= k), '[]'::jsonb)
            || CASE WHEN (SELECT hidden FROM other)
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
"""The team's week. Every number in it is made of cells it shows: a person counts toward an
hour only with tracked time in it, an hour fed by fewer than ``k`` people is hidden, and the
sources and the interruptions per hour are summed over the hours shown only (so no
difference of two shown numbers tells what a hidden hour holds)."""


SANE_BLOCKS = (
    "octet_length(document) <= 1000000 AND revision BETWEEN 0 AND 4000000000000000000 "
    "AND length(uid) <= 64 AND length(device_id) <= 64 AND length(revised_by) <= 64"
)
"""What a member may write in a synced block: sizes a device could make."""
STATISTICS = (
    "SELECT format('%s %s', CASE WHEN p.prokind IS NULL THEN 'TABLE' ELSE 'FUNCTION' END, o) "
    'FROM (SELECT c.oid::regclass::text AS o, CAST(NULL AS "char") AS prokind FROM pg_class c '
    "WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'v' "
    "AND (c.relname LIKE 'pg\\_stat%' OR c.relname = 'pg_locks') "
    "UNION ALL SELECT p.oid::regprocedure::text, p.prokind FROM pg_proc p "
    "WHERE p.pronamespace = 'pg_catalog'::regnamespace AND (p.proname LIKE 'pg\\_stat\\_get%' "
    "OR p.proname IN ('pg_lock_status', 'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids', "
    "'lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import'))) p "
    "ORDER BY 1"
)
"""What tells one session about another's (who is connected, rows changed per table, locks
held) and the large objects a member could make to outlive their removal: everyone may use
them unless the server's superuser says otherwise, in this database."""


def _constrain(run: Callable[[str], None], table: str, name: str, check: str) -> None:
    run(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{name}') "
        f"THEN ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({check}) NOT VALID; "
        f"END IF; END $$"
    )


def secure(connection: Connection, members: str, reporter: str) -> list[str]:
    """The policies, grants, checks and the report function, renewed (each statement can
    run again); what members can still learn of each other's activity, one sentence each."""

    def run(statement: str) -> None:
        connection.execute(text(statement))

    def scalar(statement: str) -> object:
        return connection.execute(text(statement)).scalar()

    run("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    for table in PERSONAL:
        run(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint "
            f"WHERE conname = '{table}_member') THEN ALTER TABLE {table} ADD CONSTRAINT "
            f"{table}_member FOREIGN KEY (person_id) REFERENCES flowtally_team_members "
            f"(person_id) ON DELETE CASCADE; END IF; END $$"
        )
    run(DAY_OK_FUNCTION)
    run(f"REVOKE ALL ON FUNCTION public.{DAY_OK_SIGNATURE} FROM PUBLIC")
    run(f"GRANT EXECUTE ON FUNCTION public.{DAY_OK_SIGNATURE} TO {members}, {reporter}")
    _constrain(
        run,
        "flowtally_team_days",
        "flowtally_team_days_sane",
        f"public.flowtally_day_ok({DAY_OK_ARGUMENTS})",
    )
    _constrain(run, "flowtally_sync_blocks", "flowtally_sync_blocks_sane", SANE_BLOCKS)
    _constrain(
        run,
        "flowtally_sync_devices",
        "flowtally_sync_devices_sane",
        "length(name) <= 200 AND length(device_id) <= 64",
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
    superuser = bool(scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
    if not superuser:  # to hand the function to the reporter, the admin must be in it
        run(f"GRANT {reporter} TO CURRENT_USER")
    run(WEEK_FUNCTION)
    run(f"GRANT CREATE ON SCHEMA public TO {reporter}")  # an owner's due, for this moment
    run(f"ALTER FUNCTION public.{WEEK_SIGNATURE} OWNER TO {reporter}")
    run(f"REVOKE CREATE ON SCHEMA public FROM {reporter}")
    run(f"REVOKE ALL ON FUNCTION public.{WEEK_SIGNATURE} FROM PUBLIC")
    run(f"GRANT EXECUTE ON FUNCTION public.{WEEK_SIGNATURE} TO {members}")
    run(f"GRANT EXECUTE ON FUNCTION public.{WEEK_SIGNATURE} TO CURRENT_USER")
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
        for granted in connection.execute(text(STATISTICS)).scalars():
            kind = "EXECUTE" if granted.startswith("FUNCTION") else "SELECT"
            run(f"REVOKE {kind} ON {granted} FROM PUBLIC")
            if "lo_" not in granted:  # monitoring keeps what it reads
                run(f"GRANT {kind} ON {granted} TO pg_read_all_stats")
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
