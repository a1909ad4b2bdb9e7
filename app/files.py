"""Writing user files so that a crash leaves either the old file or the new one, never half."""

import os
import tempfile
from pathlib import Path

from tracker.errors import FlowtallyError
from tracker.i18n import _, os_reason


def write_atomically(path: Path, content: str | bytes, private: bool = False) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    Text is written as UTF-8, exactly (no newline translation). A symbolic link is followed:
    its target is replaced (from a temporary file in the target's folder, so that the rename
    never crosses a file system) and the link stays a link.
    """
    path = path.resolve()
    directory = path.parent
    if private:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not directory.is_dir():
        raise FlowtallyError(
            _("cannot write {0}: the folder {1} does not exist").format(path, directory)
        )
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise FlowtallyError(_("cannot write {0}: {1}").format(path, os_reason(exc))) from None
    try:
        data = content.encode() if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FlowtallyError(_("cannot write {0}: {1}").format(path, os_reason(exc))) from None
