"""The dashboard, driven like a user drives it: real widgets, its real worker thread, a real
SQLite file. What is drawn is checked through the artists' data against the weekly report."""

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolTip, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.gui.dashboard import Dashboard
from app.gui.dashboard_protocol import Reload
from data.store import Store
from tracker.dashboard import WeekView
from tracker.history import Part
from tracker.model import Block, Interruption, Pause
from tracker.report import week_bounds, week_report
from tracker.settings import ModelParams
from tracker.types import PERIOD_BANDS, Kind
from ui.chart_timeline import TIMELINE_LABEL
from ui.chart_view import theme_of
from ui.dashboard import DashboardWindow
from ui.history_dialogs import AddBlockDialog, AddInterruptionDialog

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ZONE = "Europe/Amsterdam"
PARAMS = ModelParams(15, 30, 25)
W47 = date(2026, 11, 16)
ARTIFACTS = Path(__file__).resolve().parents[3] / ".artifacts"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local (UTC+1 in November) time as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def seeded_blocks() -> list[Block]:
    blocks = []
    for week in (W47 - timedelta(weeks=1), W47):
        for offset in range(5):
            day = week + timedelta(days=offset)
            blocks.append(
                Block(
                    at(day, 9),
                    at(day, 11, 30),
                    "API design",
                    (Pause(at(day, 10, 30), at(day, 10, 40)),),
                    tuple(
                        Interruption(at(day, 9, 20 + 15 * i), None, kind, source, note)
                        for i, (kind, source, note) in enumerate(
                            [
                                (Kind.EXTERNAL, "chat", "payload question"),
                                (Kind.INTERNAL, "self", None),
                            ][: 1 + offset % 2]
                        )
                    ),
                    timezone=ZONE,
                )
            )
            length = timedelta(minutes=20 + 40 * (offset % 3))  # 20, 60 or 100 minutes
            blocks.append(Block(at(day, 14), at(day, 14) + length, timezone=ZONE))
    return blocks


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = str(tmp_path / "dash.sqlite3")
    with Store.open(url) as store:
        store.import_blocks(seeded_blocks())
    return url


@pytest.fixture
def dashboard(qtbot: QtBot, database: str) -> Iterator[Dashboard]:
    board = Dashboard(database, PARAMS, ZONE)
    qtbot.addWidget(board.window)
    board.show(W47)
    qtbot.waitUntil(lambda: board.window.view is not None, timeout=20_000)
    yield board
    board.close()


def expected_report(database: str, monday: date = W47) -> dict[str, object]:
    with Store.open(database) as store:
        blocks = store.blocks_between(*week_bounds(monday, ZONE))
    return week_report(blocks, PARAMS, ZONE, monday).as_json()


def window_of(dashboard: Dashboard) -> DashboardWindow:
    return dashboard.window


def shown(window: DashboardWindow) -> WeekView:
    assert window.view is not None
    return window.view


def row(window: DashboardWindow, index: int) -> QTreeWidgetItem:
    item = window.history.topLevelItem(index)
    assert item is not None
    return item


def bar_heights(patches: Iterable[object], gid: str | None = None) -> list[float]:
    from matplotlib.patches import Rectangle

    return [
        round(p.get_height(), 6)
        for p in patches
        if isinstance(p, Rectangle) and (gid is None or p.get_gid() == gid)
    ]


def show_tab(qtbot: QtBot, window: DashboardWindow, key: str) -> None:
    index = next(
        i
        for i in range(window.tabs.count())
        if (tab := window.tabs.widget(i)) is not None and tab.objectName() == key
    )
    window.tabs.setCurrentIndex(index)
    qtbot.waitUntil(lambda: drawn(window, key), timeout=20_000)


def drawn(window: DashboardWindow, key: str) -> bool:
    """The page shows the week on screen, drawn (by the worker) at the page's size."""
    rendered = window.pages[key].rendered
    return (
        rendered is not None
        and window.view is not None
        and rendered.view.report is window.view.report
    )


def figure_of(window: DashboardWindow, key: str) -> "Figure":
    rendered = window.pages[key].rendered
    assert rendered is not None
    return rendered.figure


