"""The store API: tracker objects in, tracker objects out, one transaction per user action.

Every method commits before it returns (so a caller may acknowledge what it wrote) or rolls
back and raises; a failed call leaves the database as it was.
"""

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, Select, Table, and_, delete, func, insert, or_, select, text
from sqlalchemy.engine import URL, CursorResult
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from data import engine as engines
from data.errors import DatabaseBusy, StoreError
from data.models import BlockRow, InterruptionRow, PauseRow
from data.schema import ensure_schema
from tracker import running
from tracker.days import DayClock
from tracker.errors import TransitionError, ValidationError
from tracker.interchange import Record, check_no_overlaps
from tracker.model import Block, Interruption, Pause, validate_block
from tracker.types import Kind

BLOCKS = cast(Table, BlockRow.__table__)
PAUSES = cast(Table, PauseRow.__table__)
INTERRUPTIONS = cast(Table, InterruptionRow.__table__)
IMPORT_CHUNK = 1000
_PG_WRITE_LOCK = 0x466C6F77  # serialises writers on PostgreSQL, as BEGIN IMMEDIATE does on SQLite

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int


class Store:
    """A Flowtally database. Create with :meth:`open`; ``close`` when done."""

    def __init__(self, engine: Engine, busy_timeout_ms: int = engines.BUSY_TIMEOUT_MS) -> None:
        self.engine = engine
        self.busy_timeout_ms = busy_timeout_ms
        self.url: URL = engine.url
        self._writer = engine.execution_options(**{engines.WRITE_OPTION: True})

    @classmethod
    def open(
        cls, url: str | None = None, busy_timeout_ms: int = engines.BUSY_TIMEOUT_MS
    ) -> "Store":
        """Open (creating and migrating as needed) the database at ``url``, or the default
        SQLite file in the user data directory. A write waits ``busy_timeout_ms`` for another
        program's lock before it gives up (the tray's worker waits briefly and retries)."""
        target = (
            engines.normalise_url(url)
            if url
            else URL.create("sqlite", database=str(engines.default_database_path()))
        )
        engine = engines.create(target, busy_timeout_ms)
        store = cls(engine, busy_timeout_ms)
        try:
            with store._errors():
                ensure_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def description(self) -> str:
        return engines.describe(self.url)

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn driver errors into messages a user can act on."""
        try:
            yield
        except IntegrityError as exc:
            if "running" in str(exc.orig):
                raise TransitionError("a focus block is already running; stop it first") from None
            raise StoreError(f"the database refused the change: {exc.orig}") from None
        except OperationalError as exc:
            message = str(exc.orig)
            if "locked" in message or "busy" in message:
                raise DatabaseBusy(self.busy_timeout_ms / 1000) from None
            raise StoreError(f"cannot use the database {self.description}: {message}") from None
        except DatabaseError as exc:
            raise StoreError(
                f"the database {self.description} is damaged or not a Flowtally database "
                f"({exc.orig}); it was left untouched"
            ) from None

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with (
            self._errors(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            if self.url.get_backend_name() == "postgresql":
                session.execute(text(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})"))
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._errors(), Session(self.engine) as session, session.begin():
            yield session

    # ------------------------------------------------------------ reading

    def running(self) -> Block | None:
        with self._read() as session:
            return _running(session)

    def blocks_between(self, start: datetime, end: datetime) -> list[Block]:
        """Blocks sharing any instant with ``[start, end)``, the running one included."""
        with self._read() as session:
            previous = session.scalar(
                select(BLOCKS.c.id)
                .where(BLOCKS.c.start_utc < start)
                .order_by(BLOCKS.c.start_utc.desc())
                .limit(1)
            )
            inside = and_(BLOCKS.c.start_utc >= start, BLOCKS.c.start_utc < end)
            reaching_in = and_(
                BLOCKS.c.id == previous,
                or_(BLOCKS.c.end_utc.is_(None), BLOCKS.c.end_utc > start),
            )
            condition = inside if previous is None else or_(inside, reaching_in)
            return _load(session, select(BLOCKS.c.id).where(condition))

    def day(self, clock: DayClock, instant: datetime) -> tuple[Block | None, list[Block]]:
        """The running block and the blocks touching the local day of ``instant``: what a
        live status needs."""
        day = clock.day_of(instant)
        blocks = self.blocks_between(clock.midnight(day), clock.midnight(day + timedelta(days=1)))
        running = next((b for b in blocks if b.is_running), None) or self.running()
        return running, blocks

    def all_blocks(self, finished_only: bool = False) -> list[Block]:
        """Every block, oldest first."""
        with self._read() as session:
            ids = select(BLOCKS.c.id)
            if finished_only:
                ids = ids.where(BLOCKS.c.end_utc.is_not(None))
            return _load(session, ids)

    def count(self) -> tuple[int, int, int]:
        """How many blocks, pauses and interruptions are stored."""
        with self._read() as session:
            return (
                session.scalar(select(func.count()).select_from(BLOCKS)) or 0,
                session.scalar(select(func.count()).select_from(PAUSES)) or 0,
                session.scalar(select(func.count()).select_from(INTERRUPTIONS)) or 0,
            )

    def recent_tasks(self, limit: int = 10) -> list[str]:
        """Task labels, most recently used first."""
        with self._read() as session:
            latest = func.max(BLOCKS.c.start_utc)
            rows = session.execute(
                select(BLOCKS.c.task)
                .where(BLOCKS.c.task.is_not(None))
                .group_by(BLOCKS.c.task)
                .order_by(latest.desc())
                .limit(limit)
            )
            return [task for (task,) in rows]

    # ------------------------------------------------------------ the running block

    def start(self, at: datetime, zone_name: str, task: str | None = None) -> Block:
        with self._write() as session:
            block = running.start(_running(session), at, zone_name, task)
            later = session.scalar(select(BLOCKS.c.end_utc).where(BLOCKS.c.end_utc > at).limit(1))
            if later is not None:
                raise TransitionError(
                    "that start overlaps a stored block (it ended later); blocks cannot overlap"
                )
            return _save(session, block)

    def pause(self, at: datetime, zone_name: str) -> Block:
        with self._write() as session:
            return _save(session, running.pause(_running(session), at, zone_name))

    def resume(self, at: datetime) -> Block:
        with self._write() as session:
            return _save(session, running.resume(_running(session), at))

    def stop(self, at: datetime) -> Block:
        with self._write() as session:
            return _save(session, running.stop(_running(session), at))

    def interrupt(self, interruption: Interruption) -> Interruption:
        """Log an interruption in the running block; committed when this returns.

        The hot path of the hotkey: one small read and one insert. The checks are
        :func:`tracker.running.interrupt`'s, made against a shell of the running block (its
        start is all they need: an interruption may fall in a pause or another interruption).
        """
        with self._write() as session:
            row = session.execute(
                select(BLOCKS.c.id, BLOCKS.c.start_utc, BLOCKS.c.timezone).where(
                    BLOCKS.c.running.is_(True)
                )
            ).first()
            shell = Block(row.start_utc, timezone=row.timezone) if row is not None else None
            running.interrupt(shell, interruption)
            assert row is not None
            new_id = session.scalar(
                insert(INTERRUPTIONS)
                .values(
                    block_id=row.id,
                    at_utc=interruption.at,
                    end_utc=interruption.end,
                    kind=interruption.kind.value,
                    source=interruption.source,
                    note=interruption.note,
                    timezone=interruption.timezone,
                )
                .returning(INTERRUPTIONS.c.id)
            )
            return replace(interruption, id=new_id)

    def holds(self, interruption: Interruption) -> bool:
        """Whether an interruption equal to this one (same instant, end, kind, source and note)
        is stored: a press replayed from the journal after a crash may be stored already."""
        with self._read() as session:
            found = session.scalar(
                select(INTERRUPTIONS.c.id)
                .where(
                    INTERRUPTIONS.c.at_utc == interruption.at,
                    INTERRUPTIONS.c.kind == interruption.kind.value,
                    INTERRUPTIONS.c.source == interruption.source,
                )
                .where(
                    INTERRUPTIONS.c.end_utc.is_(None)
                    if interruption.end is None
                    else INTERRUPTIONS.c.end_utc == interruption.end
                )
                .where(
                    INTERRUPTIONS.c.note.is_(None)
                    if interruption.note is None
                    else INTERRUPTIONS.c.note == interruption.note
                )
                .limit(1)
            )
            return found is not None

    def update(self, block_id: int, change: Callable[[Block], Block]) -> Block:
        """Apply a pure ``change`` to a stored block in one transaction (read, change, check,
        write), so no other writer can slip in between; the result must obey the model and
        overlap no other block."""
        with self._write() as session:
            return _update(session, block_id, change)

    def update_holding(self, interruption_id: int, change: Callable[[Block], Block]) -> Block:
        """:meth:`update` the block that holds an interruption, running or already stopped
        (a tag chosen in the popup after the block was stopped still belongs there)."""
        with self._write() as session:
            block_id = session.scalar(
                select(INTERRUPTIONS.c.block_id).where(INTERRUPTIONS.c.id == interruption_id)
            )
            if block_id is None:
                raise TransitionError("that interruption no longer exists")
            return _update(session, block_id, change)

    def change(self, before: Block | None, after: Block | None) -> Block | None:
        """Apply one history edit in one transaction: add ``after`` (no ``before``), delete
        ``before`` (no ``after``), or replace ``before`` with ``after``.

        ``before`` must still be what is stored (compared as records, ignoring ids), so an
        edit made on a stale screen, or an undo after the tray changed the block, is refused
        instead of silently discarding the newer change. Returns the stored ``after``.
        """
        with self._write() as session:
            if before is not None:
                stored = (
                    _load(session, select(BLOCKS.c.id).where(BLOCKS.c.id == before.id))
                    if before.id is not None
                    else []
                )
                if not stored or stored[0] != before:
                    raise TransitionError(
                        "that block was changed or removed meanwhile; look again and retry"
                    )
                if after is None:
                    session.execute(delete(BLOCKS).where(BLOCKS.c.id == before.id))
                    return None
                return _check_and_save(session, replace(after, id=before.id))
            if after is None:
                return None
            return _check_and_save(session, replace(after, id=None))

    def heartbeat(self, at: datetime) -> bool:
        """Record that the app is alive while a block runs; false when none runs."""
        with self._write() as session:
            result = cast(
                CursorResult[Any],
                session.execute(
                    BLOCKS.update().where(BLOCKS.c.running.is_(True)).values(heartbeat_utc=at)
                ),
            )
            return bool(result.rowcount)

    def last_heartbeat(self) -> datetime | None:
        """The running block's last heartbeat (``None`` without one or without a block)."""
        with self._read() as session:
            value: datetime | None = session.scalar(
                select(BLOCKS.c.heartbeat_utc).where(BLOCKS.c.running.is_(True))
            )
            return value

    # ------------------------------------------------------------ import

    def import_blocks(
        self,
        blocks: Sequence[Block],
        labels: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Add finished blocks, all or nothing. A block identical to a stored one is skipped
        (so importing a file twice adds nothing); one that overlaps any other stored block
        rejects the whole import, named by ``labels[i]``."""
        names = list(labels) if labels is not None else [f"blocks[{i}]" for i in range(len(blocks))]
        for name, block in zip(names, blocks, strict=True):
            if block.end is None:
                raise ValidationError(name, "only finished blocks can be imported")
            try:
                validate_block(block)
            except ValidationError as exc:
                raise exc.within(name) from None
        # The store keeps its own promise, whoever calls it: no two blocks overlap.
        check_no_overlaps([Record(name, block) for name, block in zip(names, blocks, strict=True)])
        with self._write() as session:
            fresh = _new_blocks(session, blocks, names)
            total = len(fresh)
            # Ids are assigned here, under the write lock, so rows go in as true batches:
            # RETURNING ids in order would cost one statement per block on SQLite.
            next_id = (session.scalar(select(func.max(BLOCKS.c.id))) or 0) + 1
            for offset in range(0, total, IMPORT_CHUNK):
                _insert_many(session, fresh[offset : offset + IMPORT_CHUNK], next_id + offset)
                if progress is not None:
                    progress(min(offset + IMPORT_CHUNK, total), total)
            if total and self.url.get_backend_name() == "postgresql":
                session.execute(
                    text("SELECT setval(pg_get_serial_sequence('blocks', 'id'), :last)"),
                    {"last": next_id + total - 1},
                )
            return ImportResult(added=total, skipped=len(blocks) - total)


# ---------------------------------------------------------------- helpers


def _running(session: Session) -> Block | None:
    blocks = _load(session, select(BLOCKS.c.id).where(BLOCKS.c.running.is_(True)))
    return blocks[0] if blocks else None


def _load(session: Session, ids: Select[Any]) -> list[Block]:
    """Blocks whose ids ``ids`` selects, with their pauses and interruptions, oldest first.

    Three plain queries instead of ORM loading: reports read thousands of rows at a time.
    """
    id_query = ids.subquery()
    block_rows = session.execute(
        select(BLOCKS).where(BLOCKS.c.id.in_(select(id_query))).order_by(BLOCKS.c.start_utc)
    ).all()
    pauses: dict[int, list[Pause]] = {}
    for row in session.execute(select(PAUSES).where(PAUSES.c.block_id.in_(select(id_query)))):
        pauses.setdefault(row.block_id, []).append(_pause(row))
    interruptions: dict[int, list[Interruption]] = {}
    for row in session.execute(
        select(INTERRUPTIONS).where(INTERRUPTIONS.c.block_id.in_(select(id_query)))
    ):
        interruptions.setdefault(row.block_id, []).append(_interruption(row))
    return [
        _block(row, pauses.get(row.id, ()), interruptions.get(row.id, ())) for row in block_rows
    ]


# Rows from Core queries and ORM objects share column names, so one conversion serves both.


def _pause(row: Any) -> Pause:
    return Pause(row.start_utc, row.end_utc, row.timezone, row.id)


def _interruption(row: Any) -> Interruption:
    return Interruption(
        row.at_utc, row.end_utc, Kind(row.kind), row.source, row.note, row.timezone, row.id
    )


def _block(row: Any, pauses: Iterable[Pause], interruptions: Iterable[Interruption]) -> Block:
    return Block(
        row.start_utc,
        row.end_utc,
        row.task,
        tuple(pauses),
        tuple(interruptions),
        row.timezone,
        row.id,
    )


def _update(session: Session, block_id: int, change: Callable[[Block], Block]) -> Block:
    current = _load(session, select(BLOCKS.c.id).where(BLOCKS.c.id == block_id))
    if not current:
        raise TransitionError("that block no longer exists")
    return _check_and_save(session, replace(change(current[0]), id=block_id))


def _check_and_save(session: Session, block: Block) -> Block:
    """Save ``block`` (new without an id) if it obeys the model and overlaps no other block."""
    try:
        validate_block(block)
    except ValidationError as exc:
        raise TransitionError(str(exc)) from None
    others = select(BLOCKS.c.start_utc).where(
        or_(BLOCKS.c.end_utc.is_(None), BLOCKS.c.end_utc > block.start)
    )
    if block.id is not None:
        others = others.where(BLOCKS.c.id != block.id)
    if block.end is not None:
        others = others.where(BLOCKS.c.start_utc < block.end)
    if session.scalar(others.limit(1)) is not None:
        raise TransitionError("the block would overlap another block")
    return _save(session, block)


def _save(session: Session, block: Block) -> Block:
    """Write ``block`` (new when it has no id) with exactly its pauses and interruptions."""
    row = session.get(BlockRow, block.id) if block.id is not None else None
    if row is None:
        row = BlockRow()
        session.add(row)
    row.start_utc = block.start
    row.end_utc = block.end
    row.running = True if block.end is None else None
    row.task = block.task
    row.timezone = block.timezone

    pause_rows = {p.id: p for p in row.pauses}
    row.pauses = [
        _fill_pause(pause_rows.get(p.id) if p.id is not None else None, p) for p in block.pauses
    ]
    interruption_rows = {i.id: i for i in row.interruptions}
    row.interruptions = [
        _fill_interruption(interruption_rows.get(i.id) if i.id is not None else None, i)
        for i in block.interruptions
    ]
    session.flush()
    return _block(row, map(_pause, row.pauses), map(_interruption, row.interruptions))


def _fill_pause(row: PauseRow | None, pause: Pause) -> PauseRow:
    row = row or PauseRow()
    row.start_utc, row.end_utc, row.timezone = pause.start, pause.end, pause.timezone
    return row


def _fill_interruption(row: InterruptionRow | None, interruption: Interruption) -> InterruptionRow:
    row = row or InterruptionRow()
    row.at_utc = interruption.at
    row.end_utc = interruption.end
    row.kind = interruption.kind.value
    row.source = interruption.source
    row.note = interruption.note
    row.timezone = interruption.timezone
    return row


def _new_blocks(session: Session, blocks: Sequence[Block], names: list[str]) -> list[Block]:
    """The blocks not stored yet; raises if one overlaps a stored block it is not identical to."""
    if not blocks:
        return []
    low = min(b.start for b in blocks)
    high = max(b.end for b in blocks if b.end is not None)
    previous = session.scalar(select(func.max(BLOCKS.c.start_utc)).where(BLOCKS.c.start_utc < low))
    window_start = previous if previous is not None else low
    stored_rows = session.execute(
        select(BLOCKS.c.id, BLOCKS.c.start_utc, BLOCKS.c.end_utc)
        .where(BLOCKS.c.start_utc >= window_start, BLOCKS.c.start_utc < high)
        .order_by(BLOCKS.c.start_utc)
    ).all()
    starts = [row.start_utc for row in stored_rows]
    candidates: dict[int, int] = {}
    for index, block in enumerate(blocks):
        assert block.end is not None
        position = bisect.bisect_left(starts, block.end)
        hits = []
        while position > 0:
            row = stored_rows[position - 1]
            if row.end_utc is not None and row.end_utc <= block.start:
                break
            hits.append(row)
            position -= 1
        if not hits:
            continue
        if len(hits) > 1 or hits[0].end_utc is None:
            raise ValidationError(names[index], _overlap_reason(hits[0].start_utc, hits[0].end_utc))
        candidates[index] = hits[0].id
    stored = (
        {
            b.id: b
            for b in _load(
                session, select(BLOCKS.c.id).where(BLOCKS.c.id.in_(set(candidates.values())))
            )
        }
        if candidates
        else {}
    )
    fresh = []
    for index, block in enumerate(blocks):
        if index not in candidates:
            fresh.append(block)
            continue
        twin = stored[candidates[index]]
        if twin != block:
            raise ValidationError(names[index], _overlap_reason(twin.start, twin.end))
    return fresh


def _overlap_reason(start: datetime, end: datetime | None) -> str:
    if end is None:
        return f"overlaps the running block (started {start.isoformat()})"
    return f"overlaps the stored block {start.isoformat()} to {end.isoformat()}"


def _insert_many(session: Session, blocks: Sequence[Block], first_id: int) -> None:
    ids = range(first_id, first_id + len(blocks))
    session.execute(
        insert(BLOCKS),
        [
            {
                "id": block_id,
                "start_utc": b.start,
                "end_utc": b.end,
                "running": None,
                "task": b.task,
                "timezone": b.timezone,
            }
            for block_id, b in zip(ids, blocks, strict=True)
        ],
    )
    pause_rows = [
        {"block_id": block_id, "start_utc": p.start, "end_utc": p.end, "timezone": b.timezone}
        for block_id, b in zip(ids, blocks, strict=True)
        for p in b.pauses
    ]
    interruption_rows = [
        {
            "block_id": block_id,
            "at_utc": i.at,
            "end_utc": i.end,
            "kind": i.kind.value,
            "source": i.source,
            "note": i.note,
            "timezone": b.timezone,
        }
        for block_id, b in zip(ids, blocks, strict=True)
        for i in b.interruptions
    ]
    if pause_rows:
        session.execute(insert(PAUSES), pause_rows)
    if interruption_rows:
        session.execute(insert(INTERRUPTIONS), interruption_rows)
