"""The first schema: blocks, pauses, interruptions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data.columns import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start_utc", UTCDateTime(), nullable=False),
        sa.Column("end_utc", UTCDateTime(), nullable=True),
        sa.Column("running", sa.Boolean(), nullable=True),
        sa.Column("task", sa.String(length=2000), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "end_utc IS NULL OR end_utc > start_utc", name=op.f("ck_blocks_ends_after_start")
        ),
        sa.CheckConstraint(
            "(end_utc IS NULL) = (running IS NOT NULL)", name=op.f("ck_blocks_running_iff_open")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blocks")),
        sa.UniqueConstraint("running", name=op.f("uq_blocks_running")),
    )
    op.create_index(op.f("ix_blocks_start_utc"), "blocks", ["start_utc"])
    op.create_table(
        "pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", UTCDateTime(), nullable=False),
        sa.Column("end_utc", UTCDateTime(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["block_id"], ["blocks.id"], name=op.f("fk_pauses_block_id_blocks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pauses")),
    )
    op.create_index(op.f("ix_pauses_block_id"), "pauses", ["block_id"])
    op.create_table(
        "interruptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("at_utc", UTCDateTime(), nullable=False),
        sa.Column("end_utc", UTCDateTime(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('internal', 'external')", name=op.f("ck_interruptions_kind_known")
        ),
        sa.CheckConstraint(
            "end_utc IS NULL OR end_utc >= at_utc", name=op.f("ck_interruptions_ends_after_at")
        ),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["blocks.id"],
            name=op.f("fk_interruptions_block_id_blocks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interruptions")),
    )
    op.create_index(op.f("ix_interruptions_at_utc"), "interruptions", ["at_utc"])
    op.create_index(op.f("ix_interruptions_block_id"), "interruptions", ["block_id"])


def downgrade() -> None:
    op.drop_table("interruptions")
    op.drop_table("pauses")
    op.drop_table("blocks")
