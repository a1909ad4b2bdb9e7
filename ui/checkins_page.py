"""The dashboard's check-ins tab: every answer to "How absorbed were you just now?" against
how far into its stretch it was given, the thresholds in force, and what calibration would
propose (accepted in the settings, never here: nothing changes from a chart)."""

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.checkins_chart import CheckInChart


def tr(text: str) -> str:
    return QCoreApplication.translate("CheckIn", text)


def tab_title() -> str:
    return tr("Check-ins")


class CheckInsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = False
        """Whether what it shows is current (the dashboard asks again when not)."""
        self.heading = QLabel(tr("Reading your check-ins…"))
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.chart = CheckInChart()
        self.calibration = QLabel()
        self.calibration.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.calibration.setWordWrap(True)
        self.how = QLabel(
            tr(
                "A proposal is accepted in the settings (Flowtally settings, “Use these”) or "
                "with 'flowtally calibrate --accept'; all history is then counted again."
            )
        )
        self.how.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.calibration)
        layout.addWidget(self.how)

    def show_checkins(
        self,
        points: Sequence[tuple[float, int]],
        means: Sequence[tuple[float, float, float]],
        thresholds: tuple[float, float],
        skipped: int,
        calibration: str,
    ) -> None:
        self.loaded = True
        if points or skipped:
            heading = tr("{answered} answered and {skipped} skipped, over all your history.")
        else:
            heading = tr(
                "No check-ins yet. Switch them on in the settings (“Flow check-ins a day”), "
                "or answer one with 'flowtally checkin 4'."
            )
        self.heading.setText(heading.format(answered=len(points), skipped=skipped))
        self.chart.show_answers(points, means, thresholds)
        self.calibration.setText(calibration)
