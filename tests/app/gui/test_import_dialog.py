"""The dashboard's import, as a user does it: Import… on the toolbar, a Toggl Track export
chosen, what it would bring read out with nothing written, then Import; the week shows the
entries hatched, their hover text naming the tool. In English and in Dutch."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip
from pytestqt.qtbot import QtBot

from app.gui.dashboard import Dashboard
from data.store import Store
from tests.app.gui.test_dashboard import ARTIFACTS, PARAMS, ZONE, figure_of, show_tab
from tests.tracker.foreign.writers import toggl_export
from tracker import i18n
from tracker.types import SegmentKind
from ui import translations
from ui.chart_timeline import TIMELINE_LABEL
from ui.import_dialog import ImportDialog

W45 = date(2026, 11, 2)


@pytest.fixture(params=["en", "nl"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    chosen = str(request.param)
    installed = translations.install(qapp, QLocale("nl_NL" if chosen == "nl" else "en_GB"))
    i18n.use(chosen)
    yield chosen
    i18n.use(None)
    translations.remove(qapp, installed)


def test_an_import_is_read_out_first_then_written_and_shown_hatched_with_its_tool(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    database = str(tmp_path / "f.sqlite3")
    Store.open(database).close()
    export = toggl_export(tmp_path)
    board = Dashboard(database, PARAMS, ZONE)
    qtbot.addWidget(board.window)
    try:
        _import_and_hover(qtbot, board, database, export, language)
    finally:
        board.close()


def _import_and_hover(
    qtbot: QtBot, board: Dashboard, database: str, export: Path, language: str
) -> None:
    board.show(W45)
    qtbot.waitUntil(lambda: board.window.view is not None, timeout=20_000)
    window = board.window
    window.tabs.setCurrentWidget(window.history_tab)
    label = "Geschiedenis importeren…" if language == "nl" else "Import history…"
    button = next(b for b in window.history_tab.findChildren(QPushButton) if b.text() == label)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert board.importing is not None
    dialog = board.importing.dialog
    assert isinstance(dialog, ImportDialog)
    dialog.use_file(str(export))
    dutch = language == "nl"
    first = "Uit Toggl Track: 2 blokken" if dutch else "From Toggl Track: 2 blocks"
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20_000)
    assert dialog.summary.text().startswith(first)
    left_out = "nog bezig (geen einde)" if dutch else "still running (no end)"
    assert left_out in dialog.summary.text()
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / f"import-dialog-{language}.png"))
    with Store.open(database) as store:
        assert store.all_blocks() == []  # read out, nothing written yet
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    done = "2 blokken geïmporteerd" if dutch else "Imported 2 blocks"
    qtbot.waitUntil(lambda: done in dialog.summary.text(), timeout=20_000)
    with Store.open(database) as store:
        assert len(store.all_blocks()) == 2
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # the shortcut
    qtbot.waitUntil(dialog.isVisible)
    dialog.close()
    qtbot.waitUntil(
        lambda: window.view is not None and bool(window.view.report.totals.unrecorded),
        timeout=20_000,
    )
    show_tab(qtbot, window, "timeline")
    page = window.pages["timeline"]
    rendered = page.rendered
    assert rendered is not None
    (left, top, right, bottom, bar), *_ = rendered.unrecorded
    assert bar.kind is SegmentKind.UNRECORDED
    qtbot.mouseMove(page, QPoint(1, 1))  # away first: the pointer may already be there
    qtbot.mouseMove(page, QPoint(round((left + right) / 2), round((top + bottom) / 2)))
    said = (
        "geen gegevens over onderbrekingen (geïmporteerd uit Toggl Track)"
        if dutch
        else "no interruption data (imported from Toggl Track)"
    )
    qtbot.waitUntil(lambda: said in QToolTip.text(), timeout=5_000)
    assert QToolTip.text().startswith("09:15-11:45 Site: Header")
    axes = next(a for a in figure_of(window, "timeline").axes if a.get_label() == TIMELINE_LABEL)
    assert any(c.get_gid() == "0:unrecorded" for c in axes.collections)
    window.grab().save(str(ARTIFACTS / f"import-timeline-{language}.png"))
