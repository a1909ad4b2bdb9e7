"""Flow check-ins (#28): a person's answers to "How absorbed were you just now?", each about
a moment of a block, with the stretch's age and the phase the model gave then. A new table
only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data.columns import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "block_id",
            sa.Integer(),
            sa.ForeignKey("blocks.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("at_utc", UTCDateTime(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("answer", sa.SmallInteger()),
        sa.Column("stretch_min", sa.Float(), nullable=False),
        sa.Column("phase", sa.String(8), nullable=False),
        sa.CheckConstraint("answer IS NULL OR answer BETWEEN 1 AND 5", name="answer_on_scale"),
        sa.CheckConstraint("phase IN ('ramp-up', 'deep', 'flow')", name="phase_known"),
    )


def downgrade() -> None:
    op.drop_table("checkins")