def save(window: DashboardWindow, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    QApplication.processEvents()
    assert window.grab().save(str(ARTIFACTS / name))


def heights(window: DashboardWindow, page: str, axes: int, gid: str) -> list[float]:
    return bar_heights(figure_of(window, page).axes[axes].patches, gid)


def test_the_week_charts_draw_the_reports_numbers(
    qtbot: QtBot, dashboard: Dashboard, database: str
) -> None:
    window = window_of(dashboard)
    show_tab(qtbot, window, "week")
    days = expected_report(database)["days"]
    assert isinstance(days, list)
    for band in PERIOD_BANDS:
        assert heights(window, "week", 0, band) == [d["periods_by_length"][band] for d in days]
    for gid, key in (
        ("ramp-up", "rampup_min"),
        ("deep", "deep_min"),
        ("flow", "flow_min"),
        ("interrupted", "interrupted_min"),
    ):
        assert heights(window, "week", 1, gid) == pytest.approx([d[key] for d in days], abs=0.01)
    totals = expected_report(database)["totals"]
    assert isinstance(totals, dict)
    card = window.findChild(QLabel, "card-periods")
    assert card is not None
    assert card.text() == str(totals["periods"])
    assert card.toolTip().startswith("Stretches of at least 25 minutes without an interruption")
    for name in ("e_factor", "recovery_min", "periods"):  # each card says what it means
        assert window.findChild(QLabel, f"card-{name}").toolTip()  # type: ignore[union-attr]
    save(window, "dashboard-week.png")


def test_weeks_are_navigated_with_the_keyboard(qtbot: QtBot, dashboard: Dashboard) -> None:
    window = window_of(dashboard)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.view is not None and window.view.report.week == "2026-W46")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.view is not None and window.view.report.week == "2026-W47")
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    this_week = datetime.now(ZoneInfo(ZONE)).date().isocalendar()  # the dashboard's zone
    qtbot.waitUntil(
        lambda: (
            window.view is not None
            and window.view.report.week == f"{this_week[0]}-W{this_week[1]:02d}"
        )
    )


def test_the_other_pages_and_the_hover_on_a_mark(qtbot: QtBot, dashboard: Dashboard) -> None:
    window = window_of(dashboard)
    show_tab(qtbot, window, "interruptions")
    save(window, "dashboard-interruptions.png")
    show_tab(qtbot, window, "trend")
    trend_bars = bar_heights(figure_of(window, "trend").axes[0].patches)
    assert len(trend_bars) == 12
    view = shown(window)
    assert trend_bars[-2:] == [
        view.trend[-2].totals.periods / 5,
        view.trend[-1].totals.periods / 5,
    ]
    save(window, "dashboard-trend.png")
    show_tab(qtbot, window, "timeline")
    save(window, "dashboard-timeline.png")
    page = window.pages["timeline"]
    figure = figure_of(window, "timeline")
    ax = next(a for a in figure.axes if a.get_label() == TIMELINE_LABEL)
    monday_mark = shown(window).days[0].marks[0]
    x, y = ax.transData.transform((monday_mark.at_h, -0.45))
    ratio = figure.dpi / 100
    _, pixel_height = figure.canvas.get_width_height(physical=True)
    qtbot.mouseMove(page, QPoint(round(x / ratio), round((pixel_height - y) / ratio)))
    qtbot.waitUntil(lambda: page.hovered is monday_mark)
    qtbot.waitUntil(lambda: "payload question" in QToolTip.text())
    assert QToolTip.text().startswith("09:20 external · chat")


def test_a_history_edit_redraws_and_undoes(
    qtbot: QtBot, dashboard: Dashboard, database: str
) -> None:
    window = window_of(dashboard)
    history = window.history
    window.tabs.setCurrentWidget(window.history_tab)
    first = row(window, 0)
    history.setCurrentItem(first)
    history.editItem(first, 2)
    editor = history.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Home)  # moves the cursor, not the dashboard's week
    assert editor.cursorPosition() == 0
    qtbot.wait(300)
    assert shown(window).report.week == "2026-W47"
    editor.selectAll()
    qtbot.keyClicks(editor, "Spec review")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    def task_of_first() -> str | None:
        with Store.open(database) as store:
            return store.blocks_between(*week_bounds(W47, ZONE))[0].task

    qtbot.waitUntil(lambda: task_of_first() == "Spec review")
    qtbot.waitUntil(lambda: window.view is not None and window.view.blocks[0].task == "Spec review")
    qtbot.waitUntil(lambda: window.undo_action.isEnabled())
    save(window, "dashboard-history.png")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: task_of_first() == "API design")
    qtbot.waitUntil(lambda: window.redo_action.isEnabled())
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: task_of_first() == "Spec review")


