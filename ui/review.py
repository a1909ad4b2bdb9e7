"""Asks what a gap was: time away from the keyboard, a suspend, or a crash of the app.

Sleep and absence are never silently counted as focus: the block keeps the gap as tracked
time only when the user says "still focusing".
"""

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.edits import GapChoice, GapReason
from tracker.types import DEFAULT_SOURCES, Kind


def tr(text: str) -> str:
    return QCoreApplication.translate("Review", text)


class GapReviewDialog(QDialog):
    resolved = Signal(str, str, str, str)  # choice, kind, source, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(tr("Flowtally: what was that gap?"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.addItem(tr("external"), Kind.EXTERNAL.value)
        self.kind.addItem(tr("internal"), Kind.INTERNAL.value)
        self.source = QComboBox()
        for source in DEFAULT_SOURCES:
            self.source.addItem(tr(source), source)
        self.source.setCurrentIndex(DEFAULT_SOURCES.index("meeting"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Note (optional)"))
        tags = QHBoxLayout()
        tags.addWidget(self.kind)
        tags.addWidget(self.source)
        tags.addWidget(self.note)

        self.break_button = QPushButton(tr("A &break"))
        self.interruption_button = QPushButton(tr("An &interruption"))
        self.focus_button = QPushButton(tr("&Still focusing"))
        self.break_button.clicked.connect(lambda: self._answer(GapChoice.BREAK))
        self.interruption_button.clicked.connect(lambda: self._answer(GapChoice.INTERRUPTION))
        self.focus_button.clicked.connect(lambda: self._answer(GapChoice.FOCUS))
        buttons = QHBoxLayout()
        for button in (self.break_button, self.interruption_button, self.focus_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(tr("If it was an interruption:")))
        layout.addLayout(tags)
        self.break_button.setDefault(True)

    def ask(self, reason: GapReason, start: str, end: str, minutes: int) -> None:
        text = {
            GapReason.AWAY: tr("No keyboard or mouse input from {start} to {end} ({length})."),
            GapReason.SLEEP: tr("The computer slept from {start} to {end} ({length})."),
            GapReason.CRASH: tr(
                "Flowtally was not running from {start} to {end} ({length}); "
                "your focus block was kept."
            ),
        }[reason]
        length = (
            tr("under a minute") if minutes < 1 else tr("{minutes} min").format(minutes=minutes)
        )
        self.message.setText(
            text.format(start=start, end=end, length=length)
            + " "
            + tr("Until you answer, it counts as a break.")
        )
        self.show()
        self.raise_()

    def _answer(self, choice: GapChoice) -> None:
        self.resolved.emit(
            choice.value, self.kind.currentData(), self.source.currentData(), self.note.text()
        )
        self.note.clear()
        self.hide()
