"""A large import is not walked by the garbage collector again and again (#27).

Everything an import reads stays alive until it is written: the parsed file and a model
object for each record, a million objects for five dense years. Each full collection walks
them all, and allocating them triggers one after another: 2 of the 7 seconds of that import
went to walking objects that could not be garbage."""

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import gc, sys
from app.entry import main
import app.commands.importing, data.importing, data.store  # what start-up collects for
gc.collect()
full = []
def seen(phase, info):
    if phase == "start" and info["generation"] == 2:
        full.append(1)
gc.callbacks.append(seen)
main(["--db", sys.argv[1], "import", sys.argv[2]])
print(len(full), gc.isenabled())
"""


def _history(path: Path, blocks: int) -> Path:
    start = datetime(2025, 1, 6, 8, tzinfo=UTC)
    made = []
    for index in range(blocks):
        begin = start + timedelta(hours=index)
        made.append(
            {
                "start": begin.isoformat(),
                "end": (begin + timedelta(minutes=50)).isoformat(),
                "task": "writing",
                "interruptions": [
                    {"at": (begin + timedelta(minutes=m)).isoformat(), "source": "chat"}
                    for m in (5, 17, 29, 41)
                ],
            }
        )
    path.write_text(json.dumps({"format": "flowtally/1", "blocks": made}))
    return path


def test_a_large_import_runs_no_full_collection_and_leaves_the_collector_on(
    tmp_path: Path, private_user_folders: Path
) -> None:
    source = _history(tmp_path / "history.json", 8000)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "f.sqlite3"), str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "Imported 8000 blocks from " + str(source) + "."
    assert lines[-1] == "0 True"
