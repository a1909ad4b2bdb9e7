"""The dashboard: one ISO week at a glance, its charts, its day timeline and its history.

It shows a :class:`tracker.dashboard.WeekView` handed to it and asks for everything else
(another week, an edit, an undo, an export) with signals; the app does the work off the GUI
thread. matplotlib loads with the first chart drawn, not with this module.
"""

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette
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

from tracker import clock
from tracker.dashboard import Headline, HeadlineName, WeekView
from tracker.history import Part, free_slot
from tracker.i18n import day_name, month_name
from tracker.model import Block
from tracker.settings import ModelParams, load_zone
from tracker.team import TeamWeek
from ui.chart_style import DARK, LIGHT, Theme, headline_number, words
from ui.chart_view import ChartView
from ui.charts import PAGES
from ui.charts_render import RenderedPage
from ui.history_dialogs import AddBlockDialog, AddInterruptionDialog
from ui.history_table import HistoryTable, time_on_day
from ui.team_page import TeamPage


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


# Lower is better for these: a drop shows as good news.
EXPORT_FILTERS = (
    ("pdf", "PDF report (*.pdf)"),
    ("png", "PNG image (*.png)"),
    ("html", "HTML report (*.html)"),
    ("csv", "CSV of the week's blocks (*.csv)"),
    ("json", "JSON of the week's blocks (*.json)"),
    ("ics", "Calendar of the week's blocks (*.ics)"),
)


def headline_title(name: HeadlineName) -> str:
    return {
        HeadlineName.PERIODS: tr("Uninterrupted periods"),
        HeadlineName.E_FACTOR: tr("E-factor"),
        HeadlineName.FLOW_MIN: tr("Flow"),
        HeadlineName.LONGEST_STRETCH_MIN: tr("Longest stretch"),
        HeadlineName.RECOVERY_MIN: tr("Recovery"),
        HeadlineName.INTERRUPTIONS_PER_HOUR: tr("Interruptions per hour"),
    }[name]


def headline_meaning(name: HeadlineName, params: ModelParams) -> str:
    """What a card's number means, in one sentence (as ``model.md`` defines it)."""
    text = {
        HeadlineName.PERIODS: tr(
            "Stretches of at least {period} minutes without an interruption: the time in "
            "which deep work gets done."
        ),
        HeadlineName.E_FACTOR: tr(
            "Minutes inside uninterrupted periods divided by all tracked minutes: 1 means "
            "every tracked minute was in a long stretch, 0 none."
        ),
        HeadlineName.FLOW_MIN: tr(
            "Minutes in flow: the part of each uninterrupted stretch after its first "
            "{flow} minutes."
        ),
        HeadlineName.LONGEST_STRETCH_MIN: tr("The longest time worked without an interruption."),
        HeadlineName.RECOVERY_MIN: tr(
            "Ramp-up minutes after interruptions: the time it took to get back into focus, "
            "which the interruptions cost."
        ),
        HeadlineName.INTERRUPTIONS_PER_HOUR: tr("Interruptions logged per tracked hour."),
    }[name]
    return text.format(period=f"{params.min_period_min:g}", flow=f"{params.flow_after_min:g}")


def compared_with(view: WeekView, zone_name: str) -> str:
    """What the change on the cards is measured against."""
    until = view.compared_until
    if until is None:
        return tr("Changes: against the week before.")
    local = until.astimezone(load_zone(zone_name))
    when = f"{day_name(local)} {local:%H:%M}"
    return tr("Changes: against last week up to {when}, the same span of it.").format(when=when)


def headline_texts(h: Headline) -> tuple[str, str]:
    """The value and its change against the week before, as the cards show them."""
    value = headline_number(h.name, h.value)
    change = headline_number(h.name, h.change, signed=True)
    if h.unit == "min":
        return f"{value} min", f"{change} min"
    return value, change


def theme_of(palette: QPalette) -> Theme:
    """Charts in the colours of the system's light or dark palette."""
    window = palette.color(QPalette.ColorRole.Window)
    base = DARK if window.lightness() < 128 else LIGHT
    return Theme(
        background=window.name(),
        foreground=palette.color(QPalette.ColorRole.WindowText).name(),
        grid=base.grid,
    )


