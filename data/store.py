"""The store API: tracker objects in, tracker objects out, one transaction per user action.

Every method commits before it returns (so a caller may acknowledge what it wrote) or rolls
back and raises; a failed call leaves the database as it was.
Writes, sync and imports load in the methods that use them: ``status`` and ``report`` never
load them, and the idle tray only the writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from data.database import Database
from data.reading import between, load, running_block
from data.tables import BLOCKS, DEVICES, INTERRUPTIONS, PAUSES
from tracker.days import DayClock
from tracker.errors import TransitionError, ValidationError
from tracker.i18n import _
from tracker.model import Block, CheckIn, Interruption, LoosePress, Pressed, validate_block

if TYPE_CHECKING:
    from data.importing import ImportResult, Progress
    from data.sync import SyncResult, SyncState
    from tracker.settings import ModelParams
    from tracker.team import Lens
    from tracker.undo import Step


class Store(Database):
    """A Flowtally database. Create with :meth:`open`; ``close`` when done."""

    # ------------------------------------------------------------ reading

    def running(self) -> Block | None:
        with self._read() as db:
            return running_block(db)

    def blocks_between(self, start: datetime, end: datetime) -> list[Block]:
        """Blocks sharing any instant with ``[start, end)``, the running one included."""
        with self._read() as db:
            return between(db, start, end)

    def day(self, clock: DayClock, instant: datetime) -> tuple[Block | None, list[Block]]:
        """The running block and the blocks touching the local day of ``instant``: what a
        live status needs."""
        day = clock.day_of(instant)
        blocks = self.blocks_between(clock.midnight(day), clock.midnight(day + timedelta(days=1)))
        running = next((b for b in blocks if b.is_running), None) or self.running()
        return running, blocks

    def all_blocks(self, finished_only: bool = False) -> list[Block]:
        """Every block, oldest first."""
        with self._read() as db:
            ids = select(BLOCKS.c.id)
            if finished_only:
                ids = ids.where(BLOCKS.c.end_utc.is_not(None))
            return load(db, ids)

    def checkins(self) -> list[CheckIn]:
        """Every flow check-in, oldest first."""
        from data.reading import all_checkins

        with self._read() as db:
            return all_checkins(db)

    def count(self) -> tuple[int, int, int]:
        """How many blocks, pauses and interruptions are stored."""
        with self._read() as db:
            return (
                db.scalar(select(func.count()).select_from(BLOCKS)) or 0,
                db.scalar(select(func.count()).select_from(PAUSES)) or 0,
                db.scalar(select(func.count()).select_from(INTERRUPTIONS)) or 0,
            )

    def recent_tasks(self, limit: int = 10) -> list[str]:
        """Task labels, most recently used first."""
        with self._read() as db:
            latest = func.max(BLOCKS.c.start_utc)
            rows = db.execute(
                select(BLOCKS.c.task)
                .where(BLOCKS.c.task.is_not(None))
                .group_by(BLOCKS.c.task)
                .order_by(latest.desc())
                .limit(limit)
            )
            return [task for (task,) in rows]

    # ------------------------------------------------------------ the running block
    # The writes load on first use (:mod:`data.writing`): a command that only reads never
    # pays for them.

    def start(self, at: datetime, zone_name: str, task: str | None = None) -> Block:
        from data import writing

        with self._write() as db:
            return writing.start(db, at, zone_name, task)

    def start_from_press(self, press_id: int, task: str | None = None) -> Block:
        """Start a block at a loose press, which becomes its interruption going on (the
        press said the person was being interrupted)."""
        from data import writing

        with self._write() as db:
            return writing.start_from_press(db, press_id, task)

    def pause(self, at: datetime, zone_name: str) -> Block:
        from data import writing

        with self._write() as db:
            return writing.pause(db, at, zone_name)

    def resume(self, at: datetime) -> Block:
        from data import writing

        with self._write() as db:
            return writing.resume(db, at)

    def stop(self, at: datetime) -> Block:
        from data import writing

        with self._write() as db:
            return writing.stop(db, at)

    def back(self, at: datetime) -> Block:
        """ "I'm back": the running block's interruption going on ends at ``at``."""
        from data import writing

        with self._write() as db:
            return writing.back(db, at)

    def interrupt(self, interruption: Interruption) -> Interruption:
        """Log an interruption in the running block, or (backfilling, ``interrupt --at``) in
        the finished block that holds its instant; committed when this returns."""
        from data import presses, writing

        with self._write() as db:
            return presses.interrupt(db, interruption, writing.done())

    def press(self, interruption: Interruption) -> Pressed:
        """A hotkey press: ``interruption`` going on, nothing new while one is, or a loose
        press while no block runs (:mod:`data.presses`); committed when this returns."""
        from data import presses, writing

        with self._write() as db:
            return presses.press(db, interruption, writing.done())

    def loose_presses(self) -> list[LoosePress]:
        from data import presses

        with self._read() as db:
            return presses.loose_presses(db)

    def add(self, block: Block) -> Block:
        """A finished block, backfilled (undone by removing it)."""
        from data import writing

        with self._write() as db:
            return writing.add(db, block)

    def last_step(self) -> Step | None:
        """The action ``undo`` would take back."""
        from data import undo_log

        with self._read() as db:
            return undo_log.latest(db)

    def undo(self) -> Step:
        """Take back the last tracking action. One that no longer applies (its block was
        edited away, or a block made since is in the way) is dropped after saying so, so the
        next undo reaches the one before."""
        from data import undo_log

        try:
            with self._write() as db:
                return undo_log.undo_latest(db)
        except TransitionError:
            with self._write() as db:
                undo_log.drop_latest(db)
            raise

    def check_in(
        self, at: datetime, answer: int | None, zone_name: str, params: ModelParams
    ) -> CheckIn:
        """Keep a flow check-in about ``at`` (``answer`` ``None``: skipped) with its block."""
        from data import writing

        with self._write() as db:
            return writing.check_in(db, at, answer, zone_name, params)

    def holds(self, interruption: Interruption) -> bool:
        """Whether an interruption equal to this one (same instant, end, kind, source and note)
        is stored: a press replayed from the journal after a crash may be stored already."""
        from data import presses

        with self._read() as db:
            return presses.holds(db, interruption)

    def update(self, block_id: int, change: Callable[[Block], Block]) -> Block:
        """Apply a pure ``change`` to a stored block in one transaction (read, change, check,
        write), so no other writer can slip in between; the result must obey the model and
        overlap no other block."""
        from data.checked import update_block

        with self._write() as db:
            return update_block(db, block_id, change)

    def update_holding(self, interruption_id: int, change: Callable[[Block], Block]) -> Block:
        """:meth:`update` the block that holds an interruption, running or already stopped
        (a tag chosen in the popup after the block was stopped still belongs there)."""
        from data import writing

        with self._write() as db:
            return writing.update_holding(db, interruption_id, change)

    def change(self, before: Block | None, after: Block | None) -> Block | None:
        """Apply one history edit in one transaction: add ``after`` (no ``before``), delete
        ``before`` (no ``after``), or replace ``before`` with ``after``.

        ``before`` must still be what is stored (compared as records, ignoring ids), so an
        edit made on a stale screen, or an undo after the tray changed the block, is refused
        instead of silently discarding the newer change. Returns the stored ``after``.
        """
        from data import writing

        with self._write() as db:
            return writing.change(db, before, after)

    def heartbeat(self, at: datetime) -> bool:
        """Record that the app is alive while a block runs; false when none runs."""
        from data.rows import beat

        with self._write() as db:
            return beat(db, at)

    def last_heartbeat(self) -> datetime | None:
        """The running block's last heartbeat (``None`` without one or without a block)."""
        with self._read() as db:
            value: datetime | None = db.scalar(
                select(BLOCKS.c.heartbeat_utc).where(BLOCKS.c.running.is_(True))
            )
            return value

    # ------------------------------------------------------------ sync

    def sync(
        self,
        url: str,
        device_name: str | None = None,
        person_name: str | None = None,
        lens: Lens | None = None,
    ) -> SyncResult:
        """Push this device's changes to the PostgreSQL target ``url`` and pull the same
        person's changes from their other devices (:mod:`data.sync`); on a team's database,
        also count the days that changed with ``lens`` (:mod:`data.team`)."""
        with self._errors():
            from data import sync as syncing

            return syncing.sync(self.engine, url, self._writer, device_name, person_name, lens)

    def rename_device(self, name: str) -> None:
        """What the person's other devices are to call this one (sent at the next sync)."""
        with self._write() as db:
            from data import sync as syncing

            syncing.rename(db, name)

    def history_mark(self) -> tuple[int, ...]:
        """A mark that changes whenever a finished block changes, comes, or goes (here, from
        another process, or by sync), and not with the running block or its heartbeat: what a
        cache of settled weeks checks before it is trusted again."""
        from data import revisions

        with self._read() as db:
            return revisions.history_mark(db)

    def sync_team(self) -> str | None:
        """The team whose database the sync target is, as the last sync found."""
        with self._read() as db:
            team: str | None = db.scalar(select(DEVICES.c.team))
            return team

    def sync_state(self) -> SyncState:
        with self._read() as db:
            from data import sync as syncing

            return syncing.state(db)

    def device_names(self) -> dict[str | None, str]:
        """This device (``None``) and the person's others that sync has named, by id."""
        with self._read() as db:
            from data import sync as syncing

            return syncing.device_names(db)

    # ------------------------------------------------------------ import

    def import_blocks(
        self,
        blocks: Sequence[Block],
        labels: Sequence[str] | None = None,
        progress: Progress | None = None,
        skip_overlaps: bool = False,
        dry_run: bool = False,
    ) -> ImportResult:
        """Add finished blocks, all or nothing. A block identical to a stored one is skipped
        (so importing a file twice adds nothing); one that overlaps any other stored block
        rejects the whole import, named by ``labels[i]``, or with ``skip_overlaps`` is left
        out and named in the result. ``dry_run``: the result, and nothing written."""
        names = list(labels) if labels is not None else [f"blocks[{i}]" for i in range(len(blocks))]
        for name, block in zip(names, blocks, strict=True):
            if block.end is None:
                raise ValidationError(name, _("only finished blocks can be imported"))
            try:
                validate_block(block)
            except ValidationError as exc:
                raise exc.within(name) from None
        # The store keeps its own promise, whoever calls it: no two blocks overlap.
        from tracker import overlaps

        named = list(zip(names, blocks, strict=True))
        overlaps.check_no_overlaps(named)
        from data.importing import add_new, plan

        if dry_run:
            with self._read() as db:
                return plan(db, named, skip_overlaps)[1]
        with self._write() as db:
            backend = self.url.get_backend_name()
            return add_new(db, named, backend, progress, skip_overlaps)
