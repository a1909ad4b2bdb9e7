"""A file imported before, into a history that has not changed since, is not read again.

Importing the same file twice adds nothing, and the second time used to cost as much as the
first: every record parsed and checked, every block read back and compared (11 s for five
dense years). When the file's bytes (SHA-256), its format and Flowtally's version are those of
an import that succeeded, and the history's mark (:meth:`data.store.Store.history_mark`,
which moves with any finished block that changes, comes or goes, here or by sync) is the one
that import left, the answer is known: nothing new, every block already stored.

The memo holds digests, marks and counts, never a record of the history. It is kept per
database (named as the journal names it) in the user's state folder, private, with the last
few files only.
"""

import contextlib
import hashlib
import json
from typing import Any

from app.config import state_path
from app.files import write_atomically
from app.journal import database_identity

KEPT = 8
"""Files remembered per database: a person re-imports the last export or two, not dozens."""


class ImportMemo:
    """What the imports into one database left: file key → (history mark, blocks)."""

    def __init__(self, database: str | None, version: str) -> None:
        digest = hashlib.sha256(database_identity(database).encode()).hexdigest()[:16]
        self.path = state_path("imported") / f"{digest}.json"
        self.version = version

    def key(self, kind: str, content: bytes) -> str:
        return f"{self.version}:{kind}:{hashlib.sha256(content).hexdigest()}"

    def already_stored(self, key: str, mark: tuple[int, ...]) -> int | None:
        """How many blocks the file holds, if all are stored as that import left them."""
        entry = self._read().get(key)
        if not isinstance(entry, dict) or entry.get("mark") != list(mark):
            return None
        blocks = entry.get("blocks")
        return blocks if isinstance(blocks, int) and not isinstance(blocks, bool) else None

    def remember(self, key: str, mark: tuple[int, ...], blocks: int) -> None:
        """After an import that succeeded: its file, and the history it left. A memo that
        cannot be written costs the next import its speed, nothing more."""
        entries = {k: v for k, v in self._read().items() if k != key}
        entries[key] = {"mark": list(mark), "blocks": blocks}
        kept = dict(list(entries.items())[-KEPT:])
        with contextlib.suppress(OSError):
            write_atomically(self.path, json.dumps(kept), private=True)

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or damaged: every import is a full one
            return {}
        return raw if isinstance(raw, dict) else {}