def documents_folder() -> Path:
    """The user's documents folder (XDG ``user-dirs``), or home when it does not exist."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    return folder if folder.is_dir() else Path.home()


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

        central = QWidget()
        layout = QVBoxLayout(central)
        self.cards = QGridLayout()
        self.compared_label = QLabel()  # what every card's change is measured against
        self.card_labels: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        layout.addLayout(self.cards)
        layout.addWidget(self.compared_label)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
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
        history = QWidget()
        self.history_tab = history
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
            )
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, 0, column)
        history_layout.addLayout(buttons)
        self.tabs.addTab(history, tr("History"))
        self.tabs.currentChanged.connect(self._tab_shown)
        delete = QAction(self)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.triggered.connect(self.delete_selected)
        self.history.addAction(delete)
        close = QAction(self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.triggered.connect(self.close)
        self.addAction(close)
        self.statusBar().showMessage(tr("Loading…"))
        self.dialog: AddBlockDialog | AddInterruptionDialog | None = None
        self.team_page: TeamPage | None = None
        """The Team tab, there while the sync target is a team's database."""
        self._team_shown: date | None = None

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
        self._show_cards(view)
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

    def _show_cards(self, view: WeekView) -> None:
        self.compared_label.setText(compared_with(view, view.report.timezone))
        for column, headline in enumerate(view.headlines):
            if headline.name not in self.card_labels:
                title = QLabel(headline_title(headline.name))
                big = QLabel()
                big.setObjectName(f"card-{headline.name}")
                font = big.font()
                font.setPointSizeF(font.pointSizeF() * 1.6)
                font.setBold(True)
                big.setFont(font)
                small = QLabel()
                self.cards.addWidget(title, 0, column)
                self.cards.addWidget(big, 1, column)
                self.cards.addWidget(small, 2, column)
                self.card_labels[headline.name] = (title, big, small)
            title_label, value_label, change_label = self.card_labels[headline.name]
            value, change = headline_texts(headline)
            value_label.setText(value)
            better = (headline.change < 0) == headline.name.lower_is_better
            colour = "#009E73" if better else "#D55E00"
            if abs(headline.change) < 1e-9:
                colour = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            change_label.setText(f'<span style="color:{colour}">{change}</span>')
            meaning = headline_meaning(headline.name, view.report.params)
            for label in (title_label, value_label, change_label):
                label.setToolTip(meaning)

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
        zone = load_zone(self.view.report.timezone)
        now = clock.now()
        today = now.astimezone(zone).date()
        selected = self.history.selected()
        if selected is not None:
            day = selected[0].start.astimezone(zone).date()
        else:
            day = today if self.monday <= today < self.monday + timedelta(weeks=1) else self.monday
        start, end = free_slot(self.view.blocks, day, zone, now)
        start_text = start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        dialog = AddBlockDialog(start_text, time_on_day(end, zone, start), self)
        dialog.add_requested.connect(self.block_add_requested)
        self.dialog = dialog
        dialog.open()

    def ask_interruption(self) -> None:
        selected = self.history.selected()
        if selected is None:
            self.show_error(tr("Select the block the interruption belongs to first."))
            return
        block = selected[0]
        zone = load_zone(self.view.report.timezone) if self.view else None
        start_text = block.start.astimezone(zone).strftime("%H:%M")
        dialog = AddInterruptionDialog(start_text, self)
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
        week = self.view.report.week if self.view else "week"
        folder = documents_folder()
        filters = ";;".join(tr(text) for _, text in EXPORT_FILTERS)
        dialog = QFileDialog(self, tr("Export the week"), str(folder), filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(str(folder / f"flowtally-{week}.pdf"))
        dialog.fileSelected.connect(lambda path: self._export_to(path, dialog.selectedNameFilter()))
        self.export_dialog = dialog
        dialog.open()

    def _export_to(self, path: str, chosen: str) -> None:
        if "." not in path.rsplit("/", 1)[-1]:
            suffix = next((s for s, text in EXPORT_FILTERS if tr(text) == chosen), "pdf")
            path = f"{path}.{suffix}"
        self.statusBar().showMessage(tr("Exporting…"))
        self.export_requested.emit(path)
