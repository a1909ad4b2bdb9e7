"""The team database's two functions, as SQL: the check of a day's summary, and the report
of a week (:mod:`data.team_schema` installs them; :mod:`data.team` says why)."""

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
The table keeps its answer for each row (``ok``, computed when the row is written) and refuses
a write that fails it; the report skips (and counts) an older row that fails it, so one
member's row can neither break nor poison everyone's report."""


def guarded(name: str, arguments: str, monday: str) -> str:
    """A report function's head, the same for each: ``SECURITY DEFINER`` with a fixed
    search path, the team's ``min_group`` in ``k`` (a caller may ask for more, never
    less), and ``monday`` checked to be one."""
    return f"""
CREATE OR REPLACE FUNCTION public.{name}({arguments}, at_least integer DEFAULT NULL)
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
    IF {monday} IS NULL OR extract(isodow FROM {monday}) <> 1 THEN
        RAISE EXCEPTION 'a team week starts on a Monday' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    k := greatest(k, coalesce(at_least, k));
"""


WEEK_FUNCTION = (
    guarded("flowtally_team_week", "monday date", "monday")
    + """    WITH candidates AS (
        SELECT d.* FROM public.flowtally_team_days d
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
)
"""The team's week. Every number in it is made of cells it shows: a person counts toward an
hour only with tracked time in it, an hour fed by fewer than ``k`` people is hidden, and the
sources and the interruptions per hour are summed over the hours shown only (so no
difference of two shown numbers tells what a hidden hour holds)."""
