"""Who and which machine wrote each row, and what sync still has to send.

Every block, pause and interruption gets a global id (``uid``); a block also records the
device it was made on (``device_id``, NULL for this one), its revision (a Lamport clock:
higher wins), which device made that revision (``revised_by``, NULL for this one), and
whether sync has yet to push it (``dirty``). ``devices`` holds this installation's identity
(its name is the host name) and its sync position; ``peers`` the names of the person's other
devices; ``tombstones`` remember deleted blocks until sync has pushed them.
Existing rows become this device's, revision 1, waiting to be pushed. Every change here is
an ``ADD COLUMN`` or a new index: nothing makes SQLite copy a table (dropping the old
``blocks`` would cascade to its pauses and interruptions).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import socket
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data.columns import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYNCED = ("blocks", "pauses", "interruptions")


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("clock", sa.BigInteger(), nullable=False),
        sa.Column("target", sa.String(length=400), nullable=True),
        sa.Column("pulled_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_utc", UTCDateTime(), nullable=True),
        sa.Column("sync_problem", sa.Text(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name="pk_devices"),
    )
    op.create_table(
        "peers",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name="pk_peers"),
    )
    op.create_table(
        "tombstones",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("revised_by", sa.String(length=36), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name="pk_tombstones"),
    )
    for table in SYNCED:
        op.add_column(table, sa.Column("uid", sa.String(length=36), nullable=True))
    op.add_column("blocks", sa.Column("device_id", sa.String(length=36), nullable=True))
    op.add_column(
        "blocks", sa.Column("revision", sa.BigInteger(), nullable=False, server_default="1")
    )
    op.add_column("blocks", sa.Column("revised_by", sa.String(length=36), nullable=True))
    op.add_column(
        "blocks", sa.Column("dirty", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    connection = op.get_bind()
    for table in SYNCED:
        ids = [row[0] for row in connection.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            connection.execute(
                sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"),
                [{"uid": str(uuid.uuid4()), "id": i} for i in ids],
            )
        # An index, not a constraint: adding a constraint makes SQLite copy the table, and
        # dropping the old ``blocks`` would cascade to every pause and interruption.
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)
    connection.execute(
        sa.text(
            "INSERT INTO devices (device_id, person_id, clock, pulled_seq, name) "
            "VALUES (:device, :person, 1, 0, :name)"
        ),
        {
            "device": str(uuid.uuid4()),
            "person": str(uuid.uuid4()),
            "name": (socket.gethostname() or "this computer")[:200],
        },
    )


def downgrade() -> None:
    with op.batch_alter_table("blocks") as batch:
        for column in ("dirty", "revised_by", "revision", "device_id"):
            batch.drop_column(column)
    for table in SYNCED:
        op.drop_index(f"ix_{table}_uid", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")
    op.drop_table("tombstones")
    op.drop_table("peers")
    op.drop_table("devices")
