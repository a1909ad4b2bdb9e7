"""The tables, as plain SQLAlchemy Core tables. Every timestamp is UTC (``*_utc``) next to the
IANA zone it was recorded in.

The store writes and reads with plain statements: reports and imports move thousands of rows,
and the ORM (its unit of work, its sessions, its declarative classes) would cost more than it
gives, in time and in the tray's memory, where it alone took about 6 MB (#27).
"""

import uuid

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import true as sa_true

from data.columns import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
METADATA = MetaData(naming_convention=NAMING)


def new_uid() -> str:
    """A row's global id: the same row on every device that syncs it."""
    return str(uuid.uuid4())


def _block_id() -> Column[int]:
    """A pause's or an interruption's block: deleting the block deletes them."""
    return Column(
        "block_id", Integer, ForeignKey("blocks.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _uid() -> Column[str]:
    return Column("uid", String(36), nullable=True, unique=True, index=True, default=new_uid)


BLOCKS = Table(
    "blocks",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("start_utc", UTCDateTime, nullable=False, index=True),
    Column("end_utc", UTCDateTime),
    Column("running", Boolean, unique=True),
    Column("task", String(2000)),
    Column("timezone", String(64), nullable=False),
    Column("heartbeat_utc", UTCDateTime),
    _uid(),
    Column("device_id", String(36)),
    Column("revision", BigInteger, nullable=False, default=1, server_default="1"),
    Column("revised_by", String(36)),
    Column("dirty", Boolean, nullable=False, default=True, server_default=sa_true()),
    Column(
        "interruptions_recorded", Boolean, nullable=False, default=True, server_default=sa_true()
    ),
    Column("imported_from", String(16)),
    CheckConstraint("end_utc IS NULL OR end_utc > start_utc", name="ends_after_start"),
    CheckConstraint("(end_utc IS NULL) = (running IS NOT NULL)", name="running_iff_open"),
)
"""A focus block. ``running`` is true while it runs and NULL after: its unique constraint lets
the database itself refuse a second running block. ``heartbeat_utc``: when the tray app last
confirmed, while the block ran, that it was alive. ``device_id``: the device the block was
made on (NULL: this one). ``revision`` is a Lamport clock over the whole block (its pauses and
interruptions too): of two versions of a block the higher ``(revision, revised_by)`` wins, on
every device; ``revised_by`` is the device that made it (NULL: this one). ``dirty``: changed
here since sync last pushed it. ``interruptions_recorded``: false for a session from a
tool that keeps none (``model.md``: its minutes count as tracked and unrecorded only).
``imported_from``: the tool an imported block came from (NULL: recorded here)."""

PAUSES = Table(
    "pauses",
    METADATA,
    Column("id", Integer, primary_key=True),
    _block_id(),
    Column("start_utc", UTCDateTime, nullable=False),
    Column("end_utc", UTCDateTime),
    Column("timezone", String(64), nullable=False),
    _uid(),
)
"""A pause; ``end_utc`` is NULL only while the block is paused."""

INTERRUPTIONS = Table(
    "interruptions",
    METADATA,
    Column("id", Integer, primary_key=True),
    _block_id(),
    Column("at_utc", UTCDateTime, nullable=False),
    Column("end_utc", UTCDateTime),
    Column("kind", String(16), nullable=False),
    Column("source", String(40), nullable=False),
    Column("note", Text),
    Column("timezone", String(64), nullable=False),
    Column("ongoing", Boolean),
    _uid(),
    CheckConstraint("kind IN ('internal', 'external')", name="kind_known"),
    CheckConstraint("end_utc IS NULL OR end_utc >= at_utc", name="ends_after_at"),
    CheckConstraint("ongoing IS NULL OR end_utc IS NULL", name="ongoing_has_no_end"),
    UniqueConstraint("block_id", "ongoing", name="uq_interruptions_ongoing"),
    Index("ix_interruptions_at_utc", "at_utc"),
)
"""An interruption at ``at_utc``, lasting until ``end_utc`` when that is set. ``ongoing`` is
true while the person is still interrupted and NULL otherwise: the unique constraint on it and
the block lets the database itself refuse a second one going on in a block."""

CHECKINS = Table(
    "checkins",
    METADATA,
    Column("id", Integer, primary_key=True),
    _block_id(),
    Column("at_utc", UTCDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("answer", SmallInteger),
    Column("stretch_min", Float, nullable=False),
    Column("phase", String(8), nullable=False),
    CheckConstraint("answer IS NULL OR answer BETWEEN 1 AND 5", name="answer_on_scale"),
    CheckConstraint("phase IN ('ramp-up', 'deep', 'flow')", name="phase_known"),
)
"""A flow check-in about the moment ``at_utc`` of its block: the answer (1 to 5; NULL when
skipped), and the stretch's age and the phase the model gave then (:class:`CheckIn`). No uid:
a check-in travels inside its block's document, and goes where the block goes."""

LOOSE_PRESSES = Table(
    "loose_presses",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("at_utc", UTCDateTime, nullable=False, index=True),
    Column("timezone", String(64), nullable=False),
)
"""A hotkey press made while no block ran: kept until the user starts a block from it (or
discards it), never thrown away."""

UNDO_STEPS = Table(
    "undo_steps",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("action", String(16), nullable=False),
    Column("done_utc", UTCDateTime, nullable=False),
    Column("at_utc", UTCDateTime, nullable=False),
    Column("block_id", Integer),
    Column("item_id", Integer),
    Column("before", Text),
)
"""One tracking action, as ``flowtally undo`` takes it back: what it was, when it was done,
the block (and the interruption or loose press) it made, and the block as it was before when
undoing means restoring it (``before`` is JSON; see :mod:`data.undo_log`)."""

DEVICES = Table(
    "devices",
    METADATA,
    Column("device_id", String(36), primary_key=True),
    Column("person_id", String(36), nullable=False),
    Column("clock", BigInteger, nullable=False),
    Column("target", String(400)),
    Column("pulled_seq", BigInteger, nullable=False),
    Column("synced_utc", UTCDateTime),
    Column("sync_problem", Text),
    Column("name", String(200), nullable=False),
    Column("team", String(200)),
    Column("syncs", BigInteger),
)
"""This installation, in one row: its id, the person it belongs to, its Lamport clock, and
where sync stands with its target (which server, the last change pulled, when, and why the
last attempt failed). ``name``: what the person's other devices call this one (the host
name). ``team``: the team whose database the target is (NULL: the person's own, or no
target). ``syncs``: how many syncs with the target the target has counted for this device
(NULL: none yet); :mod:`data.sync_identity`."""

PEERS = Table(
    "peers",
    METADATA,
    Column("device_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
)
"""The name of another of the person's devices, as sync last heard it."""

TOMBSTONES = Table(
    "tombstones",
    METADATA,
    Column("uid", String(36), primary_key=True),
    Column("device_id", String(36)),
    Column("revision", BigInteger, nullable=False),
    Column("revised_by", String(36)),
    Column("dirty", Boolean, nullable=False),
)
"""A deleted block, remembered with its last revision so the deletion syncs (and wins over
older versions of the block) like any change."""
