"""The words Flowtally says outside its widgets, in the reader's language.

The terminal, the domain's refusals and the app's notices are read by the same person as the
tray, so they speak the same language. Qt's translators serve the widgets; these lines are
needed where Qt is not loaded (the CLI answers in tens of milliseconds) and in the pure
domain, so they are looked up here, with the standard library, in one JSON catalogue per
language (``tracker/catalogues/nl.json``: English source text to translation).

A text is translated where it is made, as a template, and filled in afterwards:
``_("Back at {time}.").format(time=...)``, so that word order can differ per language.
"""

from __future__ import annotations

import errno
import json
import os
from functools import cache

TYPE_CHECKING = False  # a forwarded command does not import datetime or typing for this
if TYPE_CHECKING:
    from datetime import date

CATALOGUES = os.path.join(os.path.dirname(os.path.realpath(__file__)), "catalogues")
SPOKEN = ("nl",)
"""Languages with a catalogue; English is the source language and needs none."""

_chosen: str | None = None


def language_of_environment() -> str:
    """The language the user asked for, as gettext reads it: ``LANGUAGE`` (a list, the first
    one we speak wins), else ``LC_ALL``, ``LC_MESSAGES``, ``LANG``. ``en`` when none is ours."""
    for name in os.environ.get("LANGUAGE", "").split(":"):
        if name[:2] in SPOKEN:
            return name[:2]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return value[:2] if value[:2] in SPOKEN else "en"
    return "en"


def use(language: str | None) -> None:
    """Speak ``language`` (``None``: what the environment asks for). The app calls this with
    the language Qt chose, so that its notices and its widgets agree."""
    global _chosen
    _chosen = language[:2] if language else None


def language() -> str:
    return _chosen or language_of_environment()


@cache
def catalogue(language: str) -> dict[str, str]:
    """The translations of ``language``; empty for English or a language we do not speak."""
    path = os.path.join(CATALOGUES, f"{language}.json")
    if language not in SPOKEN or not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as file:
        entries: dict[str, str] = json.load(file)
    return entries


def _(text: str) -> str:
    """``text`` in the reader's language (itself when there is no translation)."""
    return catalogue(language()).get(text, text)


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Short day and month names: ``strftime`` writes the C locale's English ones whatever the
reader's language, so dates meant for people are spelled with these."""


def day_name(day: date) -> str:
    """``Mon``, Dutch ``ma``."""
    return _(WEEKDAYS[day.weekday()])


def month_name(day: date) -> str:
    """``Nov``, Dutch ``nov``."""
    return _(MONTHS[day.month - 1])


OS_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EEXIST: "it exists already",
    errno.EDQUOT: "the disk quota is used up",
}
"""Why a file could not be used, for the reasons people meet. The C library's own wording
is English unless the process set its locale, which Python does not do for messages."""


def os_reason(problem: OSError) -> str:
    """Why ``problem`` happened, in the reader's language (the system's text otherwise)."""
    if problem.errno in OS_REASONS:
        return _(OS_REASONS[problem.errno])
    return problem.strerror or str(problem)
