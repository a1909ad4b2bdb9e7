"""The tables as SQLAlchemy Core handles: the store writes with plain statements (reports and
imports move thousands of rows; the ORM's unit of work would cost more than it gives)."""

from typing import cast

from sqlalchemy import Table

from data.models import (
    BlockRow,
    DeviceRow,
    InterruptionRow,
    LoosePressRow,
    PauseRow,
    PeerRow,
    TombstoneRow,
)

BLOCKS = cast(Table, BlockRow.__table__)
PAUSES = cast(Table, PauseRow.__table__)
INTERRUPTIONS = cast(Table, InterruptionRow.__table__)
LOOSE_PRESSES = cast(Table, LoosePressRow.__table__)
DEVICES = cast(Table, DeviceRow.__table__)
TOMBSTONES = cast(Table, TombstoneRow.__table__)
PEERS = cast(Table, PeerRow.__table__)
