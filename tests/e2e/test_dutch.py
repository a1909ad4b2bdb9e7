"""Dutch, completely: every text a Dutch reader meets is Dutch. The real widgets (tray menu,
popup, settings, timer window, about, dashboard with its cards, history and forms), the
charts' texts and the CLI's answers and refusals are walked, and any English word fails.

English is recognised by words that Dutch does not share (``the``, ``block``, ``tracked``),
not by a dictionary: a text left untranslated always holds some of them. User data (task
names, notes) and command words (``flowtally back``) are taken out first.
"""

import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from pprint import pformat

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.gui.dashboard import Dashboard
from data.store import Store
from tests.app.cli_runner import FROM_SOURCE, ROOT
from tests.app.gui.test_dashboard import PARAMS, W47, ZONE, seeded_blocks
from tests.e2e.running_app import RunningApp
from tests.ui import statuses
from tracker.model import Block
from tracker.settings import ModelParams
from ui import icons, translations
from ui.about import AboutDialog, AboutFacts
from ui.chart_style import LIGHT
from ui.charts import PAGES, compose
from ui.checkin_window import CheckInWindow
from ui.history_dialogs import AddBlockDialog, AddInterruptionDialog
from ui.quick_log import QuickLogPopup
from ui.settings_dialog import SettingsDialog
from ui.timer_window import TimerWindow
from ui.tray import TrayView
from ui.welcome import WelcomeFacts, WelcomeWindow

_WORDS = """
the and to with was were has have not from this that these which when where what you
your it its an are been for at on by or than after before since until ago block blocks
interruption interruptions interrupted running paused stopped saved logged kept press
pressed minutes minute hours hour today yesterday undo undone back settings task tasks
none deep ramp period periods uninterrupted tracked recovery source sources kind
internal external meeting call person other self note notes day days mon tue wed thu
fri sat sun mar may oct error quit about chart charts phase phases longest breaks more
less started stops ends end week's goal shown showing loading delete deleted add added
edit edited export exported choose chosen new close
"""
ENGLISH = frozenset(_WORDS.split())
"""Words an untranslated text holds and a Dutch one does not (Dutch shares "start", "flow",
"focus", "week", "in", "is", "open", "per", "min", "dashboard" and "e-factor" with English, and the
CLI keeps its command names)."""
COMMAND = re.compile(r"'[^'\n]*'|flowtally [a-z-]+( --[a-z-]+)*|--[a-z-]+|[A-Z_]{3,}|\w+_\w+")
"""Commands, options, quoted input (a task, an example to type) and setting names."""
DATA = ("API design", "payload question", "doorbell", "Saturday writing")


def english_words(text: str) -> set[str]:
    for data in DATA:
        text = text.replace(data, "")
    text = re.sub(r"<[^>]+>", " ", COMMAND.sub(" ", text))  # commands, then HTML tags
    text = re.sub(r"\S+/\S+|\S+\.(sqlite3|json|log)\b", " ", text)  # paths and file names
    return {word for word in re.findall(r"[^\W\d_]+", text.lower()) if word in ENGLISH}


def english_in(texts: Iterable[str]) -> dict[str, set[str]]:
    return {text: found for text in texts if text and (found := english_words(text))}


def widget_texts(root: QWidget) -> Iterator[str]:
    """What a reader of ``root`` can see: titles, labels, buttons, menus, tooltips, tabs,
    table headers and cells, list items and placeholders."""
    for widget in [root, *root.findChildren(QWidget)]:
        yield widget.windowTitle() if widget.isWindow() else ""
        yield widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget.text()
        elif isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabWidget):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            yield from (header.text(c) for c in range(header.columnCount()))
            for item in widget.findItems(
                "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
            ):
                yield from (item.text(c) for c in range(item.columnCount()))
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                if (title := widget.horizontalHeaderItem(column)) is not None:
                    yield title.text()
                for row in range(widget.rowCount()):
                    if (cell := widget.item(row, column)) is not None:
                        yield cell.text()
        elif isinstance(widget, QMenu):
            yield from menu_texts(widget)
        if isinstance(widget, QMainWindow):
            yield widget.statusBar().currentMessage()
    for action in root.findChildren(QAction):
        yield action.text()
        yield action.toolTip()


