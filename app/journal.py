"""The press journal: an interruption the database cannot take yet is kept on disk first.

A press is acknowledged only once it is durable. Normally the database commit is that moment;
while the database is locked, full, damaged or unreachable, the press is appended to this
journal and fsync'ed instead, and stored from it, in order, as soon as the database can be
used, by this run of the app or the next one (after a quit, a crash or a ``kill -9``).

The file is append-only JSON lines, one per press (``{"id": …, "at": …, …}``) and one per press
stored since (``{"done": id}``); it is removed when every press in it is stored. A line cut
short by a crash was never acknowledged (the fsync had not returned) and is skipped. A crash
between a commit and its ``done`` line leaves a press that is stored already: the worker
looks for it before storing it again (:meth:`data.store.Store.holds`).

One journal per database, in the user's state folder (not beside the database: that folder
may be the very thing that is full or read-only). The tray app holds the instance lock of
its database, so it is the journal's only writer.
"""

import contextlib
import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from app.config import state_path
from tracker import clock
from tracker.block_codec import JOURNALED, interruption_document, interruption_from_document
from tracker.errors import FlowtallyError, ValidationError
from tracker.i18n import _, os_reason
from tracker.model import MAX_INTERRUPTION_MIN, Block, Interruption, validate_interruption
from tracker.redaction import redact_url
from tracker.settings import load_zone
from tracker.timeparse import FUTURE_TOLERANCE, format_iso, in_range, parse_iso

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackAt:
    """ "I'm back", said while the database could not take it: as much a logged moment as
    the press it ends."""

    at: datetime
    timezone: str = "UTC"


Kept = Interruption | BackAt


@dataclass(frozen=True, slots=True)
class Entry:
    """A press (or "I'm back") in the journal, not yet known to be stored."""

    id: str
    kept: Kept


def journal_path(database: str | None) -> Path:
    """The journal of ``database``, whichever way its URL was typed (the password left out,
    so that changing it keeps the journal)."""
    digest = hashlib.sha256(database_identity(database).encode()).hexdigest()[:16]
    return state_path("journal") / f"{digest}.jsonl"


def database_identity(database: str | None) -> str:
    from data import engine as engines
    from data.errors import StoreError

    try:
        url = engines.normalise_url(database or str(engines.default_database_path()))
    except StoreError:
        return redact_url(database or "default")
    return engines.describe(url)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None
        self.rejected: list[str] = []
        """Why lines were set aside by the last :meth:`entries` (to be said once)."""

    @property
    def rejected_path(self) -> Path:
        """Where lines that can never be stored are kept (for the person to look at)."""
        return self.path.with_suffix(".rejected")

    def entries(self, now: datetime | None = None) -> list[Entry]:
        """The presses in the file not marked stored, in the order they were pressed. A line
        that reads but holds what no press could (a time in the future or outside the years
        Flowtally handles, an unknown zone, text that is not UTF-8) is set aside in
        :attr:`rejected_path` and marked done, so it blocks no press after it."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("cannot read the press journal %s: %s", self.path, exc)
            return []
        waiting: dict[str, Kept] = {}
        refused: dict[str, tuple[str, str]] = {}
        self.rejected = []
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
                if "done" in record:
                    waiting.pop(str(record["done"]), None)
                    refused.pop(str(record["done"]), None)
                    continue
                key = str(record["id"])
            except (ValueError, KeyError, TypeError, AttributeError):
                log.warning("press journal %s: line %d is unreadable, skipped", self.path, number)
                continue
            try:
                waiting[key] = checked(_kept(record), now or clock.now())
            except (ValueError, KeyError, TypeError, FlowtallyError) as exc:
                refused[key] = (line, _("line {n}: {reason}").format(n=number, reason=exc))
        for key, (line, reason) in refused.items():
            self._set_aside(key, line, reason)
        return [Entry(key, value) for key, value in waiting.items()]

    def _set_aside(self, key: str, line: str, reason: str) -> None:
        try:
            with _open_for_appending(self.rejected_path) as handle:
                handle.write(line + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:  # kept in the journal, then: skipped again next time
            log.warning("cannot set aside a journal line in %s: %s", self.rejected_path, exc)
            return
        self._write({"done": key})
        log.warning("press journal %s: %s; set aside in %s", self.path, reason, self.rejected_path)
        line = _("A kept interruption could not be saved ({reason}); it is set aside in {path}")
        self.rejected.append(line.format(reason=reason, path=self.rejected_path))

    def append(self, kept: Kept) -> Entry:
        """Write ``kept`` durably; raises :class:`FlowtallyError` if it cannot."""
        entry = Entry(uuid.uuid4().hex, kept)
        self._write({"id": entry.id, **_record(kept)})
        return entry

    def done(self, entry: Entry) -> None:
        """Mark ``entry`` stored. A failure here is harmless: the worker finds it stored."""
        try:
            self._write({"done": entry.id})
        except FlowtallyError as exc:
            log.warning("%s", exc)

    def clear(self) -> None:
        """Every press in it is stored: remove the file."""
        self.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None

    def _write(self, record: dict[str, object]) -> None:
        try:
            handle = self._open()
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            self.close()
            raise FlowtallyError(
                _("cannot write the press journal {0}: {1}").format(self.path, os_reason(exc))
            ) from None

    def _open(self) -> IO[str]:
        if self._handle is None:
            self._handle = _open_for_appending(self.path)
        return self._handle


def _open_for_appending(path: Path) -> IO[str]:
    """``path`` opened to append to, private, made with its folder when missing."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    handle = os.fdopen(fd, "a", encoding="utf-8")
    if created:  # the new file's name must survive a power cut too
        _fsync_folder(folder)
    return handle


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _record(kept: Kept) -> dict[str, object]:
    if isinstance(kept, BackAt):
        return {"back": format_iso(kept.at, load_zone(kept.timezone)), "zone": kept.timezone}
    return interruption_document(kept, JOURNALED)


def checked(kept: Kept, now: datetime) -> Kept:
    """``kept`` if a live press could have made it: the same rules as the hotkey's and
    ``flowtally interrupt``'s (no time in the future, an interruption of at most a day, an
    IANA zone, text fit for every backend)."""
    load_zone(kept.timezone)
    moments = [kept.at] if isinstance(kept, BackAt) else [kept.at, kept.end]
    for moment in moments:
        if moment is None:
            continue
        in_range(moment, moment.isoformat())
        if moment > now + FUTURE_TOLERANCE:
            raise ValidationError("at", _("{0!r} is in the future").format(moment.isoformat()))
    if isinstance(kept, Interruption):
        validate_interruption(Block(kept.at, None), kept)
        if kept.end is not None and kept.end - kept.at > timedelta(minutes=MAX_INTERRUPTION_MIN):
            raise ValidationError("end", _("an interruption cannot last more than a day"))
    return kept


def _kept(record: dict[str, object]) -> Kept:
    if "back" in record:
        return BackAt(parse_iso(record["back"], "back"), str(record["zone"]))
    document = {key: value for key, value in record.items() if key != "id"}  # the line's
    return interruption_from_document(document)
