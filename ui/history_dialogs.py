"""Small forms to add what was forgotten: a block, or an interruption in a block.

They collect text as typed; the app validates it (:mod:`tracker.history`). A form stays
open until the addition is stored: a refusal is written in it, so that what was typed can be
corrected rather than typed again.
"""

from datetime import date, timedelta

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

from tracker import clock
from tracker.dashboard import WeekView
from tracker.history import free_slot
from tracker.model import Block
from tracker.settings import load_zone
from tracker.types import DEFAULT_SOURCES, Kind
from ui.history_table import time_on_day
from ui.legible import on_window


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
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)

    def waiting(self) -> None:
        """Sent; the answer (stored or refused) closes the form or writes why in it."""
        self.problem.setVisible(False)
        self.buttons.setEnabled(False)

    def refused(self, reason: str) -> None:
        self.problem.setText(f"⚠ {reason}")
        self.problem.setStyleSheet(f"color: {on_window('#b3261e', self)}; font-weight: bold;")
        self.problem.setVisible(True)
        self.buttons.setEnabled(True)
        self.adjustSize()  # room for the reason's lines

    def stored(self) -> None:
        self.buttons.setEnabled(True)
        super().accept()


class AddBlockDialog(_Form):
    add_requested = Signal(str, str, str)  # start, end, task

    def __init__(self, start: str, end: str, parent: QWidget | None = None) -> None:
        """``start`` and ``end`` as typed: a free slot, so that OK as it stands is stored."""
        super().__init__(tr("Add a forgotten block"), parent)
        self.start = self.line(tr("Start"), start, tr(TIME_HINT))
        self.end = self.line(tr("End"), end, tr(TIME_HINT))
        self.task = self.line(tr("Task"), "", tr("optional"))
        self.finish(tr("An end given as HH:MM is on the start's day (or just after midnight)."))

    def accept(self) -> None:
        self.waiting()
        self.add_requested.emit(self.start.text(), self.end.text(), self.task.text())


def stored_source(box: QComboBox) -> str:
    """The source chosen in ``box``: a default source as the model names it, else the text
    as typed (a source of the user's own)."""
    text = box.currentText()
    index = box.findText(text)
    return str(box.itemData(index)) if index >= 0 and box.itemData(index) else text


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
        for source in DEFAULT_SOURCES:  # shown in the reader's words, stored as the model's
            self.source.addItem(tr(source), source)
        self.form.addRow(tr("Source"), self.source)
        self.note = self.line(tr("Note"), "", tr("optional"))
        self.finish(tr("The interruption is added to the selected block."))

    def accept(self) -> None:
        self.waiting()
        self.add_requested.emit(
            self.at.text(),
            self.minutes.text(),
            str(self.kind.currentData()),
            stored_source(self.source),
            self.note.text(),
        )


def block_form(
    view: WeekView, monday: date, chosen: Block | None, parent: QWidget
) -> AddBlockDialog:
    """The form for a forgotten block, offering a free hour on ``chosen``'s day (or today
    in this week, or the week's Monday)."""
    zone = load_zone(view.report.timezone)
    now = clock.now()
    today = now.astimezone(zone).date()
    if chosen is not None:
        day = chosen.start.astimezone(zone).date()
    else:
        day = today if monday <= today < monday + timedelta(weeks=1) else monday
    start, end = free_slot(view.blocks, day, zone, now)
    start_text = start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    return AddBlockDialog(start_text, time_on_day(end, zone, start), parent)


def block_start(block: Block, view: WeekView) -> str:
    """When ``block`` started, as the interruption form offers it."""
    return block.start.astimezone(load_zone(view.report.timezone)).strftime("%H:%M")
