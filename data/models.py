"""The tables. Every timestamp is UTC (``*_utc``) next to the IANA zone it was recorded in."""

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import true as sa_true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from data.columns import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_uid() -> str:
    """A row's global id: the same row on every device that syncs it."""
    return str(uuid.uuid4())


class BlockRow(Base):
    """A focus block. ``running`` is true while it runs and NULL after: its unique constraint
    lets the database itself refuse a second running block."""

    __tablename__ = "blocks"
    __table_args__ = (
        CheckConstraint("end_utc IS NULL OR end_utc > start_utc", name="ends_after_start"),
        CheckConstraint("(end_utc IS NULL) = (running IS NOT NULL)", name="running_iff_open"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    running: Mapped[bool | None] = mapped_column(unique=True)
    task: Mapped[str | None] = mapped_column(String(2000))
    timezone: Mapped[str] = mapped_column(String(64))
    heartbeat_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the tray app last confirmed, while the block ran, that it was alive."""
    uid: Mapped[str] = mapped_column(
        String(36), nullable=True, unique=True, index=True, default=new_uid
    )
    device_id: Mapped[str | None] = mapped_column(String(36))
    """The device the block was made on; NULL: this one."""
    revision: Mapped[int] = mapped_column(BigInteger, default=1, server_default="1")
    """A Lamport clock over the whole block (its pauses and interruptions too): of two
    versions of a block the higher ``(revision, revised_by)`` wins, on every device."""
    revised_by: Mapped[str | None] = mapped_column(String(36))
    """The device that made this revision; NULL: this one."""
    dirty: Mapped[bool] = mapped_column(default=True, server_default=sa_true())
    """Changed here since sync last pushed it."""

    pauses: Mapped[list["PauseRow"]] = relationship(
        back_populates="block", cascade="all, delete-orphan", order_by="PauseRow.start_utc"
    )
    interruptions: Mapped[list["InterruptionRow"]] = relationship(
        back_populates="block", cascade="all, delete-orphan", order_by="InterruptionRow.at_utc"
    )


class PauseRow(Base):
    """A pause; ``end_utc`` is NULL only while the block is paused."""

    __tablename__ = "pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("blocks.id", ondelete="CASCADE"), index=True)
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64))
    uid: Mapped[str] = mapped_column(
        String(36), nullable=True, unique=True, index=True, default=new_uid
    )

    block: Mapped[BlockRow] = relationship(back_populates="pauses")


class InterruptionRow(Base):
    """An interruption at ``at_utc``, lasting until ``end_utc`` when that is set. ``ongoing``
    is true while the person is still interrupted and NULL otherwise: the unique constraint on
    it and the block lets the database itself refuse a second one going on in a block."""

    __tablename__ = "interruptions"
    __table_args__ = (
        CheckConstraint("kind IN ('internal', 'external')", name="kind_known"),
        CheckConstraint("end_utc IS NULL OR end_utc >= at_utc", name="ends_after_at"),
        CheckConstraint("ongoing IS NULL OR end_utc IS NULL", name="ongoing_has_no_end"),
        UniqueConstraint("block_id", "ongoing", name="uq_interruptions_ongoing"),
        Index("ix_interruptions_at_utc", "at_utc"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("blocks.id", ondelete="CASCADE"), index=True)
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    ongoing: Mapped[bool | None] = mapped_column()
    uid: Mapped[str] = mapped_column(
        String(36), nullable=True, unique=True, index=True, default=new_uid
    )

    block: Mapped[BlockRow] = relationship(back_populates="interruptions")


class LoosePressRow(Base):
    """A hotkey press made while no block ran: kept until the user starts a block from it
    (or discards it), never thrown away."""

    __tablename__ = "loose_presses"

    id: Mapped[int] = mapped_column(primary_key=True)
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    timezone: Mapped[str] = mapped_column(String(64))


class UndoStepRow(Base):
    """One tracking action, as ``flowtally undo`` takes it back: what it was, when it was
    done, the block (and the interruption or loose press) it made, and the block as it was
    before when undoing means restoring it (``before`` is JSON; see :mod:`data.undo_log`)."""

    __tablename__ = "undo_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    done_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    block_id: Mapped[int | None] = mapped_column()
    item_id: Mapped[int | None] = mapped_column()
    before: Mapped[str | None] = mapped_column(Text)


class DeviceRow(Base):
    """This installation, in one row: its id, the person it belongs to, its Lamport clock,
    and where sync stands with its target (which server, the last change pulled, when, and
    why the last attempt failed)."""

    __tablename__ = "devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36))
    clock: Mapped[int] = mapped_column(BigInteger)
    target: Mapped[str | None] = mapped_column(String(400))
    pulled_seq: Mapped[int] = mapped_column(BigInteger)
    synced_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sync_problem: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(200))
    """What the person's other devices call this one (the host name)."""
    team: Mapped[str | None] = mapped_column(String(200))
    """The team whose database the target is (``None``: the person's own, or no target)."""
    syncs: Mapped[int | None] = mapped_column(BigInteger)
    """How many syncs with the target the target has counted for this device (``None``:
    none yet); :mod:`data.sync_identity`."""


class PeerRow(Base):
    """The name of another of the person's devices, as sync last heard it."""

    __tablename__ = "peers"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class TombstoneRow(Base):
    """A deleted block, remembered with its last revision so the deletion syncs (and wins
    over older versions of the block) like any change."""

    __tablename__ = "tombstones"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(BigInteger)
    revised_by: Mapped[str | None] = mapped_column(String(36))
    dirty: Mapped[bool] = mapped_column()