def test_deleting_an_interruption_updates_the_charts_and_undo_restores_it(
    qtbot: QtBot, dashboard: Dashboard, database: str
) -> None:
    window = window_of(dashboard)
    window.tabs.setCurrentWidget(window.history_tab)
    before = expected_report(database)["totals"]["interruptions"]  # type: ignore[index]
    interruption = row(window, 0).child(0)
    assert interruption is not None
    window.history.setCurrentItem(interruption)
    qtbot.keyClick(window.history, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: window.view is not None and window.view.report.totals.interruptions == before - 1
    )
    assert expected_report(database)["totals"]["interruptions"] == before - 1  # type: ignore[index]
    qtbot.wait(9000)  # longer than a passing message lasts: the way back stays in sight
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.history.setCurrentItem(row(window, 1))  # the user looks elsewhere meanwhile
    window.undo_action.trigger()
    qtbot.waitUntil(
        lambda: window.view is not None and window.view.report.totals.interruptions == before
    )
    assert expected_report(database)["totals"]["interruptions"] == before  # type: ignore[index]
    qtbot.waitUntil(lambda: window.history.currentItem() is row(window, 0).child(0))
    assert window.history.selected() == (shown(window).blocks[0], Part.INTERRUPTION, 0)
    assert "Ctrl+Shift+Z" in window.statusBar().currentMessage()


def test_an_impossible_edit_is_refused_and_nothing_changes(
    qtbot: QtBot, dashboard: Dashboard, database: str
) -> None:
    window = window_of(dashboard)
    window.tabs.setCurrentWidget(window.history_tab)
    row(window, 0).setText(1, "08:00")  # an end before the start
    qtbot.waitUntil(lambda: "must end after it starts" in window.statusBar().currentMessage())
    assert expected_report(database) == expected_report(database)
    with Store.open(database) as store:
        stored = store.blocks_between(*week_bounds(W47, ZONE))[0]
    assert stored.end == at(W47, 11, 30)
    qtbot.waitUntil(lambda: row(window, 0).text(1) == "11:30")
    # A forgotten block that overlaps another is refused with the reason too.
    window.block_add_requested.emit("2026-11-16 11:00", "12:00", "")
    qtbot.waitUntil(lambda: "overlap" in window.statusBar().currentMessage())


def test_a_forgotten_block_and_interruption_are_added(
    qtbot: QtBot, dashboard: Dashboard, database: str
) -> None:
    window = window_of(dashboard)
    window.tabs.setCurrentWidget(window.history_tab)
    window.history.setCurrentItem(row(window, 0))
    window.ask_block()
    add_block = window.dialog
    assert isinstance(add_block, AddBlockDialog)
    # The selected block's day, Monday, is taken 09:00-11:30: a free hour follows it.
    assert (add_block.start.text(), add_block.end.text()) == ("2026-11-16 11:30", "12:30")
    add_block.start.setText("2026-11-16 11:00")  # overlaps 09:00-11:30
    add_block.accept()
    qtbot.waitUntil(lambda: add_block.problem.isVisible())
    assert add_block.isVisible()  # refused: still open, with the reason and what was typed
    assert "overlap" in add_block.problem.text()
    assert add_block.start.text() == "2026-11-16 11:00"
    add_block.grab().save(str(ARTIFACTS / "dashboard-add-block-refused.png"))
    add_block.start.setText("2026-11-21 10:00")
    add_block.end.setText("11:15")
    add_block.task.setText("Saturday writing")
    add_block.accept()
    qtbot.waitUntil(lambda: not add_block.isVisible())
    qtbot.waitUntil(
        lambda: (
            window.view is not None
            and any(b.task == "Saturday writing" for b in window.view.blocks)
        )
    )
    saturday = next(
        i
        for i in range(window.history.topLevelItemCount())
        if row(window, i).text(2) == "Saturday writing"
    )
    window.history.setCurrentItem(row(window, saturday))
    window.ask_interruption()
    add_interruption = window.dialog
    assert isinstance(add_interruption, AddInterruptionDialog)
    add_interruption.at.setText("10:30")
    add_interruption.minutes.setText("5")
    add_interruption.note.setText("doorbell")
    add_interruption.accept()
    qtbot.waitUntil(
        lambda: window.view is not None and window.view.report.days[5][1].interruptions == 1
    )
    report = expected_report(database)
    saturday_report = report["days"][5]  # type: ignore[index]
    assert saturday_report["tracked_min"] == 75
    assert saturday_report["interrupted_min"] == 5


