"""The model's parameters and the user's other settings, validated as the spec demands."""

import math
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.errors import SettingsError
from tracker.hotkeys import DEFAULT_HOTKEY, normalise_hotkey
from tracker.i18n import _

MODEL_KEYS: tuple[str, ...] = ("ramp_up_min", "flow_after_min", "min_period_min")
MAX_MINUTES = 24 * 60
"""No minute setting may exceed a day: beyond that none has a meaning, and 1e300 minutes
overflows every time computation."""
MIN_MINUTES = 0.01
"""Shorter than this (0.6 s) a minute setting is a typo, and 1e-308 would round to nothing."""
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Files in the zone database that are not IANA zones: ``localtime`` is whatever the machine
is set to (so a report would change meaning when the machine moves), the others are tzdata's
internals."""


def check_minutes(name: str, value: object, minimum: float = 0, strict: bool = False) -> None:
    """A minute setting: a finite number, above ``minimum`` (or at least it), at most a day."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError(_("{0} must be a number of minutes, not {1!r}").format(name, value))
    if not math.isfinite(value):
        raise SettingsError(_("{0} must be a finite number of minutes").format(name))
    if strict and not value > minimum:
        raise SettingsError(
            _("{0} must be more than {1:g} (got {2:g})").format(name, minimum, value)
        )
    if not value >= minimum:
        raise SettingsError(_("{0} must be {1:g} or more minutes").format(name, minimum))
    if 0 < value < MIN_MINUTES:
        raise SettingsError(
            _("{0} must be at least {1:g} minutes, not {2:g}").format(name, MIN_MINUTES, value)
        )
    if value > MAX_MINUTES:
        raise SettingsError(
            _("{0} must be at most {1} minutes (a day), not {2:g}").format(name, MAX_MINUTES, value)
        )


@dataclass(frozen=True, slots=True)
class ModelParams:
    """Minutes from the start of a stretch to deep focus and to flow, and the shortest stretch
    that counts as an uninterrupted period (defaults from *Peopleware*, Parnin and Cirillo)."""

    ramp_up_min: float = 15
    flow_after_min: float = 30
    min_period_min: float = 25
    ramp_up: timedelta = field(init=False, repr=False, compare=False)
    flow_after: timedelta = field(init=False, repr=False, compare=False)
    min_period: timedelta = field(init=False, repr=False, compare=False)
    """The three as durations, made once: a report compares each stretch with them."""

    def __post_init__(self) -> None:
        for name in MODEL_KEYS:
            check_minutes(name, getattr(self, name), strict=True)
        if not self.ramp_up_min <= self.flow_after_min:
            raise SettingsError(
                _("flow_after_min ({0:g}) must be at least ramp_up_min ({1:g})").format(
                    self.flow_after_min, self.ramp_up_min
                )
            )
        object.__setattr__(self, "ramp_up", timedelta(minutes=self.ramp_up_min))
        object.__setattr__(self, "flow_after", timedelta(minutes=self.flow_after_min))
        object.__setattr__(self, "min_period", timedelta(minutes=self.min_period_min))

    def as_json(self) -> dict[str, float]:
        """Whole minutes as integers, so the report reads ``15`` rather than ``15.0``."""
        return {name: _plain_number(getattr(self, name)) for name in MODEL_KEYS}


APP_KEYS: tuple[str, ...] = (
    *("hotkey", "away_after_min", "planned_block_min", "break_after_min"),
    "daily_goal_min",
)


class QuietFrom(StrEnum):
    """From which phase desktop notification banners are silenced (``off``: never)."""

    OFF = "off"
    DEEP = "deep"
    FLOW = "flow"