def menu_texts(menu: QMenu) -> Iterator[str]:
    for action in menu.actions():
        if action.isVisible():
            yield action.text()
            if isinstance(submenu := action.menu(), QMenu):
                yield from menu_texts(submenu)


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    installed = translations.install(qapp, QLocale("nl_NL"))
    yield
    translations.remove(qapp, installed)


def test_the_widgets_speak_dutch(qtbot: QtBot, dutch: None, tmp_path: Path) -> None:
    seen: list[str] = []
    tray = TrayView(ModelParams())
    for status in (
        statuses.idle(),
        statuses.running(10),
        statuses.running(47),
        statuses.paused(),
        statuses.interrupted(),
    ):
        tray.show_status(status)
        tray._fill_start_menu()
        seen += [tray.tray.toolTip(), *menu_texts(tray.menu)]
    popup = QuickLogPopup()
    qtbot.addWidget(popup)
    going_on = statuses.interrupted().interruption
    assert going_on is not None
    popup.show_for(going_on, "10:58")
    seen += widget_texts(popup)
    timer = TimerWindow("er is geen systeemvak")
    qtbot.addWidget(timer)
    status = statuses.running(47)
    timer.show_status(status, icons.look_of(status, ModelParams()))
    seen += widget_texts(timer)
    settings = SettingsDialog()
    qtbot.addWidget(settings)
    seen += widget_texts(settings)
    about = AboutDialog(AboutFacts("1.0", str(tmp_path / "x.sqlite3"), str(tmp_path)))
    qtbot.addWidget(about)
    seen += widget_texts(about)
    welcome = WelcomeWindow(
        WelcomeFacts("<ctrl>+<alt>+<shift>+i", None, "x.sqlite3", "s.json", "log"), ModelParams()
    )
    qtbot.addWidget(welcome)
    welcome.try_button.click()
    seen += widget_texts(welcome)
    welcome.hotkey_heard()
    welcome.hotkey_saved("<ctrl>+<alt>+k", None)
    seen += widget_texts(welcome)
    welcome.show_hotkey("<ctrl>+<alt>+k", "x")
    seen += widget_texts(welcome)
    checkin = CheckInWindow()
    qtbot.addWidget(checkin)
    checkin.ask_now("10:42")
    seen += widget_texts(checkin)
    checkin.ask_about_end("10:42")
    seen += widget_texts(checkin)
    settings.calibration.waiting()
    seen += widget_texts(settings)
    for form in (AddBlockDialog("2026-11-16 09:00", "10:00"), AddInterruptionDialog("09:30")):
        qtbot.addWidget(form)
        seen += widget_texts(form)
    assert not (found := english_in(seen)), pformat(found)


def test_the_dashboard_and_its_charts_speak_dutch(
    qtbot: QtBot, dutch: None, tmp_path: Path
) -> None:
    database = str(tmp_path / "dash.sqlite3")
    with Store.open(database) as store:
        store.import_blocks(seeded_blocks())
    board = Dashboard(database, PARAMS, ZONE)
    qtbot.addWidget(board.window)
    board.show(W47)
    qtbot.waitUntil(lambda: board.window.view is not None, timeout=20_000)
    window = board.window
    seen = list(widget_texts(window))
    window.tabs.setCurrentWidget(window.history_tab)
    qtbot.waitUntil(lambda: window.history.topLevelItemCount() > 0)
    window.history.expandAll()
    seen += widget_texts(window)
    window.tabs.setCurrentWidget(board.forecast)
    qtbot.waitUntil(lambda: board.forecast.forecast is not None, timeout=20_000)
    seen += widget_texts(window)
    window.tabs.setCurrentWidget(board.checkins)
    qtbot.waitUntil(lambda: board.checkins.loaded, timeout=20_000)
    seen += widget_texts(window)
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    view = window.view
    assert view is not None
    for page, _ in PAGES:
        figure = Figure(figsize=(11, 7.5))
        compose(figure, page, view, LIGHT)
        figure.canvas.draw()  # tick labels exist once drawn
        seen += [text.get_text() for text in figure.findobj(Text)]
    board.close()
    assert not (found := english_in(seen)), pformat(found)


