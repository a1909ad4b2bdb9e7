"""A small always-on-top timer, shown instead of the tray icon where there is no system tray
(e.g. GNOME without the AppIndicator extension). It says why it is there."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.running import State
from tracker.status import Status
from ui import icons
from ui.tray import describe
from ui.view_requests import ViewRequests


def tr(text: str) -> str:
    return QCoreApplication.translate("TimerWindow", text)


class TimerWindow(QWidget):
    def __init__(self, reason: str) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("Flowtally")
        self.requests = ViewRequests(self)
        self._state = State.IDLE
        self.question: QMessageBox | None = None
        self.icon = QLabel()
        self.text = QLabel()
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(window-text);")
        self.toggle = QPushButton()
        self.toggle.clicked.connect(self._toggle)
        self.stop = QPushButton(tr("Stop"))
        self.stop.clicked.connect(self.requests.stop_requested)
        self.log = QPushButton(tr("Interrupted!"))
        self.log.clicked.connect(self.requests.interruption_requested)
        self.back = QPushButton(tr("I'm back"))
        self.back.clicked.connect(self.requests.back_requested)
        self.undo = QPushButton(tr("Undo"))
        self.undo.clicked.connect(self.requests.undo_requested)
        self.undo.setVisible(False)
        self.charts = QPushButton(tr("Dashboard"))
        self.charts.clicked.connect(self.requests.dashboard_requested)
        self.settings = QPushButton(tr("Settings"))
        self.settings.clicked.connect(self.requests.settings_requested)
        self.about = QPushButton(tr("About"))
        self.about.clicked.connect(self.requests.about_requested)
        self.quit = QPushButton(tr("Quit"))
        self.quit.clicked.connect(self.requests.quit_requested)
        row = QHBoxLayout()
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        for button in (self.toggle, self.log, self.back, self.undo, self.stop):
            buttons.addWidget(button)
        more = QHBoxLayout()
        for button in (self.charts, self.settings, self.about, self.quit):
            more.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.reason)

    def show_status(self, status: Status, look: icons.IconLook, goal_min: float = 0) -> None:
        self._state = status.state
        self.icon.setPixmap(icons.paint(look, 32))
        self.text.setText(describe(status, goal_min))
        self.back.setVisible(status.interruption is not None and status.interruption.ongoing)
        self.toggle.setText(
            {State.IDLE: tr("Start"), State.RUNNING: tr("Pause"), State.PAUSED: tr("Resume")}[
                status.state
            ]
        )
        self.stop.setEnabled(status.state is not State.IDLE)
        self.log.setEnabled(status.state is not State.IDLE)

    def set_undo(self, what: str | None) -> None:
        self.undo.setVisible(what is not None)
        if what is not None:
            self.undo.setToolTip(what)

    def _toggle(self) -> None:
        if self._state is State.IDLE:
            self.requests.start_requested.emit("")
        elif self._state is State.RUNNING:
            self.requests.pause_requested.emit()
        else:
            self.requests.resume_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the only window Flowtally shows would leave nothing to bring it back: ask
        whether to quit, and say that a running block keeps its time. A close the window
        system did not send (the app quitting, which closes every window first) is not a
        question: refusing it would cancel the quit."""
        if not event.spontaneous():
            event.accept()
            return
        event.ignore()
        if self.question is not None:
            self.question.deleteLater()
        question = QMessageBox(
            QMessageBox.Icon.Question,
            "Flowtally",
            tr("Quit Flowtally?"),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        if self._state is not State.IDLE:
            question.setInformativeText(
                tr("The focus block keeps running: start Flowtally again to see it.")
            )
        quit_button = question.addButton(tr("Quit"), QMessageBox.ButtonRole.AcceptRole)
        question.setDefaultButton(quit_button)
        question.accepted.connect(self.requests.quit_requested)
        self.question = question
        question.open()
