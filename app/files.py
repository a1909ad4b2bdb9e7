"""Writing user files so that a crash leaves either the old file or the new one, never half."""

import os
import tempfile
from pathlib import Path

from tracker.errors import FlowtallyError


def write_atomically(path: Path, text: str, private: bool = False) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``."""
    directory = path.resolve().parent
    if private:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not directory.is_dir():
        raise FlowtallyError(f"cannot write {path}: the folder {directory} does not exist")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FlowtallyError(f"cannot write {path}: {exc.strerror}") from None
