"""Flow check-ins in the store: kept with their block on SQLite and PostgreSQL, refused by
the database itself when out of range, carried by sync to the person's other devices, and
by export and import."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from data.store import Store
from tests.postgres_server import PostgresServer
from tracker.errors import FlowtallyError
from tracker.interchange import parse_json, to_json
from tracker.model import Block, Interruption
from tracker.settings import ModelParams
from tracker.types import Phase

NINE = datetime(2026, 11, 16, 9, tzinfo=UTC)
PARAMS = ModelParams()


def at(minutes: float) -> datetime:
    return NINE + timedelta(minutes=minutes)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened


def test_a_checkin_is_kept_with_the_block_that_ran_then(store: Store) -> None:
    store.add(Block(at(0), at(60), "spec", interruptions=(Interruption(at(40), at(45)),)))
    store.add(Block(at(60), at(90), "next"))
    in_flow = store.check_in(at(35), 4, "Europe/Amsterdam", PARAMS)
    at_the_end = store.check_in(at(60), None, "Europe/Amsterdam", PARAMS)  # a stop's moment
    assert (in_flow.stretch_min, in_flow.phase) == (35, Phase.FLOW)
    assert (at_the_end.answer, at_the_end.stretch_min, at_the_end.phase) == (
        None,
        15,
        Phase.RAMP_UP,
    )
    first, second = store.all_blocks()
    assert [(c.at, c.answer) for c in first.checkins] == [(at(35), 4), (at(60), None)]
    assert first.checkins[0].timezone == "Europe/Amsterdam"
    assert second.checkins == ()
    assert [c.answer for c in store.checkins()] == [4, None]
    with pytest.raises(FlowtallyError):
        store.check_in(at(42), 3, "UTC", PARAMS)  # in the interruption
    with pytest.raises(FlowtallyError):
        store.check_in(at(120), 3, "UTC", PARAMS)  # no block then
    store.change(first, None)
    assert [c.answer for c in store.checkins()] == []  # they go with their block


def test_the_database_refuses_an_answer_off_the_scale(store: Store) -> None:
    store.add(Block(at(0), at(60)))
    with store.engine.begin() as db:
        block_id = db.scalar(sa.text("SELECT id FROM blocks"))
        for answer, phase in ((6, "flow"), (0, "flow"), (3, "none")):
            with pytest.raises(IntegrityError), db.begin_nested():
                db.execute(
                    sa.text(
                        "INSERT INTO checkins (block_id, at_utc, timezone, answer, stretch_min,"
                        " phase) VALUES (:b, '2026-11-16 09:30:00.000000', 'UTC', :a, 30, :p)"
                    ),
                    {"b": block_id, "a": answer, "p": phase},
                )


def test_export_then_import_keeps_every_checkin(store: Store, tmp_path: Path) -> None:
    store.add(Block(at(0), at(60), "spec"))
    store.check_in(at(20), 2, "UTC", PARAMS)
    store.check_in(at(59), None, "UTC", PARAMS)
    text = to_json(store.all_blocks())
    with Store.open(str(tmp_path / "other.sqlite3")) as other:
        records = parse_json(text, "UTC", now=at(600))
        other.import_blocks([r.block for r in records])
        assert other.all_blocks() == store.all_blocks()
        again = other.import_blocks([r.block for r in records])
        assert again.added == 0
        # A file from before the check-ins were answered adds nothing, and is no overlap.
        bare = parse_json(to_json([Block(at(0), at(60), "spec")]), "UTC", now=at(600))
        assert other.import_blocks([r.block for r in bare]).added == 0


@pytest.mark.postgres
def test_sync_carries_checkins_to_the_other_devices(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    with (
        postgres_server.database() as target,
        Store.open(str(tmp_path / "laptop.sqlite3")) as laptop,
        Store.open(str(tmp_path / "desktop.sqlite3")) as desktop,
    ):
        laptop.add(Block(at(0), at(60), "spec"))
        laptop.check_in(at(30), 5, "UTC", PARAMS)
        laptop.add(Block(at(120), at(180), "imported", interruptions_recorded=False))
        laptop.sync(target)
        desktop.sync(target)
        pulled, entry = desktop.all_blocks()
        assert entry.interruptions_recorded is False  # the flag travels too
        assert [(c.at, c.answer, c.stretch_min) for c in pulled.checkins] == [(at(30), 5, 30)]
        desktop.check_in(at(50), 3, "UTC", PARAMS)  # answered on the other machine: a change
        assert desktop.sync(target).pushed == 1
        laptop.sync(target)
        back, _ = laptop.all_blocks()
        assert [c.answer for c in back.checkins] == [5, 3]


def test_a_block_without_records_is_stored_and_counted_as_unrecorded(store: Store) -> None:
    from tracker.report import week_reports

    store.add(Block(at(0), at(180), "from a time tracker", interruptions_recorded=False))
    (stored,) = store.all_blocks()
    assert stored.interruptions_recorded is False
    (week,) = week_reports(store.all_blocks(), PARAMS, "UTC", NINE.date(), 1, now=at(600))
    totals = week.as_json()["totals"]
    assert (totals["tracked_min"], totals["unrecorded_min"], totals["flow_min"]) == (180, 180, 0)
    with pytest.raises(FlowtallyError):
        store.check_in(at(60), 3, "UTC", PARAMS)  # no stretch: nothing is known of its focus