def cli(database: Path, home: Path, *args: str) -> str:
    result = subprocess.run(
        [*FROM_SOURCE, "--db", str(database), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "LANGUAGE": "nl",
            "LANG": "nl_NL.UTF-8",
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_RUNTIME_DIR": str(home),
        },
    )
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


def test_the_cli_answers_and_refuses_in_dutch(tmp_path: Path) -> None:
    database = tmp_path / "cli.sqlite3"
    earlier = datetime.now(UTC) - timedelta(days=1)
    with Store.open(str(database)) as store:
        store.import_blocks([Block(earlier, earlier + timedelta(hours=1), "gisteren")])
    said = [
        cli(database, tmp_path, *command)
        for command in (
            ("start", "--task", "schrijven", "--at=-50m"),
            ("checkin", "4"),
            ("interrupt",),
            ("interrupt",),
            ("checkin", "skip"),
            ("status",),
            ("status", "--line"),
            ("back",),
            ("interrupt", "--minutes", "3", "--source", "chat"),
            ("pause",),
            ("resume",),
            ("undo",),
            ("stop",),
            ("back",),
            ("add", "--from=-3h", "--to=-2h", "--task", "lezen"),
            ("add", "--from=-30m", "--to=-20m"),
            ("start", "--at", "gisteravond"),
            ("interrupt", "--minutes", "5000"),
            ("settings", "flow_after_min=abc"),
            ("settings", "hotkey=a"),
            ("settings", "quiet_from=soms"),
            ("settings",),
            ("report",),
            ("calibrate",),
            ("trend", "--weeks", "2"),
            ("dashboard", "--week", "2026-W60"),
            ("export", "-o", str(tmp_path / "blokken.json")),
            ("import", str(tmp_path / "blokken.json")),
            ("import", str(tmp_path / "ontbreekt.json")),
            ("undo",),
            ("interrupt",),
            ("start", "--at-press"),
            ("stop",),
        )
    ]
    assert not (found := english_in(said)), pformat(found)
    assert any("Focusblok gestart" in line for line in said)  # the walk reached real answers


def test_the_running_app_answers_in_dutch(x_display: str, tmp_path: Path) -> None:
    """What the tray app itself says to a forwarded command, and to a second start."""
    dutch = {"LANGUAGE": "nl", "LANG": "nl_NL.UTF-8"}
    app = RunningApp(tmp_path / "app.sqlite3", x_display, extra_env=dutch).launch()
    try:
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
        answers = [
            app.cli(*command, check=False)
            for command in (
                ("settings", "quiet_from=flow"),  # "flow" reads the same in Dutch
                ("start", "--task", "schrijven"),
                ("status",),
                ("status", "--line"),
                ("dashboard",),
                ("dashboard", "--week", "2026-W60"),
                ("interrupt",),
                ("back",),
                ("stop",),
            )
        ]
        said = [answer.stdout + answer.stderr for answer in answers]
        second = subprocess.run(
            [*FROM_SOURCE, "--db", str(app.database)],
            cwd=ROOT,
            env=app.env,
            capture_output=True,
            text=True,
            check=False,
        )
        said.append(second.stdout + second.stderr)
    finally:
        assert app.quit() == 0
    said.append(app.stdout)
    assert not (found := english_in(said)), pformat(found)
    assert any("Het overzicht is open." in line for line in said)
