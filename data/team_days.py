"""A team member's days on the team database: which days a push makes stale, and counting
them again from the blocks on this device (:mod:`tracker.team`).

The sync that pushes a change marks the days it touches, before and after, in the push's
own transaction; the next publish, on whichever of the person's devices syncs next, counts
those days again (all of them when the settings they were counted with changed).
"""

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select, text

from data import remote as servers
from data.reading import between, load
from data.tables import BLOCKS
from tracker import clock
from tracker.days import DayClock
from tracker.model import Block
from tracker.settings import load_zone
from tracker.team import Lens, person_days, span_days


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
    with local.begin() as db:
        if days is None:
            return load(db, select(BLOCKS.c.id).where(BLOCKS.c.end_utc.is_not(None)))
        clock = DayClock(load_zone(lens.zone))
        found: dict[int | None, Block] = {}
        for first, last in _runs(sorted(days)):
            start, end = clock.midnight(first), clock.midnight(last + timedelta(days=1))
            for block in between(db, start, end):
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
        counted = person_days(_local_blocks(local, lens, days), lens, days, clock.now())
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
