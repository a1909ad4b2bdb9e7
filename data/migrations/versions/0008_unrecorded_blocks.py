"""Blocks without interruption records (#29, ``model.md``): a session imported from a tool
that keeps none. An ``ADD COLUMN`` with a default: every block so far has its records.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "blocks",
        sa.Column("interruptions_recorded", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    with op.batch_alter_table("blocks") as batch:
        batch.drop_column("interruptions_recorded")
