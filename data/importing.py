"""The write half of an import: which blocks are new, and adding them in batches.

The rules (no overlaps; an identical block is skipped) are :mod:`tracker.overlaps`'; this
module reads the stored blocks around the imported ones for them, and writes what is new.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, text

from data.reading import load
from data.rows import BLOCKS, insert_many
from tracker import overlaps
from tracker.model import Block

IMPORT_CHUNK = 1000
IMPORT_CACHE_KIB = 64 * 1024
"""SQLite's page cache while a large import writes: each row goes into four indexes, one of
them on a random uid, and with the default 2 MB cache those pages go to disk and back (five
dense years: 4.7 s of inserts with it, 3.8 s with this). Put back after the import."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int
    """Blocks already stored, exactly so."""
    overlapping: tuple[tuple[str, str], ...] = ()
    """Blocks left out because they overlap a stored one (``--skip-overlaps``): place, why."""


def plan(
    db: Connection, named: Sequence[tuple[str, Block]], skip_overlaps: bool = False
) -> tuple[list[Block], ImportResult]:
    """What adding ``named`` would do: the blocks to add, and the counts. Overlapping a
    stored block refuses the import, or with ``skip_overlaps`` leaves the block out."""
    refused: overlaps.Refused | None = {} if skip_overlaps else None
    fresh = _new_blocks(db, named, refused)
    left_out = tuple((named[i][0], why) for i, why in sorted((refused or {}).items()))
    same = len(named) - len(fresh) - len(left_out)
    return fresh, ImportResult(len(fresh), same, left_out)


def add_new(
    db: Connection,
    named: Sequence[tuple[str, Block]],
    backend: str,
    progress: Progress | None = None,
    skip_overlaps: bool = False,
) -> ImportResult:
    """Add the blocks of ``named`` not stored yet, inside the caller's write transaction."""
    fresh, result = plan(db, named, skip_overlaps)
    total = len(fresh)
    # Ids are assigned here, under the write lock, so rows go in as true batches:
    # RETURNING ids in order would cost one statement per block on SQLite.
    next_id = (db.scalar(select(func.max(BLOCKS.c.id))) or 0) + 1
    cache_size = None
    if backend == "sqlite" and total > IMPORT_CHUNK:
        cache_size = db.scalar(text("PRAGMA cache_size"))
        db.execute(text(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
    for offset in range(0, total, IMPORT_CHUNK):
        insert_many(db, fresh[offset : offset + IMPORT_CHUNK], next_id + offset)
        if progress is not None:
            progress(min(offset + IMPORT_CHUNK, total), total)
    if cache_size is not None:  # after a failure the command ends, and its connection too
        db.execute(text(f"PRAGMA cache_size = {int(cache_size)}"))
    if total and backend == "postgresql":
        db.execute(
            text("SELECT setval(pg_get_serial_sequence('blocks', 'id'), :last)"),
            {"last": next_id + total - 1},
        )
    return result


def _new_blocks(
    db: Connection, named: Sequence[tuple[str, Block]], refused: overlaps.Refused | None
) -> list[Block]:
    """The blocks not stored yet (:mod:`tracker.overlaps` decides, from the stored blocks
    around them)."""
    if not named:
        return []
    low = min(b.start for _, b in named)
    high = max(b.end for _, b in named if b.end is not None)
    previous = db.scalar(
        select(func.max(BLOCKS.c.start_utc)).where(
            BLOCKS.c.start_utc < low, BLOCKS.c.device_id.is_(None)
        )
    )
    window_start = previous if previous is not None else low
    stored = [
        overlaps.Span(row.id, row.start_utc, row.end_utc)
        for row in db.execute(
            select(BLOCKS.c.id, BLOCKS.c.start_utc, BLOCKS.c.end_utc)
            .where(BLOCKS.c.start_utc >= window_start, BLOCKS.c.start_utc < high)
            .where(BLOCKS.c.device_id.is_(None))  # an import is this device's
            .order_by(BLOCKS.c.start_utc)
        )
    ]
    twins = overlaps.twins_to_check(named, stored, refused)
    loaded = (
        {b.id: b for b in load(db, select(BLOCKS.c.id).where(BLOCKS.c.id.in_(set(twins.values()))))}
        if twins
        else {}
    )
    found = {k: v for k, v in loaded.items() if k is not None}
    return overlaps.fresh_blocks(named, twins, found, refused)
