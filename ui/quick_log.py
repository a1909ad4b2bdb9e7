"""The quick-log popup: tag the interruption that was just logged, or say "I'm back".

It appears without taking the keyboard from the window the user is working in; a click (or
:meth:`QuickLogPopup.take_keyboard`, on a second hotkey press) gives it focus. Ignoring it is
fine: the interruption was stored before the popup appeared.
"""

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.model import Interruption
from tracker.types import DEFAULT_SOURCES, Kind
from tracker.units import duration

AUTO_HIDE_MS = 12_000


def tr(text: str) -> str:
    return QCoreApplication.translate("QuickLog", text)


class QuickLogPopup(QFrame):
    tagged = Signal(int, str, str, str)  # interruption id, kind, source, note
    back = Signal(int)  # interruption id: it ended now
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(parent, flags)
        self.setObjectName("quickLog")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._interruption: Interruption | None = None
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(AUTO_HIDE_MS)
        self._hide_timer.timeout.connect(self._dismiss)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_elapsed)

        self.title = QLabel()
        self.title.setObjectName("title")
        self.elapsed = QLabel()
        self.kind_group = QButtonGroup(self)
        kinds = QHBoxLayout()
        for kind, label in ((Kind.EXTERNAL, tr("&External")), (Kind.INTERNAL, tr("&Internal"))):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setProperty("kind", kind.value)
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        self.kind_group.buttons()[0].setChecked(True)
        self.kind_group.buttonClicked.connect(self._changed)

        self.source_group = QButtonGroup(self)
        sources = QGridLayout()
        for index, source in enumerate(DEFAULT_SOURCES):
            button = QPushButton(f"{index + 1} {tr(source)}")
            button.setCheckable(True)
            button.setProperty("source", source)
            self.source_group.addButton(button, index)
            sources.addWidget(button, index // 4, index % 4)
            shortcut = QShortcut(QKeySequence(str(index + 1)), self)
            shortcut.activated.connect(button.click)
        self.source_group.buttonClicked.connect(self._changed)

        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Note (optional)"))
        self.note.editingFinished.connect(self._changed)
        self.back_button = QPushButton(tr("I'm &back"))
        self.back_button.clicked.connect(self._back)
        self.done_button = QPushButton(tr("&Done"))
        self.done_button.clicked.connect(self._dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.elapsed)
        buttons.addStretch()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.done_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(kinds)
        layout.addLayout(sources)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._dismiss)

    # ---------------------------------------------------------------- showing

    def show_for(self, interruption: Interruption, local_time: str) -> None:
        """Show the popup for a just-stored interruption, without taking the keyboard."""
        self._interruption = interruption
        self.title.setText(tr("Interruption logged at {time}").format(time=local_time))
        for button in self.kind_group.buttons():
            button.setChecked(button.property("kind") == interruption.kind.value)
        checked = self.source_group.checkedButton()
        if checked is not None:
            self.source_group.setExclusive(False)
            checked.setChecked(False)
            self.source_group.setExclusive(True)
        self.note.clear()
        self._update_elapsed()
        if not self.isVisible():  # presses in a row only change the texts: no new layout
            self.adjustSize()
            self._place()
            self.show()
            self.raise_()
        self._tick.start()
        self._hide_timer.start()

    def take_keyboard(self) -> None:
        """Give the popup focus (the hotkey pressed again while it shows)."""
        self._hide_timer.stop()
        self.activateWindow()
        self.note.setFocus()

    def _place(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - 16, area.top() + 40)

    # ---------------------------------------------------------------- reacting

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.WindowActivate):
            self._hide_timer.stop()
        return super().event(event)

    def _update_elapsed(self) -> None:
        if self._interruption is not None:
            self.elapsed.setText(duration(datetime.now(UTC) - self._interruption.at))

    def _changed(self, *_: object) -> None:
        self._hide_timer.stop()
        if self._interruption is None or self._interruption.id is None:
            return
        kind_button = self.kind_group.checkedButton()
        kind = kind_button.property("kind") if kind_button else self._interruption.kind.value
        source_button = self.source_group.checkedButton()
        source = source_button.property("source") if source_button else self._interruption.source
        self.tagged.emit(self._interruption.id, kind, source, self.note.text().strip())

    def _back(self) -> None:
        if self._interruption is not None and self._interruption.id is not None:
            self._changed()
            self.back.emit(self._interruption.id)
        self._close()

    def _dismiss(self) -> None:
        self._close()
        self.dismissed.emit()

    def _close(self) -> None:
        self._tick.stop()
        self._hide_timer.stop()
        self.hide()

    @property
    def interruption(self) -> Interruption | None:
        return self._interruption
