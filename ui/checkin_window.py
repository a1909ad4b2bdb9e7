"""The flow check-in: one small window asking "How absorbed were you just now?" (1 to 5).

It never takes the keyboard from what the person is typing into (it is shown without being
activated, and accepts no focus until clicked); one click answers, or one key once it has
been clicked. It closes itself after :data:`CLOSE_AFTER_MS`, and that, Escape and "Skip"
are all a skip, which is kept as such: how often a person skips says something too.
"""

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

CLOSE_AFTER_MS = 20_000
MARGIN = 16


def tr(text: str) -> str:
    return QCoreApplication.translate("CheckIn", text)


class CheckInWindow(QWidget):
    answered = Signal(object)
    """The answer, 1 to 5, or ``None`` for a skip (the button, Escape, or the time out)."""

    def __init__(self) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        super().__init__(None, flags)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(tr("Flowtally check-in"))
        self.question = QLabel(tr("How absorbed were you just now?"))
        font = self.question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.question.setFont(font)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.buttons = [QPushButton(str(n)) for n in range(1, 6)]
        grid = QGridLayout()
        for n, button in enumerate(self.buttons, start=1):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(44)
            button.clicked.connect(lambda _=False, n=n: self._answer(n))
            grid.addWidget(button, 0, n - 1)
        low, high = QLabel(tr("not at all")), QLabel(tr("completely"))
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(low, 1, 0, 1, 2)
        grid.addWidget(high, 1, 3, 1, 2)
        self.skip = QPushButton(tr("Skip"))
        self.skip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip.clicked.connect(lambda: self._answer(None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.about)
        layout.addLayout(grid)
        layout.addWidget(self.skip, alignment=Qt.AlignmentFlag.AlignRight)
        self._closing = QTimer(self)
        self._closing.setSingleShot(True)
        self._closing.setInterval(CLOSE_AFTER_MS)
        self._closing.timeout.connect(lambda: self._answer(None))

    def ask_now(self, time: str) -> None:
        self._ask(tr("Right now ({time}). Answer with a click.").format(time=time))

    def ask_about_end(self, time: str) -> None:
        """About a stretch that ended a while ago (before a pause or an interruption)."""
        line = tr("At {time}, just before the pause or the interruption. Answer with a click.")
        self._ask(line.format(time=time))

    def _ask(self, about: str) -> None:
        """Show the question in the screen's corner where the tray usually is (the
        compositor places it on Wayland), and start the countdown."""
        self.about.setText(about)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN)
        self.show()
        self._closing.start()

    @property
    def asking(self) -> bool:
        return self.isVisible()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self._answer(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_Escape:
            self._answer(None)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the window (not a button) lets it take keys from then on."""
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, False)
        self.show()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible():
            self._answer(None)
        event.accept()

    def _answer(self, answer: int | None) -> None:
        if not self.isVisible():
            return
        self._closing.stop()
        self.hide()
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.answered.emit(answer)
