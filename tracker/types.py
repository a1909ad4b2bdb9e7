"""Enumerations shared by every layer (stored, exported and shown by their string values)."""

from enum import StrEnum

from tracker.i18n import _


class Kind(StrEnum):
    """Who caused an interruption."""

    INTERNAL = "internal"
    EXTERNAL = "external"


KINDS: dict[object, Kind] = {kind.value: kind for kind in Kind}
"""Each kind by its text: a dictionary lookup, where ``Kind(text)`` takes a microsecond (a
report reads, and an import parses, hundreds of thousands)."""


class Phase(StrEnum):
    """Where in a stretch a person is; ``NONE`` is what an interruption breaks when no stretch
    ends at it."""

    RAMP_UP = "ramp-up"
    DEEP = "deep"
    FLOW = "flow"
    NONE = "none"


PHASE_NAMES: dict[Phase, str] = {
    Phase.RAMP_UP: "ramp-up",
    Phase.DEEP: "deep focus",
    Phase.FLOW: "flow",
    Phase.NONE: "none",
}
"""How a phase is named to a person (in English; the GUI translates these very words)."""


def phase_name(phase: Phase) -> str:
    """The phase's name in the reader's language."""
    return _(PHASE_NAMES[phase])


class Origin(StrEnum):
    """What a stretch started after: it decides whether its ramp-up is recovery time."""

    START = "start"
    RESUME = "resume"
    INTERRUPTION = "interruption"


class SegmentKind(StrEnum):
    """Every instant of a block is exactly one of these."""

    RAMP_UP = "ramp-up"
    DEEP = "deep"
    FLOW = "flow"
    INTERRUPTED = "interrupted"
    PAUSED = "paused"
    UNRECORDED = "unrecorded"
    """Tracked time of a block without interruption records: no phase is known."""


DEFAULT_SOURCES: tuple[str, ...] = (
    "person",
    "chat",
    "email",
    "call",
    "meeting",
    "notification",
    "self",
    "other",
)

PERIOD_BANDS: tuple[str, ...] = ("<45", "45-90", "90-120", "120+")


def source_name(source: str) -> str:
    """A default interruption source in the reader's words; the user's own labels as typed."""
    return _(source) if source in DEFAULT_SOURCES else source
