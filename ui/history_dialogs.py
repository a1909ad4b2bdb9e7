"""Small forms to add what was forgotten: a block, or an interruption in a block.

They collect text as typed; the app validates it (:mod:`tracker.history`) and reports a
refusal in the dashboard's status bar.
"""

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from tracker.types import DEFAULT_SOURCES, Kind


def tr(text: str) -> str:
    return QCoreApplication.translate("History", text)


TIME_HINT = "HH:MM, or YYYY-MM-DD HH:MM"


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def line(self, label: str, text: str = "", hint: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(hint)
        self.form.addRow(label, edit)
        return edit

    def finish(self, note: str) -> None:
        self.form.addRow(QLabel(note))
        self.form.addRow(self.buttons)


class AddBlockDialog(_Form):
    add_requested = Signal(str, str, str)  # start, end, task

    def __init__(self, day: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("Add a forgotten block"), parent)
        self.start = self.line(tr("Start"), f"{day} 09:00", tr(TIME_HINT))
        self.end = self.line(tr("End"), "10:00", tr(TIME_HINT))
        self.task = self.line(tr("Task"), "", tr("optional"))
        self.finish(tr("An end given as HH:MM is on the start's day (or just after midnight)."))

    def accept(self) -> None:
        self.add_requested.emit(self.start.text(), self.end.text(), self.task.text())
        super().accept()


class AddInterruptionDialog(_Form):
    add_requested = Signal(str, str, str, str, str)  # at, minutes, kind, source, note

    def __init__(self, at: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("Add a forgotten interruption"), parent)
        self.at = self.line(tr("At"), at, tr(TIME_HINT))
        self.minutes = self.line(tr("Minutes"), "", tr("empty: a moment"))
        self.kind = QComboBox()
        for kind in (Kind.EXTERNAL, Kind.INTERNAL):
            self.kind.addItem(tr(kind.value), kind.value)
        self.form.addRow(tr("Kind"), self.kind)
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(list(DEFAULT_SOURCES))
        self.form.addRow(tr("Source"), self.source)
        self.note = self.line(tr("Note"), "", tr("optional"))
        self.finish(tr("The interruption is added to the selected block."))

    def accept(self) -> None:
        self.add_requested.emit(
            self.at.text(),
            self.minutes.text(),
            str(self.kind.currentData()),
            self.source.currentText(),
            self.note.text(),
        )
        super().accept()