def quiet_from(value: object) -> QuietFrom:
    """The setting as typed or stored, or a clear error naming the choices."""
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return QuietFrom(value.strip().lower())
    except ValueError:
        choices = ", ".join(repr(q.value) for q in QuietFrom)
        raise SettingsError(
            _("quiet_from must be one of {choices}, not {value!r}").format(
                choices=choices, value=value
            )
        ) from None


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set. ``timezone`` and ``database_url`` are ``None`` for the
    defaults (the system zone; the SQLite file in the user data directory).

    ``away_after_min``: input idle this long while a block runs asks what the gap was.
    ``planned_block_min``: notify when a block reaches this length (0: never).
    ``break_after_min``: suggest a break after a stretch this long (Flowtime; 0: never).
    ``daily_goal_min``: minutes of focus (deep focus and flow) wanted per day (0: no goal).
    """

    model: ModelParams = ModelParams()
    timezone: str | None = None
    database_url: str | None = None
    sync_url: str | None = None
    """The PostgreSQL database this device syncs its history with (``None``: none; nothing
    leaves the machine)."""
    device_name: str | None = None
    """What the person's other devices call this one (``None``: its host name)."""
    person_name: str | None = None
    """The person's display name, kept with their sync target (``None``: none given)."""
    hotkey: str = DEFAULT_HOTKEY
    away_after_min: float = 5
    planned_block_min: float = 0
    break_after_min: float = 90
    daily_goal_min: float = 0
    quiet_from: QuietFrom = QuietFrom.OFF
    """Silence desktop notification banners from this phase of a stretch on."""
    checkins_per_day: int = 0
    """Flow check-ins asked for at most this many times a day (0: never; opt-in)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "quiet_from", quiet_from(self.quiet_from))
        if self.timezone is not None:
            load_zone(self.timezone)
        for key in ("device_name", "person_name"):
            value = getattr(self, key)
            if value is not None and not 0 < len(value.strip()) <= 200:
                raise SettingsError(_("{key} must be 1 to 200 characters").format(key=key))
            if value is not None and not value.isprintable():
                raise SettingsError(
                    _("{key} must be printable UTF-8 text (no control characters)").format(key=key)
                )
        object.__setattr__(self, "hotkey", normalise_hotkey(self.hotkey))
        for name in ("planned_block_min", "break_after_min", "daily_goal_min"):
            check_minutes(name, getattr(self, name))
        check_minutes("away_after_min", self.away_after_min, strict=True)
        check_count("checkins_per_day", self.checkins_per_day, MAX_CHECKINS)

    @property
    def away_after(self) -> timedelta:
        return timedelta(minutes=self.away_after_min)

    def updated(self, changes: dict[str, str]) -> "Settings":
        """A copy with ``changes`` applied (text values, as typed); all or nothing."""
        model_changes: dict[str, float] = {}
        other: dict[str, Any] = {}
        known = set(SETTING_NAMES)
        for key, text in changes.items():
            if key not in known:
                raise SettingsError(
                    _("unknown setting {0!r}; known: {1}").format(key, ", ".join(sorted(known)))
                )
            if key in MODEL_KEYS:
                model_changes[key] = parse_minutes(key, text)
            elif key == "hotkey":
                other[key] = text.strip() or DEFAULT_HOTKEY
            elif key == "quiet_from":
                other[key] = quiet_from(text)
            elif key == "checkins_per_day":
                other[key] = parse_count(key, text)
            elif key.endswith("_min"):
                other[key] = parse_minutes(key, text)
            else:
                other[key] = text.strip() or None
        model = (
            ModelParams(**{name: getattr(self.model, name) for name in MODEL_KEYS} | model_changes)
            if model_changes
            else self.model
        )
        return replace(self, model=model, **other)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = dict(self.model.as_json())
        out["timezone"] = self.timezone
        out["database_url"] = self.database_url
        out["sync_url"] = self.sync_url
        out["device_name"] = self.device_name
        out["person_name"] = self.person_name
        out["hotkey"] = self.hotkey
        for key in APP_KEYS[1:]:
            out[key] = _plain_number(getattr(self, key))
        out["quiet_from"] = self.quiet_from.value
        out["checkins_per_day"] = self.checkins_per_day
        return out

    @classmethod
    def from_json(cls, raw: object) -> "Settings":
        """Settings from a stored JSON object; unknown keys are ignored (a newer version's)."""
        if not isinstance(raw, dict):
            raise SettingsError(_("the settings file does not hold a JSON object"))
        model_values = {k: raw[k] for k in MODEL_KEYS if k in raw}
        model = ModelParams(**model_values)
        timezone = raw.get("timezone")
        database_url = raw.get("database_url")
        sync_url = raw.get("sync_url")
        device_name = raw.get("device_name")
        person_name = raw.get("person_name")
        for key, value in (
            ("timezone", timezone),
            ("database_url", database_url),
            ("sync_url", sync_url),
            ("device_name", device_name),
            ("person_name", person_name),
        ):
            if value is not None and not isinstance(value, str):
                raise SettingsError(_("{0} must be text").format(key))
        extra = {key: raw[key] for key in APP_KEYS if key in raw}
        if not isinstance(extra.get("hotkey", ""), str):
            raise SettingsError(_("hotkey must be text"))
        if "quiet_from" in raw:
            extra["quiet_from"] = quiet_from(raw["quiet_from"])
        if "checkins_per_day" in raw:
            extra["checkins_per_day"] = raw["checkins_per_day"]
        return cls(
            model=model,
            timezone=timezone,
            database_url=database_url,
            sync_url=sync_url,
            device_name=device_name,
            person_name=person_name,
            **extra,
        )


SETTING_NAMES: tuple[str, ...] = (
    *MODEL_KEYS,
    *(f.name for f in fields(Settings) if f.name != "model"),
)


MAX_CHECKINS = 12
"""More check-ins a day than this would measure the questions, not the focus."""
CHECKINS_WHEN_ON = 4
"""What switching check-ins on (in the first-run window or the settings) sets."""


def check_count(name: str, value: object, maximum: int) -> None:
    if type(value) is not int or not 0 <= value <= maximum:
        raise SettingsError(
            _("{0} must be a whole number from 0 to {1}, not {2!r}").format(name, maximum, value)
        )


def parse_count(name: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise SettingsError(
            _("{0} must be a whole number from 0 to {1}, not {2!r}").format(
                name, MAX_CHECKINS, text
            )
        ) from None


def parse_minutes(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(
            _("{0} must be a number of minutes, not {1!r}").format(name, text)
        ) from None
    return _plain_number(value)


def _plain_number(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def load_zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a clear error."""
    if name in NOT_ZONES or name.startswith(("posix/", "right/")):
        raise SettingsError(
            _("{0!r} is not an IANA time zone (use one such as Europe/Amsterdam)").format(name)
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        shown = name if len(name) <= 60 else f"{name[:57]}…"
        raise SettingsError(
            _("unknown time zone {0!r} (use an IANA name such as Europe/Amsterdam)").format(shown)
        ) from None
