"""The tools Flowtally imports history from, by the key a block keeps and ``--from`` takes
(the readers are :mod:`tracker.foreign`'s)."""

from tracker.errors import ValidationError
from tracker.i18n import _

SOURCES: dict[str, str] = {
    "flowkeeper": "Flowkeeper",
    "focus-timer": "Focus Timer",
    "toggl": "Toggl Track",
    "clockify": "Clockify",
    "hamster": "Hamster",
}
"""The tools, by the key a block keeps (``Block.imported_from``) and ``--from`` takes, with
the name a person knows them by."""
IMPORT_KINDS = (*SOURCES, "flowtally")
"""What ``import --from`` takes: the tools, and Flowtally's own export."""


def checked_source(value: object, path: str) -> str | None:
    """A block's ``imported_from`` as a file gives it: one of :data:`SOURCES`, or none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in SOURCES:
        raise ValidationError(
            path, _("imported_from is one of {0}").format(", ".join(sorted(SOURCES)))
        )
    return value
