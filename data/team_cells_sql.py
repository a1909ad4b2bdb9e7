"""The team database's third function, as SQL: the hours of the week in which the team's
focus holds, over several weeks, for the team's best shared focus windows (#28).

Each number it returns is a sum of week-cells (a weekday's hour in one week) that each
``min_group`` people or more fed, the same cells the week report shows: a cell fed by fewer
that week is left out of the sum, not merely hidden from it. So no difference between two
answers, for two spans of weeks, tells more than the week reports already do.
"""

from data.team_week_sql import guarded

CELLS_SIGNATURE = "flowtally_team_cells(date, integer, integer)"
CELLS_QUERY = "SELECT flowtally_team_cells(:first, :weeks, :k)"
MAX_WEEKS = 52
CELLS_FUNCTION = (
    guarded("flowtally_team_cells", "first_monday date, weeks integer", "first_monday")
    + f"""
    IF weeks IS NULL OR weeks < 1 OR weeks > {MAX_WEEKS} THEN
        RAISE EXCEPTION 'from 1 to {MAX_WEEKS} weeks' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WITH days AS (
        SELECT d.* FROM public.flowtally_team_days d
        JOIN public.flowtally_team_members m ON m.person_id = d.person_id AND m.sharing
        WHERE d.day >= first_monday AND d.day < first_monday + 7 * weeks AND d.ok
    ), cells AS (
        SELECT (d.day - first_monday) / 7 AS wk, extract(isodow FROM d.day)::int AS wd,
            (h->>0)::int AS hr, d.person_id, (h->>1)::double precision AS tracked,
            (h->>2)::int + (h->>3)::int AS interruptions
        FROM days d CROSS JOIN LATERAL jsonb_array_elements(d.hours) h
        WHERE (h->>1)::double precision > 0
    ), week_cells AS (
        SELECT wk, wd, hr, count(DISTINCT person_id) AS people, sum(tracked) AS tracked,
            sum(interruptions) AS interruptions
        FROM cells GROUP BY wk, wd, hr
    ), summed AS (
        SELECT wd, hr, sum(tracked) AS tracked, sum(interruptions) AS interruptions,
            count(*) AS weeks_in
        FROM week_cells WHERE people >= k GROUP BY wd, hr
    )
    SELECT jsonb_build_object(
        'min_group', k,
        'weeks', weeks,
        'cells', coalesce((SELECT jsonb_agg(jsonb_build_array(wd, hr,
                round(tracked::numeric, 2), interruptions, weeks_in) ORDER BY wd, hr)
            FROM summed), '[]'::jsonb),
        'hidden', (SELECT count(*) FROM week_cells WHERE people < k)
    ) INTO result;
    RETURN result;
END
$fn$
"""
)
"""``cells``: ``[weekday (1 = Monday), local hour, tracked minutes, interruptions, weeks]``
for each hour of the week that at least one week showed; ``hidden``: the week-cells left
out for being fed by too few people."""
