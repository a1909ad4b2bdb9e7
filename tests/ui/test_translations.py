"""The Dutch interface: the compiled catalogue matches the sources and is used for nl."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tracker.types import DEFAULT_SOURCES, PHASE_NAMES, Kind
from ui import translations
from ui.tray import describe
from ui.week_export import EXPORT_FILTERS

UI = Path(translations.__file__).parent


def test_dutch_is_used_for_a_dutch_locale(qtbot: QtBot, qapp: QApplication) -> None:
    installed = translations.install(qapp, QLocale("nl_NL"))
    try:
        assert QCoreApplication.translate("Tray", "Pause") == "Pauzeren"
        assert QCoreApplication.translate("QuickLog", "meeting") == "vergadering"
        assert describe(statuses.idle()).startswith("Flowtally: geen focusblok bezig")
    finally:
        translations.remove(qapp, installed)
    assert QCoreApplication.translate("Tray", "Pause") == "Pause"


def test_every_source_text_has_a_dutch_translation() -> None:
    catalogue = ET.parse(UI / "i18n" / "flowtally_nl.ts").getroot()
    known = {
        (context.findtext("name"), message.findtext("source"))
        for context in catalogue.iter("context")
        for message in context.iter("message")
        if message.findtext("translation")
    }
    contexts = {
        "tray.py": "Tray",
        "quick_log.py": "QuickLog",
        "review.py": "Review",
        "settings_dialog.py": "Settings",
        "timer_window.py": "TimerWindow",
        "dashboard.py": "Dashboard",
        "headline_cards.py": "Dashboard",
        "week_export.py": "Dashboard",
        "history_table.py": "History",
        "history_dialogs.py": "History",
        "about.py": "About",
        "welcome.py": "Welcome",
        "forecast_page.py": "Forecast",
        "checkin_window.py": "CheckIn",
        "checkins_page.py": "CheckIn",
        "checkins_chart.py": "CheckIn",
        "calibration_box.py": "Settings",
        "import_dialog.py": "Import",
    }
    missing = []
    for file, context in contexts.items():
        code = (UI / file).read_text()
        for call in re.findall(r'\btr\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', code):
            parts = re.findall(r'"((?:[^"\\]|\\.)*)"', call)  # adjacent literals join
            source = "".join(parts).replace('\\"', '"')
            if (context, source) not in known:
                missing.append((context, source))
    missing += [("Tray", name) for name in PHASE_NAMES.values() if ("Tray", name) not in known]
    missing += [
        ("Dashboard", text) for _, text in EXPORT_FILTERS if ("Dashboard", text) not in known
    ]
    by_table = {  # words shown as tr(word), from a table
        "QuickLog": DEFAULT_SOURCES,
        "History": (*DEFAULT_SOURCES, *(kind.value for kind in Kind)),
    }
    for context, shown in by_table.items():
        missing += [(context, word) for word in shown if (context, word) not in known]
    assert missing == []
    qm = UI / "i18n" / "flowtally_nl.qm"
    assert qm.stat().st_mtime >= (UI / "i18n" / "flowtally_nl.ts").stat().st_mtime - 1
