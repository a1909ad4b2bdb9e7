"""Writing user files so that a crash leaves either the old file or the new one, never half."""

import os
import stat
import tempfile
from pathlib import Path

from tracker.errors import FlowtallyError
from tracker.i18n import _, os_reason


def write_atomically(path: Path, content: str | bytes, private: bool = False) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    Text is written as UTF-8, exactly (no newline translation). A symbolic link is followed:
    its target is replaced (from a temporary file in the target's folder, so that the rename
    never crosses a file system) and the link stays a link; but not a link that another user
    left in a shared folder such as /tmp (:func:`refuse_planted_links`).
    """
    refuse_planted_links(path)
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


def refuse_planted_links(path: Path, hops: int = 0) -> None:
    """Refuse a path through a symbolic link that someone else made in a sticky folder open
    to everyone (``/tmp``): another local user could point it at any of this user's files,
    which a report would then overwrite. The kernel's own ``protected_symlinks`` rule, kept
    here because that setting may be off."""
    path = Path(os.path.abspath(path))
    for index in range(1, len(path.parts)):
        prefix = Path(*path.parts[: index + 1])
        try:
            link = os.lstat(prefix)
            if not stat.S_ISLNK(link.st_mode):
                continue
            folder = os.stat(prefix.parent)
            pointing = os.readlink(prefix)
        except OSError:
            return  # what does not exist yet is made by us
        shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
        if shared and link.st_uid not in {os.geteuid(), folder.st_uid}:
            raise FlowtallyError(
                _(
                    "refusing to write {path}: {link} is a link another user made in the "
                    "shared folder {folder}, and it could point at any of your files"
                ).format(path=path, link=prefix, folder=prefix.parent)
            )
        if hops < 40:
            refuse_planted_links(Path(prefix.parent, pointing, *path.parts[index + 1 :]), hops + 1)
        return
