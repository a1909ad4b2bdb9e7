"""The dashboard: one ISO week at a glance, its charts, its day timeline and its history.

It shows a :class:`tracker.dashboard.WeekView` handed to it and asks for everything else
(another week, an edit, an undo, an export, an import) with signals; the app does the work
off the GUI thread. matplotlib loads with the first chart drawn, not with this module.
"""

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tracker.dashboard import WeekView
from tracker.history import Part
from tracker.i18n import day_name, month_name
from tracker.model import Block
from tracker.team import TeamWeek
from ui.chart_style import words
from ui.chart_view import ChartView, theme_of
from ui.charts import PAGES
from ui.charts_render import RenderedPage
from ui.headline_cards import HeadlineCards
from ui.history_dialogs import AddBlockDialog, AddInterruptionDialog, block_form, block_start
from ui.history_table import HistoryTable
from ui.team_page import TeamPage
from ui.week_export import export_dialog, with_suffix


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


class DashboardWindow(QMainWindow):
    week_requested = Signal(object)  # a date in the week; None: this week
    reload_requested = Signal(bool)
    edit_requested = Signal(object, str, int, str, str)
    block_add_requested = Signal(str, str, str)
    interruption_add_requested = Signal(object, str, str, str, str, str)
    remove_requested = Signal(object, str, int)
    undo_requested = Signal()
    redo_requested = Signal()
    export_requested = Signal(str)
    import_requested = Signal()
    render_requested = Signal(object)  # PageSpec: the visible chart page, as it is now
    team_requested = Signal(object)  # the Monday of the team's week to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Flowtally dashboard"))
        self.resize(1100, 760)
        self.view: WeekView | None = None
        self.monday: date | None = None
        self.pages: dict[str, ChartView] = {}
        self.export_dialog: QFileDialog | None = None

        self._build_toolbar()
        central = QWidget()
        layout = QVBoxLayout(central)
        self.cards = HeadlineCards()
        layout.addWidget(self.cards)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_chart_pages()
        self._build_history_tab()
        self.tabs.currentChanged.connect(self._tab_shown)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.history, self.delete_selected)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_requested.emit)
        self.statusBar().showMessage(tr("Loading…"))
        self.dialog: AddBlockDialog | AddInterruptionDialog | None = None
        self.team_page: TeamPage | None = None
        """The Team tab, there while the sync target is a team's database."""
        self._team_shown: date | None = None

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Week"))
        bar.setMovable(False)
        self.addToolBar(bar)
        # Alt+ keys only: plain Home and PgUp/PgDown belong to the history table and its editors.
        self.previous_action = self._action(
            bar, tr("◀ Previous week"), self.previous_week, "Alt+Left"
        )
        self.this_action = self._action(bar, tr("This week"), self.this_week, "Alt+Home")
        self.next_action = self._action(bar, tr("Next week ▶"), self.next_week, "Alt+Right")
        bar.addSeparator()
        self.week_label = QLabel()
        self.week_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.week_label)
        bar.addSeparator()
        self.undo_action = self._action(bar, tr("Undo"), self.undo_requested.emit, "Ctrl+Z")
        self.redo_action = self._action(
            bar, tr("Redo"), self.redo_requested.emit, "Ctrl+Shift+Z", "Ctrl+Y"
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._action(bar, tr("Reload"), lambda: self.reload_requested.emit(True), "F5")
        self._action(bar, tr("Export…"), self.choose_export, "Ctrl+E")

    def _build_chart_pages(self) -> None:
        titles = {
            "week": tr("Week"),
            "interruptions": tr("Interruptions"),
            "trend": tr("Last 12 weeks"),
            "timeline": tr("Day timeline"),
        }
        for key, _ in PAGES:
            page = ChartView(key, words)
            page.setObjectName(key)
            page.render_wanted.connect(self.render_requested)
            self.pages[key] = page
            self.tabs.addTab(page, titles[key])

    def _build_history_tab(self) -> None:
        history = self.history_tab = QWidget()
        history_layout = QVBoxLayout(history)
        self.history = HistoryTable()
        self.history.edit_requested.connect(self.edit_requested)
        history_layout.addWidget(self.history)
        buttons = QGridLayout()
        for column, (text, slot) in enumerate(
            (
                (tr("Add block…"), self.ask_block),
                (tr("Add interruption…"), self.ask_interruption),
                (tr("Delete"), self.delete_selected),
                (tr("Import history…"), self.import_requested.emit),
            )
        ):
            buttons.addWidget(button := QPushButton(text), 0, column)
            button.clicked.connect(slot)
        history_layout.addLayout(buttons)
        self.tabs.addTab(history, tr("History"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window, as in any dialog; an editor that takes Esc (a history cell
        being edited) keeps it, as it never reaches here."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.close()
            return
        super().keyPressEvent(event)

    def _action(self, bar: QToolBar, text: str, slot: object, *keys: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(f"{text} ({', '.join(keys)})" if keys else text)
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    # ---------------------------------------------------------------- what is shown

    def show_view(self, view: WeekView) -> None:
        """Show a week: headline cards, the visible chart page at once, the others when
        their tab is opened, and the history table."""
        self.view = view
        another_week = self.monday != view.report.days[0][0]
        self.monday = view.report.days[0][0]
        sunday = self.monday + timedelta(days=6)
        self.week_label.setText(
            f"  {view.report.week} · {self.monday:%d} {month_name(self.monday)} - "
            f"{sunday:%d} {month_name(sunday)} {sunday:%Y} · "
            f"{view.report.timezone}  "
        )
        self.setWindowTitle(f"{tr('Flowtally dashboard')} · {view.report.week}")
        self.cards.show_view(view)
        current = self.tabs.currentWidget()
        if current is self.history_tab:
            self.history.show_view(view)
        elif isinstance(current, ChartView):
            # Later weeks usually arrive drawn already (the worker draws ahead); the page asks
            # only for what it does not have.
            current.request(self.monday, theme_of(self.palette()))
        elif current is self.team_page and another_week:
            self._ask_team()
        if another_week:  # the same week redrawn after an edit keeps the edit's line
            self.statusBar().showMessage(tr("Showing %1").replace("%1", view.report.week), 4000)

    def show_trend(self, view: WeekView) -> None:
        """The week on screen with its whole trend: only the Trend page draws more than the
        week and the one before, which it was first shown from."""
        trend = self.pages["trend"]
        if view.report.days[0][0] == self.monday:
            self.view = view
            if self.tabs.currentWidget() is trend:
                trend.request(view.report.days[0][0], theme_of(self.palette()))

    def _tab_shown(self, index: int) -> None:
        """The history is filled, and a chart page asked for, when its tab is opened."""
        widget = self.tabs.widget(index)
        if self.view is None or widget is None:
            return
        if widget is self.history_tab:
            if self.history.view is not self.view:
                self.history.show_view(self.view)
        elif isinstance(widget, ChartView) and self.monday is not None:
            widget.request(self.monday, theme_of(self.palette()))
        elif widget is self.team_page and self._team_shown != self.monday:
            self._ask_team()

    # ---------------------------------------------------------------- the team

    def set_team(self, team: str | None) -> None:
        """Offer the Team tab while the sync target is a team's database (``team``)."""
        if team is not None and self.team_page is None:
            self.team_page = TeamPage()
            self.team_page.setObjectName("team")
            self.tabs.addTab(self.team_page, tr("Team"))
        elif team is None and self.team_page is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.team_page))
            self.team_page.deleteLater()
            self.team_page, self._team_shown = None, None

    def _ask_team(self) -> None:
        if self.monday is not None:
            self._team_shown = self.monday
            self.team_requested.emit(self.monday)

    def show_team(self, team: str, week: TeamWeek) -> None:
        if self.team_page is None or self.monday is None:
            return
        days = [day_name(self.monday + timedelta(days=i)) for i in range(7)]
        self.team_page.show_week(team, week, days)

    def show_team_problem(self, message: str) -> None:
        if self.team_page is not None:
            self._team_shown = None  # asked again when the tab is opened again
            self.team_page.show_problem(message)

    def changeEvent(self, event: QEvent) -> None:
        """A switch between the light and dark palette redraws the charts in its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tab_shown(self.tabs.currentIndex())

    def show_rendered(self, rendered: RenderedPage) -> None:
        """A page drawn by the worker: shown if it is still the week on screen."""
        page = self.pages.get(rendered.spec.page)
        if page is not None and rendered.monday == self.monday:
            page.show_rendered(rendered)

    def show_error(self, message: str) -> None:
        """A refused edit or a failed export: say why, and show the stored state again."""
        self.statusBar().showMessage(f"⚠ {message}")
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refused(message)  # the form stays open, with what was typed
        if self.view is not None:
            self.history.show_view(self.view)

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_change(
        self, message: str, focus: tuple[Block, Part, int] | None, undone: bool
    ) -> None:
        """A stored edit, undo or redo: point at the record it touched, and keep saying how
        to take it back until the next action replaces the line."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.stored()
        hint = tr("Ctrl+Shift+Z redoes it") if undone else tr("Ctrl+Z undoes it")
        self.statusBar().showMessage(f"{message} · {hint}")
        if focus is not None:
            self.history.point_at(*focus)

    def set_history_state(self, undo_label: str, redo_label: str) -> None:
        self.undo_action.setEnabled(bool(undo_label))
        self.redo_action.setEnabled(bool(redo_label))
        self.undo_action.setToolTip(f"{tr('Undo')} {undo_label} (Ctrl+Z)" if undo_label else "")
        self.redo_action.setToolTip(
            f"{tr('Redo')} {redo_label} (Ctrl+Shift+Z)" if redo_label else ""
        )

    # ---------------------------------------------------------------- navigation

    def _ask_week(self, target: date | None) -> None:
        self.statusBar().showMessage(tr("Loading…"))
        self.week_requested.emit(target)

    def previous_week(self) -> None:
        if self.monday is not None:
            self._ask_week(self.monday - timedelta(weeks=1))

    def next_week(self) -> None:
        if self.monday is not None:
            self._ask_week(self.monday + timedelta(weeks=1))

    def this_week(self) -> None:
        self._ask_week(None)

    # ---------------------------------------------------------------- history

    def ask_block(self) -> None:
        """The form for a forgotten block, offering a free hour on the selected block's day
        (or today in this week, or the week's Monday)."""
        if self.view is None or self.monday is None:
            return
        selected = self.history.selected()
        chosen = selected[0] if selected is not None else None
        dialog = block_form(self.view, self.monday, chosen, self)
        dialog.add_requested.connect(self.block_add_requested)
        self.dialog = dialog
        dialog.open()

    def ask_interruption(self) -> None:
        selected = self.history.selected()
        if selected is None or self.view is None:
            self.show_error(tr("Select the block the interruption belongs to first."))
            return
        block = selected[0]
        dialog = AddInterruptionDialog(block_start(block, self.view), self)
        dialog.add_requested.connect(
            lambda *typed: self.interruption_add_requested.emit(block, *typed)
        )
        self.dialog = dialog
        dialog.open()

    def delete_selected(self) -> None:
        selected = self.history.selected()
        if selected is None:
            return
        block, part, index = selected
        self.remove_requested.emit(block, part.value, index)
        what = {Part.BLOCK: tr("block"), Part.PAUSE: tr("pause")}.get(part, tr("interruption"))
        self.statusBar().showMessage(
            tr("Deleting the %1… (Ctrl+Z undoes it)").replace("%1", what), 8000
        )

    # ---------------------------------------------------------------- export

    def choose_export(self) -> None:
        """Ask where to export, starting in the documents folder (where people look for a
        report afterwards), not wherever the app happened to be started from."""
        self.export_dialog = export_dialog(self, self.view.report.week if self.view else "week")
        self.export_dialog.fileSelected.connect(self._export_to)
        self.export_dialog.open()

    def _export_to(self, path: str) -> None:
        assert self.export_dialog is not None
        self.statusBar().showMessage(tr("Exporting…"))
        self.export_requested.emit(with_suffix(path, self.export_dialog.selectedNameFilter()))
