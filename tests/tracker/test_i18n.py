"""Every line Flowtally says outside its widgets has a Dutch translation with the same fields,
and the language follows the environment as gettext reads it."""

import ast
import string
from pathlib import Path

import pytest

from app.commands.reports import TREND_HEADERS
from app.gui.input_services import IDLE_SOURCES
from tracker import i18n
from tracker.history import FIELDS, Part
from tracker.i18n import MONTHS, OS_REASONS, WEEKDAYS, _
from tracker.report import NO_TASK, TABLE_HEADERS, TASK_HEADERS
from tracker.types import DEFAULT_SOURCES, PHASE_NAMES, Kind
from tracker.undo import _WHAT
from tracker.units import PLURALS
from ui.charts_export import HEADLINE_NAMES

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tracker", "data", "app")
CHARTS = (
    *("charts.py", "chart_style.py", "chart_timeline.py", "chart_marks.py"),
    *("charts_export.py", "charts_render.py"),
)
"""Drawn without Qt, so their words (``tr(...)``, :func:`ui.charts.words`) are looked up here."""


def spoken_texts() -> set[str]:
    """The templates passed to ``_`` in the code, and the words translated by table."""
    texts = set(PLURALS.values()) | {f"{{n}} {word}" for word in PLURALS}
    texts |= set(PHASE_NAMES.values()) | set(_WHAT.values()) | set(DEFAULT_SOURCES)
    texts |= {kind.value for kind in Kind} | {"h"} | set(WEEKDAYS) | set(MONTHS)
    texts |= set(TABLE_HEADERS) | set(TASK_HEADERS) | {NO_TASK} | set(TREND_HEADERS)
    texts |= set(HEADLINE_NAMES.values()) | set(OS_REASONS.values()) | set(IDLE_SOURCES.values())
    texts |= {part.value for part in Part} | {name for names in FIELDS.values() for name in names}
    paths = [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")]
    paths += [ROOT / "ui" / name for name in CHARTS]
    for path in paths:
        translate = ("tr", "words") if path.parent.name == "ui" else ("_",)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in translate:
                (argument,) = node.args
                assert not isinstance(argument, ast.JoinedStr), (
                    f"{path}:{node.lineno}: _() needs a template, not a filled-in f-string"
                )
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    texts.add(argument.value)
    return texts


def fields(template: str) -> list[str]:
    return sorted(
        f"{name}!{conversion}:{spec}"
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


def test_every_template_has_a_dutch_translation_with_the_same_fields() -> None:
    dutch = i18n.catalogue("nl")
    texts = spoken_texts()
    assert sorted(text for text in texts if text not in dutch) == []
    assert [t for t in texts if fields(t) != fields(dutch[t])] == []
    assert sorted(set(dutch) - texts) == []  # nothing stale


@pytest.mark.parametrize(
    ("environment", "spoken"),
    [
        ({"LANGUAGE": "nl_NL:en", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANGUAGE": "fr:nl", "LANG": "fr_FR.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
        ({}, "en"),
    ],
)
def test_the_language_is_read_as_gettext_reads_it(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], spoken: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.language_of_environment() == spoken


def test_dutch_is_spoken_when_chosen_and_english_otherwise() -> None:
    try:
        i18n.use("nl_NL")
        assert _("Interrupted right now.") == "Nu onderbroken."
        i18n.use("en")
        assert _("Interrupted right now.") == "Interrupted right now."
    finally:
        i18n.use(None)
