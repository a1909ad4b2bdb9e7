"""The week's blocks with their interruptions and pauses, editable in place.

Double-click (or F2) a cell, type, press Enter: the table asks for the edit with a signal and
shows the stored result once the app has validated and saved it (an invalid value reverts, with
the reason in the status bar). The table parses nothing itself: times are sent as typed.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from tracker import clock
from tracker.counted_once import overlapping
from tracker.dashboard import WeekView, shown_task
from tracker.history import Part
from tracker.model import Block
from tracker.settings import load_zone
from tracker.types import DEFAULT_SOURCES, Kind

ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("When", "Until", "Task / source", "Kind", "Note")
# Which field each column edits, per part; a missing entry is read-only.
FIELDS: dict[Part, dict[int, str]] = {
    Part.BLOCK: {0: "start", 1: "end", 2: "task"},
    Part.PAUSE: {0: "start", 1: "end"},
    Part.INTERRUPTION: {0: "at", 1: "end", 2: "source", 3: "kind", 4: "note"},
}


def tr(text: str) -> str:
    return QCoreApplication.translate("History", text)


def shown_words() -> dict[str, str]:
    """The reader's words for the kinds and default sources, back to the model's."""
    return {tr(word): word for word in (*DEFAULT_SOURCES, *(kind.value for kind in Kind))}


def time_on_day(value: datetime | None, zone: ZoneInfo, day_of: datetime) -> str:
    """``HH:MM`` on the block's own day, the full local date and time otherwise (what
    :mod:`tracker.history` reads back the same way)."""
    if value is None:
        return ""
    local = value.astimezone(zone)
    if local.date() == day_of.astimezone(zone).date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


class _Editors(QStyledItemDelegate):
    """Editors only for the columns a record has (a block has no kind, a pause no note)."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        _, part, _ = index.sibling(index.row(), 0).data(ROLE)
        if index.column() not in FIELDS[part]:
            return None  # type: ignore[return-value] # Qt: no editor
        return super().createEditor(parent, option, index)


class HistoryTable(QTreeWidget):
    edit_requested = Signal(object, str, int, str, str)  # block, part, index, field, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels([tr(c) for c in COLUMNS])
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setItemDelegate(_Editors(self))
        self.itemChanged.connect(self._changed)
        self.itemExpanded.connect(self._fit_columns)  # a block's records may be wider
        self.view: WeekView | None = None
        self._pointed: tuple[Block, Part, int] | None = None

    def point_at(self, block: Block, part: Part, index: int) -> None:
        """Select this record when the week is next shown (the one an edit or undo touched)."""
        self._pointed = (block, part, index)

    def show_view(self, view: WeekView) -> None:
        """List the week's blocks (keeping the selection and which blocks are expanded; a
        record pointed at is selected, and its block opened, instead)."""
        selected = self._pointed or self.selected()
        pointed, self._pointed = self._pointed, None
        items = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        expanded = {
            item.data(0, ROLE)[0].start for item in items if item is not None and item.isExpanded()
        }
        self.view = view
        zone = load_zone(view.report.timezone)
        self.blockSignals(True)
        try:
            self.clear()
            for block in view.blocks:
                item = self._block_item(block, zone)
                self.addTopLevelItem(item)
                opened = pointed is not None and pointed[0].start == block.start
                item.setExpanded(block.start in expanded or opened)
                if selected is not None and selected[0].start == block.start:
                    target: QTreeWidgetItem | None = item
                    if selected[1] is not Part.BLOCK:
                        target = item.child(self._child_row(block, selected[1], selected[2]))
                    if target is not None:  # None: the record is gone (deleted meanwhile)
                        self.setCurrentItem(target)
        finally:
            self.blockSignals(False)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every shown word whole: the columns fit what is listed, expanded rows too."""
        for column in range(len(COLUMNS)):
            self.resizeColumnToContents(column)

    @staticmethod
    def _child_row(block: Block, part: Part, index: int) -> int:
        return index if part is Part.INTERRUPTION else len(block.interruptions) + index

    def _block_item(self, block: Block, zone: ZoneInfo) -> QTreeWidgetItem:
        start = block.start
        local = start.astimezone(zone)  # the full date: the table lists a whole week
        count = len(block.interruptions)
        summary = (
            tr("1 interruption") if count == 1 else tr("%1 interruptions").replace("%1", str(count))
        )
        if block.pauses:
            count = len(block.pauses)
            summary += ", " + (
                tr("1 pause") if count == 1 else tr("%1 pauses").replace("%1", str(count))
            )
        view = self.view
        if view is not None:
            for other in overlapping(block, view.blocks, clock.now()):
                summary += "; " + tr("at the same time as %1 (counted once)").replace(
                    "%1", shown_task(other, view.devices) or tr("a block")
                )
        item = QTreeWidgetItem(
            [
                local.strftime("%Y-%m-%d %H:%M"),
                time_on_day(block.end, zone, start) if block.end else tr("running"),
                shown_task(block, view.devices if view else {}) or "",
                "",
                summary,
            ]
        )
        item.setData(0, ROLE, (block, Part.BLOCK, 0))
        self._editable(item)
        for index, interruption in enumerate(block.interruptions):
            child = QTreeWidgetItem(
                [
                    time_on_day(interruption.at, zone, start),
                    time_on_day(interruption.end, zone, start),
                    tr(interruption.source),
                    tr(interruption.kind.value),
                    interruption.note or "",
                ]
            )
            child.setData(0, ROLE, (block, Part.INTERRUPTION, index))
            self._editable(child)
            item.addChild(child)
        for index, pause in enumerate(block.pauses):
            child = QTreeWidgetItem(
                [
                    time_on_day(pause.start, zone, start),
                    time_on_day(pause.end, zone, start),
                    tr("(pause)"),
                ]
            )
            child.setData(0, ROLE, (block, Part.PAUSE, index))
            self._editable(child)
            item.addChild(child)
        return item

    @staticmethod
    def _editable(item: QTreeWidgetItem) -> None:
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)

    def selected(self) -> tuple[Block, Part, int] | None:
        """The selected record: its block, which part of it, and the part's index."""
        item = self.currentItem()
        if item is None:
            return None
        block, part, index = item.data(0, ROLE)
        return block, part, index

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        block, part, index = item.data(0, ROLE)
        field = FIELDS[part].get(column)
        if field is None:
            return
        text = item.text(column)
        if field in ("kind", "source"):  # shown in the reader's words, stored as the model's
            text = shown_words().get(text, text)
        self.edit_requested.emit(block, part.value, index, field, text)
