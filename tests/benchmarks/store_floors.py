"""The floors ``bench_store`` measures against, in the same run: what any import and any
report must do, whoever writes them, with nothing of Flowtally's own in between."""

import json
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.model import Block, Interruption, Pause
from tracker.types import Kind

ZONE = "Europe/Amsterdam"


def import_floor(source: Path, imported: str, target: Path, objects: bool = False) -> float:
    """What any import must do, timed: read the file, and write its rows with plain
    ``executemany`` into an empty copy of the schema (same indexes), in one transaction.
    With ``objects``, each record is also made into the model's object (its times parsed,
    its fields checked), as an import that refuses bad records with their reason must."""
    with sqlite3.connect(imported) as schema_source:
        schema = [
            sql
            for (sql,) in schema_source.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            )
        ]
    connection = sqlite3.connect(target)
    for sql in schema:
        connection.execute(sql)
    connection.commit()
    began = time.perf_counter()
    blocks = json.loads(source.read_text())["blocks"]
    block_rows, interruption_rows = [], []
    for block_id, block in enumerate(blocks, 1):
        block_rows.append((block_id, block["start"], block["end"], block["task"], ZONE))
        for item in block["interruptions"]:
            interruption_rows.append(
                (block_id, item["at"], item.get("end"), item["kind"], item["source"], ZONE)
            )
        if objects:
            model_objects(block)
    connection.executemany(
        "INSERT INTO blocks (id, start_utc, end_utc, task, timezone, uid) "
        "VALUES (?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
        block_rows,
    )
    connection.executemany(
        "INSERT INTO interruptions (block_id, at_utc, end_utc, kind, source, timezone, uid) "
        "VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
        interruption_rows,
    )
    connection.commit()
    spent = time.perf_counter() - began
    connection.close()
    return spent


def model_objects(block: dict[str, Any]) -> Block:
    def when(text: str | None) -> datetime | None:
        return None if text is None else datetime.fromisoformat(text)

    records = tuple(
        Interruption(
            datetime.fromisoformat(item["at"]),
            when(item.get("end")),
            Kind(item["kind"]),
            item["source"],
            item.get("note"),
            ZONE,
        )
        for item in block["interruptions"]
    )
    pauses = tuple(
        Pause(datetime.fromisoformat(p["start"]), when(p["end"]), ZONE)
        for p in block.get("pauses", ())
    )
    start = datetime.fromisoformat(block["start"])
    return Block(start, when(block["end"]), block["task"], pauses, records, ZONE)


RAW_QUERIES = (
    ("blocks", "id", "id, start_utc, end_utc, task, timezone, device_id"),
    ("pauses", "block_id", "block_id, start_utc, end_utc, timezone, id"),
    (
        "interruptions",
        "block_id",
        "block_id, at_utc, end_utc, kind, source, note, timezone, id, ongoing",
    ),
)


def objects_of(read: Callable[[], list[list[Any]]]) -> Callable[[], object]:
    """The floor of any report: the rows read, and made into the model's objects, which every
    number is computed from (the issue asks for exactly that), with nothing computed. Made
    the quickest way known here: the offset parsed with the text (``replace(tzinfo=…)``
    costs more than the parse), kinds looked up in a dictionary."""
    kinds = {kind.value: kind for kind in Kind}

    def utc(text: str) -> datetime:
        return datetime.fromisoformat(text + "+00:00")

    def until(text: str | None) -> datetime | None:
        return None if text is None else utc(text)

    def run() -> object:
        blocks, pauses, interruptions = read()
        children: dict[int, tuple[list[Pause], list[Interruption]]] = {}
        for block_id, start, end, zone, pause_id in pauses:
            made = Pause(utc(start), until(end), zone, pause_id)
            children.setdefault(block_id, ([], []))[0].append(made)
        for block_id, at, end, kind, source, note, zone, record_id, ongoing in interruptions:
            record = Interruption(
                utc(at), until(end), kinds[kind], source, note, zone, record_id, bool(ongoing)
            )
            children.setdefault(block_id, ([], []))[1].append(record)
        made_blocks = []
        for block_id, start, end, task, zone, device in blocks:
            own_pauses, own_interruptions = children.get(block_id, ([], []))
            made_blocks.append(
                Block(
                    utc(start),
                    until(end),
                    task,
                    tuple(own_pauses),
                    tuple(own_interruptions),
                    zone,
                    block_id,
                    device,
                )
            )
        return made_blocks

    return run
