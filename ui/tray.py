"""The tray icon and its menu. It shows a :class:`~tracker.status.Status` and asks for actions
through signals; what an action does is decided in ``app``."""

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QSystemTrayIcon

from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import Status
from tracker.types import PHASE_NAMES, Phase
from tracker.units import duration
from ui import icons


def tr(text: str) -> str:
    return QCoreApplication.translate("Tray", text)


def phase_name(phase: Phase) -> str:
    return tr(PHASE_NAMES[phase])


def describe(status: Status) -> str:
    """The tooltip: task, phase, elapsed, and today's interruptions and periods."""
    today = tr("Today: {interruptions} interruptions, {periods} uninterrupted periods").format(
        interruptions=status.today.interruptions, periods=status.today.periods
    )
    if status.state is State.IDLE or status.block is None:
        return "\n".join([tr("Flowtally: no focus block running"), today])
    task = status.block.task or tr("Focus block")
    if status.state is State.PAUSED:
        now = tr("Paused")
    elif status.interrupted:
        now = tr("Interrupted")
    else:
        now = tr("{phase} for {minutes}").format(
            phase=phase_name(status.phase).capitalize(), minutes=duration(status.stretch)
        )
    elapsed = tr("{tracked} tracked of {elapsed}").format(
        tracked=duration(status.tracked), elapsed=duration(status.elapsed)
    )
    return "\n".join([task, now, elapsed, today])


class TrayView(QObject):
    """The system tray icon. Left click starts or pauses/resumes (the platform convention)."""

    start_requested = Signal(str)
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()
    interruption_requested = Signal()
    dashboard_requested = Signal()
    settings_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()

    def __init__(self, params: ModelParams, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._params = params
        self._status: Status | None = None
        self._look: icons.IconLook | None = None
        self._recent: list[str] = []
        self.tray = QSystemTrayIcon(self)
        self.menu = QMenu()
        self._build_menu()
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)

    def _build_menu(self) -> None:
        self.start_menu = self.menu.addMenu(tr("Start focus"))
        self.start_menu.aboutToShow.connect(self._fill_start_menu)
        self.pause_action = self.menu.addAction(tr("Pause"))
        self.pause_action.triggered.connect(self._pause_or_resume)
        self.stop_action = self.menu.addAction(tr("Stop"))
        self.stop_action.triggered.connect(self.stop_requested)
        self.menu.addSeparator()
        self.log_action = self.menu.addAction(tr("Log interruption…"))
        self.log_action.triggered.connect(self.interruption_requested)
        self.menu.addSeparator()
        self.dashboard_action = self.menu.addAction(tr("Dashboard…"))
        self.dashboard_action.triggered.connect(self.dashboard_requested)
        self.settings_action = self.menu.addAction(tr("Settings…"))
        self.settings_action.triggered.connect(self.settings_requested)
        self.about_action = self.menu.addAction(tr("About Flowtally…"))
        self.about_action.triggered.connect(self.about_requested)
        self.menu.addSeparator()
        quit_action = self.menu.addAction(tr("Quit"))
        quit_action.triggered.connect(self.quit_requested)

    def _fill_start_menu(self) -> None:
        self.start_menu.clear()
        plain = self.start_menu.addAction(tr("Without a task"))
        plain.triggered.connect(lambda: self.start_requested.emit(""))
        if self._recent:
            self.start_menu.addSeparator()
            for task in self._recent:
                action = self.start_menu.addAction(task)
                action.triggered.connect(lambda _=False, t=task: self.start_requested.emit(t))
        self.start_menu.addSeparator()
        other = self.start_menu.addAction(tr("New task…"))
        other.triggered.connect(self._ask_task)

    def _ask_task(self) -> None:
        task, ok = QInputDialog.getText(None, tr("Start focus"), tr("What will you focus on?"))
        if ok:
            self.start_requested.emit(task.strip())

    def show_tray(self, status: Status) -> None:
        self.show_status(status)
        self.tray.show()

    def set_params(self, params: ModelParams) -> None:
        self._params = params

    def set_recent_tasks(self, tasks: list[str]) -> None:
        self._recent = tasks

    def show_status(self, status: Status) -> None:
        self._status = status
        look = icons.look_of(status, self._params)
        if look != self._look:
            self._look = look
            self.tray.setIcon(icons.icon(look))
        self.tray.setToolTip(describe(status))
        idle = status.state is State.IDLE
        self.start_menu.setEnabled(idle)
        self.pause_action.setEnabled(not idle)
        self.pause_action.setText(tr("Resume") if status.state is State.PAUSED else tr("Pause"))
        self.stop_action.setEnabled(not idle)
        self.log_action.setEnabled(not idle)

    def notify(self, title: str, message: str) -> None:
        self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 8000)

    def _pause_or_resume(self) -> None:
        if self._status is not None and self._status.state is State.PAUSED:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is not QSystemTrayIcon.ActivationReason.Trigger:
            return
        state = self._status.state if self._status else State.IDLE
        if state is State.IDLE:
            self.start_requested.emit("")
        elif state is State.RUNNING:
            self.pause_requested.emit()
        else:
            self.resume_requested.emit()
