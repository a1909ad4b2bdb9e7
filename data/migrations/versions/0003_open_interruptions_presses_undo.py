"""Interruptions going on until "I'm back", presses made outside a block, and undo steps.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data.columns import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interruptions") as batch:
        batch.add_column(sa.Column("ongoing", sa.Boolean(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_interruptions_ongoing_has_no_end"), "ongoing IS NULL OR end_utc IS NULL"
        )
        batch.create_unique_constraint("uq_interruptions_ongoing", ["block_id", "ongoing"])
    op.create_table(
        "loose_presses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at_utc", UTCDateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_loose_presses"),
    )
    op.create_index("ix_loose_presses_at_utc", "loose_presses", ["at_utc"])
    op.create_table(
        "undo_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("done_utc", UTCDateTime(), nullable=False),
        sa.Column("at_utc", UTCDateTime(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_undo_steps"),
    )


def downgrade() -> None:
    op.drop_table("undo_steps")
    op.drop_index("ix_loose_presses_at_utc", table_name="loose_presses")
    op.drop_table("loose_presses")
    with op.batch_alter_table("interruptions") as batch:
        batch.drop_constraint("uq_interruptions_ongoing", type_="unique")
        batch.drop_constraint(op.f("ck_interruptions_ongoing_has_no_end"), type_="check")
        batch.drop_column("ongoing")
