"""Whether the sync target is a team's database, and the team's name there.

``devices.team`` is NULL while the target is the person's own (or there is none); sync sets
it from what the server says, so the app knows to offer the team's report. An ``ADD
COLUMN`` only.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("devices", sa.Column("team", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("team")
