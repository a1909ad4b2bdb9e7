"""The dashboard's forecast tab: next week's best focus windows, how likely each is to stay
uninterrupted and how sure that is, and a button to put them in a calendar.

It shows a :class:`tracker.forecast.Forecast` handed to it; the app works it out off the
GUI thread and writes the calendar file.
"""

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.days import week_name
from tracker.forecast import Forecast, Window, percent
from tracker.i18n import day_name, month_name
from tracker.units import duration
from ui.week_export import documents_folder


def tr(text: str) -> str:
    return QCoreApplication.translate("Forecast", text)


def tab_title() -> str:
    return tr("Focus forecast")


def sureness(window: Window) -> str:
    return {"sure": tr("sure"), "fairly sure": tr("fairly sure")}.get(window.sureness, tr("unsure"))


class ForecastPage(QWidget):
    calendar_requested = Signal(str)  # the .ics file to write the windows to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel(tr("Working out next week's focus windows…"))
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Day"), tr("Window"), tr("Stays uninterrupted")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.table, 1)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        layout.addWidget(self.basis)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.calendar_button = QPushButton(tr("Save as calendar events…"))
        self.calendar_button.setEnabled(False)
        self.calendar_button.clicked.connect(self.choose_calendar_file)
        buttons.addWidget(self.calendar_button)
        layout.addLayout(buttons)
        self.forecast: Forecast | None = None

    def show_forecast(self, forecast: Forecast, period_min: float) -> None:
        self.forecast = forecast
        self.heading.setText(
            tr("Best focus windows for {week}").format(week=week_name(forecast.monday))
        )
        self.explanation.setText(
            tr(
                "The chance that a period of {period} min or more, started in the window, "
                "goes uninterrupted, learnt from your own last weeks. Protect these hours: "
                "put them in your calendar as busy."
            ).format(period=f"{period_min:g}")
        )
        rows = [(day, window) for day, windows in forecast.days for window in windows or (None,)]
        self.table.setRowCount(len(rows))
        shown_day = None
        for row, (day, window) in enumerate(rows):
            label = f"{day_name(day)} {day.day} {month_name(day)}" if day != shown_day else ""
            shown_day = day
            cells = (
                (label, "", tr("no tracked hours on this weekday"))
                if window is None
                else (
                    label,
                    f"{window.start:%H:%M}-{window.end:%H:%M}",
                    tr("{chance} % ({low}-{high} %), {sure}").format(
                        chance=percent(window.chance),
                        low=percent(window.low),
                        high=percent(window.high),
                        sure=sureness(window),
                    ),
                )
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.basis.setText(self._basis(forecast))
        self.calendar_button.setEnabled(any(windows for _, windows in forecast.days))

    def _basis(self, forecast: Forecast) -> str:
        if not forecast.history:
            text = tr(
                "No week with enough tracked time to learn from yet: track a few weeks, and "
                "your windows appear here."
            )
        else:
            text = tr("Learnt from {count} weeks, {first} to {last}.").format(
                count=len(forecast.history),
                first=week_name(forecast.history[0]),
                last=week_name(forecast.history[-1]),
            )
        if forecast.left_out:
            left = ", ".join(
                tr("{week} ({tracked} tracked)").format(week=week_name(m), tracked=duration(t))
                for m, t in forecast.left_out
            )
            text += " " + tr("Left out, too little tracked: {weeks}.").format(weeks=left)
        return text

    def choose_calendar_file(self) -> None:
        """Ask where, starting in the documents folder, as the week's export does."""
        suggested = str(documents_folder() / "focus.ics")
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save focus windows"), suggested, tr("Calendar (*.ics)")
        )
        if path:
            self.calendar_requested.emit(path if path.endswith(".ics") else f"{path}.ics")
