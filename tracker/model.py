"""The model's inputs: blocks with their pauses and interruptions, and the rules they obey.

All datetimes are timezone-aware; the store and the interchange format convert at the edges.
Equality ignores database ids and the recorded zone, so ``a == b`` means "the same record" in
the sense the import's idempotency needs.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tracker.errors import ValidationError
from tracker.i18n import _
from tracker.types import Kind, Phase

MAX_SOURCE_LENGTH = 40
MAX_TEXT_LENGTH = 2000
MAX_INTERRUPTION_MIN = 24 * 60
"""An interruption lasts at most a day (as typed: the CLI's ``--minutes`` and ``--end``, an
edit's minutes); longer, it was a typo, or a day off."""


def _check_text(path: str, name: str, value: str | None, limit: int) -> None:
    """Text fields, alike on every backend: PostgreSQL cannot store a NUL character, so one
    accepted into a SQLite file would make that history impossible to move."""
    if value is None:
        return
    if len(value) > limit:
        raise ValidationError(_join(path, name), _("longer than {0} characters").format(limit))
    if "\x00" in value:
        raise ValidationError(_join(path, name), _("contains a NUL character"))
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: bytes that were not UTF-8 in argv
            raise ValidationError(_join(path, name), _("is not valid UTF-8 text")) from None


def _opt_key(value: datetime | None) -> tuple[bool, datetime | None]:
    return (value is not None, value)


def _utc(value: datetime | None) -> datetime | None:
    """Aware datetimes as UTC: Python subtracts two datetimes sharing a zone as wall-clock
    times, which would make a DST day 24 hours long. Naive ones stay for validation to refuse."""
    if value is None or value.tzinfo is UTC or value.tzinfo is None:
        return value
    if value.utcoffset() is None:
        return value
    return value.astimezone(UTC)


def _normalise(record: object, *names: str) -> None:
    for name in names:
        object.__setattr__(record, name, _utc(getattr(record, name)))


def _in_utc(first: datetime, second: datetime | None) -> bool:
    """Whether nothing is left to normalise: what the store reads always is, and a report
    builds thousands of records."""
    return first.tzinfo is UTC and (second is None or second.tzinfo is UTC)


@dataclass(frozen=True, slots=True)
class Pause:
    """A deliberate break ``[start, end)``; ``end`` is ``None`` only while it is happening."""

    start: datetime
    end: datetime | None = None
    timezone: str = field(default="UTC", compare=False)
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not _in_utc(self.start, self.end):
            _normalise(self, "start", "end")


@dataclass(frozen=True, slots=True)
class Interruption:
    """Something that broke concentration at ``at``; lasting until ``end`` when given.

    ``ongoing``: the person is still interrupted (a hotkey press, before "I'm back"). It has
    no ``end`` yet and lasts until the block's "now", as a running block does; only a running
    block holds one, and at most one. Pausing, stopping or saying "I'm back" ends it.
    """

    at: datetime
    end: datetime | None = None
    kind: Kind = Kind.EXTERNAL
    source: str = "other"
    note: str | None = None
    timezone: str = field(default="UTC", compare=False)
    id: int | None = field(default=None, compare=False)
    ongoing: bool = False

    def __post_init__(self) -> None:
        if not _in_utc(self.at, self.end):
            _normalise(self, "at", "end")

    def end_by(self, now: datetime) -> datetime | None:
        """Its end, an ongoing one's being ``now`` (never before its ``at``)."""
        return max(self.at, now) if self.ongoing else self.end


ANSWERS = range(1, 6)
"""A check-in's scale: 1 (not at all absorbed) to 5 (completely), after the absorption item
of the Flow Short Scale."""


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A person's answer to "How absorbed were you just now?" about the moment ``at`` of a
    block (``answer`` ``None``: asked, and skipped). ``stretch_min`` and ``phase`` are what
    the model said at that moment, with the settings then in force: calibration compares
    the answer with the stretch's age, which a later change of settings must not rewrite."""

    at: datetime
    answer: int | None
    stretch_min: float
    phase: Phase
    timezone: str = field(default="UTC", compare=False)
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _normalise(self, "at")


@dataclass(frozen=True, slots=True)
class LoosePress:
    """A hotkey press made while no block ran: its instant is kept, and the user may start a
    block from it. Not an interruption (the model has none outside a block)."""

    at: datetime
    timezone: str = field(default="UTC", compare=False)
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _normalise(self, "at")


@dataclass(frozen=True, slots=True)
class Pressed:
    """What a press did: a new interruption going on (``new``), nothing because one is going
    on already (``interruption`` is that one), or a loose press while no block ran (``new``
    unless it is the loose press of a moment ago)."""

    interruption: Interruption | None
    new: bool
    loose: LoosePress | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A focus block ``[start, end)``; ``end`` is ``None`` while it runs.

    Pauses and interruptions are kept sorted so that two blocks holding the same records in a
    different order compare equal.
    """

    start: datetime
    end: datetime | None = None
    task: str | None = None
    pauses: tuple[Pause, ...] = ()
    interruptions: tuple[Interruption, ...] = ()
    timezone: str = field(default="UTC", compare=False)
    id: int | None = field(default=None, compare=False)
    device: str | None = field(default=None, compare=False)
    """The device the block was made on, when not this one (a block synced from another)."""
    checkins: tuple[CheckIn, ...] = ()
    """The flow check-ins answered (or skipped) about moments of this block, oldest first:
    not part of the model's arithmetic, kept with the block so they travel where it does."""
    interruptions_recorded: bool = True
    """False for a session from a tool that records none (a time tracker's entry): its
    minutes count as tracked and unrecorded, never as phases or periods (``model.md``)."""
    imported_from: str | None = None
    """The tool the block was imported from (:data:`tracker.import_sources.SOURCES`' keys, such as
    ``toggl``), or ``None`` for one Flowtally recorded: what the dashboard says of time
    without interruption data, so a person knows which tool it came from."""

    def __post_init__(self) -> None:
        if not _in_utc(self.start, self.end):
            _normalise(self, "start", "end")
        pauses, interruptions = self.pauses, self.interruptions
        if not (type(pauses) is tuple and _strictly_rising(p.start for p in pauses)):
            pauses = tuple(sorted(pauses, key=lambda p: (p.start, _opt_key(p.end))))
            object.__setattr__(self, "pauses", pauses)
        if not (type(interruptions) is tuple and _strictly_rising(i.at for i in interruptions)):
            interruptions = tuple(
                sorted(
                    interruptions,
                    key=lambda i: (i.at, _opt_key(i.end), i.kind, i.source, i.note or ""),
                )
            )
            object.__setattr__(self, "interruptions", interruptions)
        checkins = self.checkins
        if checkins and not (type(checkins) is tuple and _strictly_rising(c.at for c in checkins)):
            ordered = sorted(checkins, key=lambda c: (c.at, c.answer or 0, c.stretch_min))
            object.__setattr__(self, "checkins", tuple(ordered))

    @property
    def is_running(self) -> bool:
        return self.end is None

    @property
    def open_pause(self) -> Pause | None:
        """The pause in progress, if the block is paused right now."""
        return next((p for p in self.pauses if p.end is None), None)

    @property
    def open_interruption(self) -> Interruption | None:
        """The interruption the person has not said "I'm back" to yet."""
        return next((i for i in self.interruptions if i.ongoing), None)


def _strictly_rising(instants: Iterable[datetime]) -> bool:
    """Whether records are in order already (as the store reads them): then the sort that
    makes equal blocks compare equal has nothing to do. Equal instants are sorted by their
    other fields, so they take the sort."""
    last: datetime | None = None
    for instant in instants:
        if last is not None and not last < instant:
            return False
        last = instant
    return True


def _join(path: str, name: str) -> str:
    """A field's place in its record, written out only for an error: an import checks
    hundreds of thousands of fields."""
    return f"{path}.{name}" if path else name


def _require_aware(path: str, name: str, value: datetime) -> None:
    if value.tzinfo is not UTC and (value.tzinfo is None or value.utcoffset() is None):
        raise ValidationError(_join(path, name), _("time has no time zone offset"))


def validate_block(block: Block) -> None:
    """Raise :class:`ValidationError` unless ``block`` obeys the model's rules.

    A running block may hold one open pause (it is paused now); a finished one may not.
    Pauses and lasting interruptions that reach past the block are fine (they are clipped);
    ones that lie wholly outside it, or only touch its edge, are not.
    """
    validate_block_times(block)
    open_pauses = 0
    for index, pause in enumerate(block.pauses):
        try:
            validate_pause(block, pause)
        except ValidationError as exc:
            raise exc.within(f"pauses[{index}]") from None
        open_pauses += pause.end is None
    if open_pauses > 1:
        raise ValidationError("pauses", _("only one pause can be in progress"))
    ongoing = 0
    for index, interruption in enumerate(block.interruptions):
        try:
            validate_interruption(block, interruption)
        except ValidationError as exc:
            raise exc.within(f"interruptions[{index}]") from None
        ongoing += interruption.ongoing
    if ongoing > 1:
        raise ValidationError("interruptions", _("only one interruption can be going on"))
    if not block.interruptions_recorded and block.interruptions:
        raise ValidationError(
            "interruptions", _("a block without interruption records holds no interruptions")
        )
    for index, checkin in enumerate(block.checkins):
        validate_checkin(block, checkin, f"checkins[{index}]")


def validate_block_times(block: Block) -> None:
    """The block's own fields, without its pauses and interruptions."""
    _require_aware("", "start", block.start)
    if block.end is not None:
        _require_aware("", "end", block.end)
        if block.end <= block.start:
            raise ValidationError("end", _("a block must end after it starts"))
    _check_text("", "task", block.task, MAX_TEXT_LENGTH)


def validate_pause(block: Block, pause: Pause, path: str = "") -> None:
    """``pause`` against the bounds of ``block`` (whose own pauses are not consulted)."""
    _require_aware(path, "start", pause.start)
    if pause.end is None:
        if block.end is not None:
            raise ValidationError(_join(path, "end"), _("a pause needs an end"))
    else:
        _require_aware(path, "end", pause.end)
        if pause.end <= pause.start:
            raise ValidationError(_join(path, "end"), _("a pause must end after it starts"))
        if pause.end <= block.start:
            raise ValidationError(
                path, _("the pause lies outside its block (it ends before the block starts)")
            )
    if block.end is not None and pause.start >= block.end:
        raise ValidationError(
            path, _("the pause lies outside its block (it starts after the block ends)")
        )


def validate_interruption(block: Block, interruption: Interruption, path: str = "") -> None:
    """``interruption`` against the bounds of ``block``."""
    _require_aware(path, "at", interruption.at)
    if interruption.at < block.start or (block.end is not None and interruption.at >= block.end):
        raise ValidationError(_join(path, "at"), _("the interruption is outside its block"))
    if interruption.ongoing:
        if interruption.end is not None:
            raise ValidationError(_join(path, "end"), _("an interruption going on has no end yet"))
        if block.end is not None:
            raise ValidationError(
                _join(path, "end"), _("a finished block's interruptions are over")
            )
    if interruption.end is not None:
        _require_aware(path, "end", interruption.end)
        if interruption.end < interruption.at:
            raise ValidationError(
                _join(path, "end"), _("an interruption cannot end before it starts")
            )
    source = interruption.source
    if not source.strip():
        raise ValidationError(_join(path, "source"), _("the source must not be empty"))
    _check_text(path, "source", source, MAX_SOURCE_LENGTH)
    _check_text(path, "note", interruption.note, MAX_TEXT_LENGTH)


def validate_checkin(block: Block, checkin: CheckIn, path: str = "") -> None:
    """A check-in's moment lies in its block (its end included: a stop asks about it)."""
    _require_aware(path, "at", checkin.at)
    if checkin.at < block.start or (block.end is not None and checkin.at > block.end):
        raise ValidationError(_join(path, "at"), _("the check-in is outside its block"))
    answer = checkin.answer
    if answer is not None and (type(answer) is not int or answer not in ANSWERS):
        raise ValidationError(_join(path, "answer"), _("an answer is a whole number from 1 to 5"))
    age = checkin.stretch_min
    if isinstance(age, bool) or not isinstance(age, int | float) or not 0 <= age <= 24 * 60:
        raise ValidationError(_join(path, "stretch_min"), _("a stretch's age is 0 to 1440 minutes"))
    if checkin.phase not in (Phase.RAMP_UP, Phase.DEEP, Phase.FLOW):
        raise ValidationError(_join(path, "phase"), _("the phase is ramp-up, deep or flow"))