def test_exports_from_the_dashboard(qtbot: QtBot, dashboard: Dashboard, tmp_path: Path) -> None:
    window = window_of(dashboard)
    for suffix in ("pdf", "png", "html", "csv", "json", "ics"):
        target = tmp_path / f"week.{suffix}"
        window.export_requested.emit(str(target))
        qtbot.waitUntil(target.exists, timeout=20_000)
        assert target.stat().st_size > 0
    calendar = Calendar.from_ical((tmp_path / "week.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 10
    assert sorted(str(e["summary"]) for e in events).count("Focus: API design") == 5
    # The Export… button opens in the documents folder; a name without a suffix takes the
    # chosen filter's.
    documents = tmp_path / "Documenten"
    documents.mkdir()
    config = Path(os.environ["XDG_CONFIG_HOME"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{documents}"\n')
    window.choose_export()
    dialog = window.export_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert Path(dialog.directory().absolutePath()) == documents
    assert dialog.selectedFiles() == [str(documents / "flowtally-2026-W47.pdf")]
    dialog.selectNameFilter("Calendar of the week's blocks (*.ics)")
    dialog.selectFile(str(tmp_path / "chosen"))
    dialog.accept()
    qtbot.waitUntil(lambda: (tmp_path / "chosen.ics").exists(), timeout=20_000)
    qtbot.waitUntil(lambda: "Exported 2026-W47" in window.statusBar().currentMessage())


def test_charts_follow_a_dark_palette(qtbot: QtBot, dashboard: Dashboard) -> None:
    window = window_of(dashboard)
    palette = window.palette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.AlternateBase, "#24262a"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.Button, "#2b2d31"),
        (QPalette.ColorRole.ButtonText, "#eeeeee"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(role, QColor(colour))
    theme = theme_of(palette)
    assert (theme.background, theme.foreground) == ("#202124", "#eeeeee")
    window.setPalette(palette)
    dashboard.worker.requested.emit(Reload(True))
    show_tab(qtbot, window, "trend")
    qtbot.waitUntil(
        lambda: (
            figure_of(window, "trend").get_facecolor()[:3]
            == pytest.approx((0x20 / 255, 0x21 / 255, 0x24 / 255))
        )
    )
    save(window, "dashboard-dark.png")


def test_a_change_made_elsewhere_redraws_the_cards_and_every_chart_of_its_week(
    qtbot: QtBot, dashboard: Dashboard, database: str
) -> None:
    """``flowtally interrupt --at`` from a terminal into the week on screen, a settled week
    whose report the dashboard keeps: the refresh the app sends after it shows it
    everywhere at once."""
    window = window_of(dashboard)
    show_tab(qtbot, window, "interruptions")
    before = shown(window).report.as_json()
    (first, *_rest) = shown(window).blocks
    assert first.end is not None
    at = first.start + (first.end - first.start) / 3
    with Store.open(database) as store:  # another process: the CLI
        store.interrupt(Interruption(at, None, Kind.EXTERNAL, "call", timezone=ZONE))
    dashboard.refresh()
    qtbot.waitUntil(lambda: shown(window).report.as_json() != before, timeout=10_000)
    assert shown(window).report.as_json() == expected_report(database)
    qtbot.waitUntil(lambda: drawn(window, "interruptions"), timeout=10_000)  # the same view
    show_tab(qtbot, window, "week")  # and the page drawn before the change, drawn again


@pytest.mark.parametrize(
    "keys",
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_esc_and_ctrl_w_close_the_dashboard_but_esc_in_an_editor_only_cancels_it(
    qtbot: QtBot, dashboard: Dashboard, keys: tuple[Qt.Key, Qt.KeyboardModifier]
) -> None:
    window = window_of(dashboard)
    window.tabs.setCurrentWidget(window.history_tab)
    first = row(window, 0)
    window.history.setCurrentItem(first)
    window.history.editItem(first, 2)
    editor = window.history.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(100)
    assert window.isVisible()  # Esc ended the edit only
    window.activateWindow()
    qtbot.keyClick(window.history, keys[0], keys[1])
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
