"""The team database's tables, row security and report function, as ``flowtally team init``
makes them (every statement can run again: a second ``init`` renews them). See
:mod:`data.team` for why each rule is there."""

from sqlalchemy import Connection, text

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


def secure(connection: Connection, members: str, reporter: str) -> None:
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
