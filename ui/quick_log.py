"""The quick-log popup: tag the interruption going on, say "I'm back", or undo the press.

It appears without taking the keyboard from the window the user is working in; the hotkey
pressed again (or a click) gives it focus. Then every key is a choice: 1-8 a source, E/I the
kind, B "I'm back", U undo, Tab the note, Enter closes keeping the tags, Esc closes without a
tag. Ignoring it is fine: the interruption was stored before the popup appeared, and the icon
shows it going on until the person is back.

For a press made while no block ran, it offers to start a block from that press instead.
"""

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
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

from tracker import clock
from tracker.model import Interruption, LoosePress
from tracker.types import DEFAULT_SOURCES, Kind
from ui.tray import length

AUTO_HIDE_MS = 12_000
SELECTED = (
    "QPushButton:checked { background: #0072B2; color: white; font-weight: bold;"
    " border: 2px solid #004E7A; border-radius: 4px; padding: 3px 6px; }"
)
"""The chosen kind and source in Okabe-Ito blue with white bold text (contrast 5.3:1): a
choice must be visible at a glance, not one shade darker."""


def tr(text: str) -> str:
    return QCoreApplication.translate("QuickLog", text)


class QuickLogPopup(QFrame):
    tagged = Signal(int, str, str, str)  # interruption id, kind, source, note
    back = Signal(int)  # interruption id: it ended now
    undo_requested = Signal()
    start_requested = Signal(int)  # loose press id: start a block from it
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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(SELECTED)
        self._interruption: Interruption | None = None
        self._loose: LoosePress | None = None
        self._shown_tags: tuple[str, str, str] | None = None
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(AUTO_HIDE_MS)
        self._hide_timer.timeout.connect(self._close)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_elapsed)

        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.elapsed = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # The only place the keys are listed: in the window's own text colour (palette(mid)
        # was about 1.7:1, white on near-white in GNOME's palette).
        self._build_choices()
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.kinds)
        layout.addWidget(self.sources)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    def _build_choices(self) -> None:
        """The kind and the source, each a row of buttons with its key."""
        self.kind_group = QButtonGroup(self)
        self.kinds = QWidget()
        kinds = QHBoxLayout(self.kinds)
        kinds.setContentsMargins(0, 0, 0, 0)
        for kind, label in ((Kind.EXTERNAL, tr("E External")), (Kind.INTERNAL, tr("I Internal"))):
            button = self._choice(label)
            button.setProperty("kind", kind.value)
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        self.kind_group.buttonClicked.connect(self._changed)

        self.source_group = QButtonGroup(self)
        self.sources = QWidget()
        sources = QGridLayout(self.sources)
        sources.setContentsMargins(0, 0, 0, 0)
        for index, source in enumerate(DEFAULT_SOURCES):
            button = self._choice(f"{index + 1} {tr(source)}")
            button.setProperty("source", source)
            self.source_group.addButton(button, index)
            sources.addWidget(button, index // 4, index % 4)
        self.source_group.buttonClicked.connect(self._changed)

    def _build_buttons(self) -> QHBoxLayout:
        """The note, and the row of buttons under it (none takes the keyboard)."""
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Note (optional)"))
        self.note.returnPressed.connect(self._done)
        self.back_button = QPushButton(tr("B I'm back"))
        self.back_button.clicked.connect(self._back)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self._undo)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self._start)
        self.done_button = QPushButton(tr("Done"))
        self.done_button.clicked.connect(self._done)
        for button in (self.back_button, self.undo_button, self.start_button, self.done_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.elapsed)
        buttons.addStretch()
        for button in (self.start_button, self.undo_button, self.back_button, self.done_button):
            buttons.addWidget(button)
        return buttons

    def _choice(self, label: str) -> QPushButton:
        button = QPushButton(label)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys choose; focus stays on the popup
        return button

    # ---------------------------------------------------------------- showing

    def show_for(self, interruption: Interruption, local_time: str) -> None:
        """Show the popup for a just-stored interruption, without taking the keyboard."""
        self._interruption = interruption
        self._loose = None
        self._shown_tags = (interruption.kind.value, interruption.source, interruption.note or "")
        going_on = interruption.ongoing
        title = tr("Interrupted since {time}") if going_on else tr("Interruption logged at {time}")
        self.title.setText(title.format(time=local_time))
        for button in self.kind_group.buttons():
            button.setChecked(button.property("kind") == interruption.kind.value)
        self._check_source(interruption.source)
        self.note.setText(interruption.note or "")
        for widget in (self.kinds, self.sources, self.note, self.undo_button, self.done_button):
            widget.setVisible(True)
        self.undo_button.setText(tr("U Undo the press"))
        self.back_button.setVisible(going_on)
        self.start_button.setVisible(False)
        self.hint.setText(
            tr("Keys: 1-8 source, E/I kind, Tab note, B back, U undo, Enter done, Esc no tag")
        )
        self._update_elapsed()
        self._appear()

    def show_loose(self, press: LoosePress, local_time: str) -> None:
        """A press made while no block ran: offer to start one from it."""
        self._interruption = None
        self._loose = press
        self._shown_tags = None
        self.title.setText(
            tr("Pressed at {time}, but no focus block was running. The press is kept.").format(
                time=local_time
            )
        )
        for widget in (self.kinds, self.sources, self.note, self.back_button, self.done_button):
            widget.setVisible(False)
        self.start_button.setText(tr("S Start a block from {time}").format(time=local_time))
        self.start_button.setVisible(True)
        self.undo_button.setText(tr("U Forget the press"))
        self.undo_button.setVisible(True)
        self.hint.setText(tr("Keys: S start a block, U forget the press, Esc close"))
        self.elapsed.clear()
        self._appear()

    def _appear(self) -> None:
        if not self.isVisible():  # presses in a row only change the texts: no new layout
            self.adjustSize()
            self._place()
            self.show()
            self.raise_()
        self._tick.start()
        self._hide_timer.start()

    def take_keyboard(self) -> None:
        """Give the popup focus (the hotkey pressed again while it shows): keys now choose."""
        self._hide_timer.stop()
        self.raise_()
        self.activateWindow()
        self.setFocus()

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that reach the popup itself (not typed into the note) are choices."""
        key = event.key()
        text = event.text().lower()
        if key == Qt.Key.Key_Escape:
            self._without_tag()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._done()
        elif self._loose is not None:
            if text == "s":
                self._start()
            elif text == "u":
                self._undo()
            else:
                super().keyPressEvent(event)
        elif text.isdigit() and 1 <= int(text) <= len(DEFAULT_SOURCES):
            button = self.source_group.button(int(text) - 1)
            button.setChecked(True)
            self._changed()
        elif text in ("e", "i"):
            kind = Kind.EXTERNAL if text == "e" else Kind.INTERNAL
            for button in self.kind_group.buttons():
                button.setChecked(button.property("kind") == kind.value)
            self._changed()
        elif text == "b" and self.back_button.isVisible():
            self._back()
        elif text == "u":
            self._undo()
        else:
            super().keyPressEvent(event)

    def _check_source(self, source: str) -> None:
        self.source_group.setExclusive(False)
        for button in self.source_group.buttons():
            button.setChecked(button.property("source") == source)
        self.source_group.setExclusive(True)

    def _update_elapsed(self) -> None:
        if self._interruption is not None and self._interruption.ongoing:
            lasted = length(clock.now() - self._interruption.at)
            self.elapsed.setText(tr("for {duration}").format(duration=lasted))
        else:
            self.elapsed.clear()

    def _tags(self) -> tuple[str, str, str] | None:
        if self._interruption is None:
            return None
        kind_button = self.kind_group.checkedButton()
        kind = kind_button.property("kind") if kind_button else self._interruption.kind.value
        source_button = self.source_group.checkedButton()
        source = source_button.property("source") if source_button else self._interruption.source
        return (kind, source, self.note.text().strip())

    def _changed(self, *_: object) -> None:
        self._hide_timer.stop()
        self._send(self._tags())

    def _send(self, tags: tuple[str, str, str] | None) -> None:
        interruption = self._interruption
        if tags is None or interruption is None or interruption.id is None:
            return
        self.tagged.emit(interruption.id, *tags)

    def _done(self) -> None:
        """Enter: close, keeping the tags (the note too)."""
        self._changed()
        self._close()

    def _without_tag(self) -> None:
        """Esc: close, and put back the tags the interruption had when the popup showed."""
        if self._shown_tags is not None and self._tags() != self._shown_tags:
            self._send(self._shown_tags)
        self._close()

    def _back(self) -> None:
        interruption = self._interruption
        if interruption is not None and interruption.id is not None:
            self._changed()
            self.back.emit(interruption.id)
        self._close()

    def _undo(self) -> None:
        self.undo_requested.emit()
        self._close()

    def _start(self) -> None:
        if self._loose is not None and self._loose.id is not None:
            self.start_requested.emit(self._loose.id)
        self._close()

    def _close(self) -> None:
        self._tick.stop()
        self._hide_timer.stop()
        if self.isVisible():
            self.hide()
            self.dismissed.emit()

    @property
    def interruption(self) -> Interruption | None:
        return self._interruption
