"""Many new rows in one ``executemany``, past SQLAlchemy's per-row parameter handling.

An import writes hundreds of thousands of rows, and SQLAlchemy's executemany builds and
processes each parameter set in Python, several times what SQLite takes to store the row.
Here the statement is compiled once for the dialect, each column's own bind processor (the
one SQLAlchemy would apply) converts that column's values in one ``map``, and the driver gets
them as they are.
"""

import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.engine import Dialect


def insert_rows(db: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (all with the same keys) into ``table``, in the caller's transaction.

    A column left out takes its scalar default; one whose default is computed (a uid) must be
    given, so that no two rows share it.
    """
    if not rows:
        return
    dialect = db.dialect
    given = list(rows[0])
    compiled = insert(table).inline().compile(dialect=dialect, column_keys=given)
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    values = {name: [row[name] for row in rows] for name in given}
    columns = [_column(table, name, values.get(name), len(rows), dialect) for name in names]
    parameters: list[Any] = list(zip(*columns, strict=True))
    if not compiled.positional:
        parameters = [dict(zip(names, row, strict=True)) for row in parameters]
    db.exec_driver_sql(compiled.string, parameters)


def _column(
    table: Table, name: str, values: list[Any] | None, count: int, dialect: Dialect
) -> Iterable[Any]:
    """One column's values as the driver takes them (its scalar default when not given)."""
    column = table.c[name]
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if values is not None:
        return values if process is None else map(process, values)
    default = column.default
    if default is None or not default.is_scalar:
        raise ValueError(f"{table.name}.{name} needs a value in every row")
    value = default.arg  # type: ignore[attr-defined]
    return itertools.repeat(value if process is None else process(value), count)


def new_uids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as text, made in one go: ``uuid.uuid4`` makes an
    object per call, and an import needs one for each of its rows."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # the RFC 4122 variant
    text = raw.hex()
    return [
        f"{text[i : i + 8]}-{text[i + 8 : i + 12]}-{text[i + 12 : i + 16]}-"
        f"{text[i + 16 : i + 20]}-{text[i + 20 : i + 32]}"
        for i in range(0, 32 * count, 32)
    ]
