"""The UTC column on SQLite: its own text, read and written in one step, is SQLAlchemy's.

Every stored row and every comparison in SQL (``start_utc >= ?``) compares this text, so the
faster path must write the very characters SQLAlchemy's ``DateTime`` writes, and read back
whatever an older Flowtally or a hand-edited file holds.
"""

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, create_engine, insert, select

from data.columns import UTCDateTime
from data.store import Store
from tracker.model import Block

INSTANTS = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2199, 12, 30), timezones=st.just(UTC)
)


@given(INSTANTS, st.integers(-14 * 60, 14 * 60))
def test_the_text_written_is_sqlalchemys_and_reads_back_as_the_same_instant(
    instant: datetime, offset_min: int
) -> None:
    engine = create_engine("sqlite://")
    table = Table(
        "t",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("ours", UTCDateTime),
        Column("theirs", DateTime),
    )
    table.metadata.create_all(engine)
    local = instant.astimezone(timezone(timedelta(minutes=offset_min)))
    with engine.begin() as connection:
        connection.execute(insert(table).values(ours=local, theirs=instant.replace(tzinfo=None)))
        ours, theirs = connection.exec_driver_sql("SELECT ours, theirs FROM t").one()
        assert ours == theirs
        read = connection.execute(select(table.c.ours)).scalar_one()
    assert read == instant
    assert read.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-16 09:00:00.250000", datetime(2026, 11, 16, 9, 0, 0, 250000, tzinfo=UTC)),
        ("2026-11-16 09:00:00", datetime(2026, 11, 16, 9, tzinfo=UTC)),
        ("2026-11-16", datetime(2026, 11, 16, tzinfo=UTC)),
    ],
)
def test_text_written_by_hand_reads_as_utc(tmp_path: Path, text: str, expected: datetime) -> None:
    path = tmp_path / "f.sqlite3"
    with Store.open(str(path)) as store:
        store.add(
            Block(datetime(2026, 11, 16, 8, tzinfo=UTC), datetime(2026, 11, 16, 10, tzinfo=UTC))
        )
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE blocks SET start_utc = ?", (text,))
    with Store.open(str(path)) as store:
        (block,) = store.all_blocks()
    assert block.start == expected
    assert block.start.tzinfo is UTC


def test_a_naive_datetime_is_refused_before_it_is_stored() -> None:
    engine = create_engine("sqlite://")
    table = Table(
        "t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime)
    )
    table.metadata.create_all(engine)
    with engine.begin() as connection, pytest.raises(Exception, match="naive datetimes"):
        connection.execute(insert(table).values(at=datetime(2026, 11, 16, 9)))
