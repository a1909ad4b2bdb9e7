"""How many syncs this device has made with its target, as the target counts them too: a
target whose count is behind has lost changes (restored, or made anew), and one whose count
is ahead has heard from another machine with this device's id (a copy of it, or this
database restored from a backup). An ``ADD COLUMN`` only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("devices", sa.Column("syncs", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("syncs")
