"""The import's bulk insert writes the rows SQLAlchemy's own insert would, on both backends."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from data.bulk import insert_rows, new_uids
from data.rows import BLOCKS, INTERRUPTIONS
from data.store import Store

T0 = datetime(2026, 11, 16, 8, 0, 0, 250000, tzinfo=UTC)
AMSTERDAM_WINTER = timezone(timedelta(hours=1))


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened


def _block(block_id: int, hour: int, uid: str) -> dict[str, object]:
    start = T0 + timedelta(hours=hour)
    return {
        "id": block_id,
        "start_utc": start.astimezone(AMSTERDAM_WINTER),  # converted to UTC on the way in
        "end_utc": start + timedelta(minutes=50),
        "running": None,
        "task": "review" if hour % 2 else None,
        "timezone": "Europe/Amsterdam",
        "device_id": None,
        "uid": uid,
    }


def test_rows_match_what_sqlalchemys_insert_writes(store: Store) -> None:
    ours = [_block(hour, hour, uid) for hour, uid in zip((1, 2, 3), new_uids(3), strict=True)]
    theirs = [_block(10 + hour, hour, str(uuid.uuid4())) for hour in (1, 2, 3)]
    with store._write() as session:
        insert_rows(session, BLOCKS, ours)
        session.execute(insert(BLOCKS), theirs)
        session.execute(
            insert(INTERRUPTIONS),
            [
                {
                    "block_id": 1,
                    "at_utc": T0,
                    "kind": "external",
                    "source": "chat",
                    "timezone": "UTC",
                }
            ],
        )
    with store._read() as session:
        rows = {row.id: row._asdict() for row in session.execute(select(BLOCKS))}
        # SQL compares the stored text: our rows sort and filter among SQLAlchemy's
        late = session.scalars(
            select(BLOCKS.c.id).where(BLOCKS.c.start_utc >= T0 + timedelta(hours=3))
        )
        assert sorted(late) == [3, 13]
    for hour in (1, 2, 3):
        mine, other = dict(rows[hour]), dict(rows[10 + hour])
        for row in (mine, other):
            del row["id"], row["uid"]
        assert mine == other
        assert mine["dirty"] is True  # the scalar defaults, filled in
        assert mine["revision"] == 1
    assert rows[1]["start_utc"] == T0 + timedelta(hours=1)


def test_a_column_whose_default_is_computed_must_be_given(store: Store) -> None:
    with store._write() as session, pytest.raises(ValueError, match=r"blocks\.uid"):
        insert_rows(session, BLOCKS, [{"id": 1, "start_utc": T0, "timezone": "UTC"}])


def test_new_uids_are_distinct_version_4_uuids() -> None:
    made = new_uids(5000)
    assert len(set(made)) == len(made)
    for text in made:
        parsed = uuid.UUID(text)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == text
