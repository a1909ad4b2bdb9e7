"""The tray icon and its menu. It shows a :class:`~tracker.status.Status` and asks for actions
through signals; what an action does is decided in ``app``."""

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QCursor, QIcon
from PySide6.QtWidgets import QInputDialog, QMenu, QSystemTrayIcon

from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import Status
from tracker.types import PHASE_NAMES, Phase
from tracker.units import duration, plural, time_left
from ui.view_requests import ViewRequests

TYPE_CHECKING = False  # the icons load with the first status drawn, after the first icon
if TYPE_CHECKING:
    from ui.icons import IconLook

HEADER_LINES = 4


def tr(text: str) -> str:
    return QCoreApplication.translate("Tray", text)


def phase_name(phase: Phase) -> str:
    return tr(PHASE_NAMES[phase])


def length(value: timedelta) -> str:
    """A duration in the reader's language (``1 h 05 min``; Dutch ``1 u 05 min``)."""
    return duration(value, hour=tr("h"))


def now_line(status: Status) -> str:
    """What is going on: the phase and how long it has lasted, and what comes next."""
    if status.state is State.PAUSED:
        return tr("Paused")
    if status.interrupted:
        interruption = status.interruption
        if interruption is not None and interruption.ongoing:
            return tr("Interrupted for {length}: say you are back when you are").format(
                length=length(status.now - interruption.at)
            )
        return tr("Interrupted")
    text = tr("{phase} for {length}").format(
        phase=phase_name(status.phase).capitalize(), length=length(status.in_phase)
    )
    if status.next_phase_in is not None:
        upcoming = Phase.DEEP if status.phase is Phase.RAMP_UP else Phase.FLOW
        text += tr(", {phase} in {length}").format(
            phase=phase_name(upcoming), length=time_left(status.next_phase_in, hour=tr("h"))
        )
    return text


def today_line(status: Status, goal_min: float = 0) -> str:
    """Today's focus (deep focus and flow) and flow, against the daily goal when one is set."""
    today = status.today
    focus = today.deep + today.flow
    if goal_min:
        return tr("Today: {focus} of {goal} focus, {flow} in flow").format(
            focus=length(focus), goal=length(timedelta(minutes=goal_min)), flow=length(today.flow)
        )
    return tr("Today: {focus} focus, {flow} in flow").format(
        focus=length(focus), flow=length(today.flow)
    )


def _status_lines(status: Status, goal_min: float) -> list[str]:
    """What the block is, what is going on in it, and today's focus."""
    if status.state is State.IDLE or status.block is None:
        return [tr("Flowtally: no focus block running"), today_line(status, goal_min)]
    task = status.block.task or tr("Focus block")
    return [task, now_line(status), today_line(status, goal_min)]


def describe(status: Status, goal_min: float = 0) -> str:
    """The status in a few lines: the menu's header, the timer window, a left click."""
    # "1 interruption", "2 interruptions": counted words in the reader's language.
    today = status.today
    counts = f"{plural(today.interruptions, 'interruption')}, "
    counts += plural(today.periods, "uninterrupted period")
    return "\n".join([*_status_lines(status, goal_min), counts])


def one_line(status: Status, goal_min: float = 0) -> str:
    """The tooltip: the same but the counts, on one line."""
    return " · ".join(_status_lines(status, goal_min))


class TrayView(QObject):
    """The system tray icon. A left click shows the status (the menu, headed by it); a middle
    click pauses or resumes; the menu does everything else."""

    def __init__(self, params: ModelParams, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests = ViewRequests(self)
        self._params = params
        self._status: Status | None = None
        self._look: IconLook | None = None
        self._recent: list[str] = []
        self.goal_min = 0.0
        self.tray = QSystemTrayIcon(self)
        self.menu = QMenu()
        self._build_menu()
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)

    def _build_menu(self) -> None:
        # Plain lines, not a widget: a menu exported over D-Bus (StatusNotifierItem) cannot
        # carry widgets. Enabled, since panels draw a disabled line too faint to read (about
        # 1.9:1); a click on the status opens the dashboard, where it is told in full.
        self.header = [self.menu.addAction("") for _ in range(HEADER_LINES)]
        for line in self.header:
            line.triggered.connect(self.requests.dashboard_requested)
        self.menu.addSeparator()
        self.start_menu = self.menu.addMenu(tr("Start focus"))
        self.start_menu.aboutToShow.connect(self._fill_start_menu)
        self.pause_action = self.menu.addAction(tr("Pause"))
        self.pause_action.triggered.connect(self._pause_or_resume)
        self.stop_action = self.menu.addAction(tr("Stop"))
        self.stop_action.triggered.connect(self.requests.stop_requested)
        self.menu.addSeparator()
        self.log_action = self.menu.addAction(tr("Log interruption…"))
        self.log_action.triggered.connect(self.requests.interruption_requested)
        self.back_action = self.menu.addAction(tr("I'm back"))
        self.back_action.triggered.connect(self.requests.back_requested)
        self.undo_action = self.menu.addAction("")
        self.undo_action.triggered.connect(self.requests.undo_requested)
        self.undo_action.setVisible(False)
        self.checkin_action = self.menu.addAction(tr("How absorbed am I now?…"))
        self.checkin_action.triggered.connect(self.requests.checkin_requested)
        self.menu.addSeparator()
        self.dashboard_action = self.menu.addAction(tr("Dashboard…"))
        self.dashboard_action.triggered.connect(self.requests.dashboard_requested)
        self.forecast_action = self.menu.addAction(tr("Focus forecast…"))
        self.forecast_action.triggered.connect(self.requests.forecast_requested)
        self.settings_action = self.menu.addAction(tr("Settings…"))
        self.settings_action.triggered.connect(self.requests.settings_requested)
        self.about_action = self.menu.addAction(tr("About Flowtally…"))
        self.about_action.triggered.connect(self.requests.about_requested)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(tr("Quit"))
        self.quit_action.triggered.connect(self.requests.quit_requested)

    def _fill_start_menu(self) -> None:
        self.start_menu.clear()
        plain = self.start_menu.addAction(tr("Without a task"))
        plain.triggered.connect(lambda: self.requests.start_requested.emit(""))
        if self._recent:
            self.start_menu.addSeparator()
            start = self.requests.start_requested
            for task in self._recent:
                action = self.start_menu.addAction(task)
                action.triggered.connect(lambda _=False, t=task: start.emit(t))
        self.start_menu.addSeparator()
        other = self.start_menu.addAction(tr("New task…"))
        other.triggered.connect(self._ask_task)

    def _ask_task(self) -> None:
        task, ok = QInputDialog.getText(None, tr("Start focus"), tr("What will you focus on?"))
        if ok:
            self.requests.start_requested.emit(task.strip())

    def show_tray(self, status: Status, first: QIcon | None = None) -> None:
        """Show the icon with ``status``; ``first``: the icon to show for now (the app's
        own, read from saved images at start), until a status is drawn."""
        if first is None:
            self.show_status(status)
        else:
            self.tray.setIcon(first)
            self._show_texts(status)
        self.tray.show()

    def register_again(self) -> None:
        """Qt registers a StatusNotifierItem when the icon is shown, and only then."""
        self.tray.hide()
        self.tray.show()

    def set_params(self, params: ModelParams) -> None:
        self._params = params

    def set_recent_tasks(self, tasks: list[str]) -> None:
        self._recent = tasks

    def show_status(self, status: Status) -> None:
        from ui import icons

        look = icons.look_of(status, self._params)
        if look != self._look:
            self._look = look
            self.tray.setIcon(icons.icon(look))
        self._show_texts(status)

    def _show_texts(self, status: Status) -> None:
        self._status = status
        self.tray.setToolTip(one_line(status, self.goal_min))
        lines = describe(status, self.goal_min).split("\n")
        for action, text in zip(self.header, lines + [""] * HEADER_LINES, strict=False):
            action.setText(text)
            action.setVisible(bool(text))
        going_on = status.interruption is not None and status.interruption.ongoing
        self.back_action.setVisible(going_on)
        idle = status.state is State.IDLE
        self.start_menu.setEnabled(idle)
        self.pause_action.setEnabled(not idle)
        self.pause_action.setText(tr("Resume") if status.state is State.PAUSED else tr("Pause"))
        self.stop_action.setEnabled(not idle)
        self.log_action.setEnabled(not idle)
        self.checkin_action.setEnabled(status.state is State.RUNNING and not status.interrupted)
        # Quitting does not stop the block: say so where the choice is made.
        self.quit_action.setText(tr("Quit (the block keeps running)") if not idle else tr("Quit"))

    def set_undo(self, what: str | None) -> None:
        """Offer to undo the last action (``None``: nothing to offer now)."""
        self.undo_action.setVisible(what is not None)
        if what is not None:
            text = tr("Undo {what}").format(what=what)
            self.undo_action.setText(text[:1].upper() + text[1:])

    def notify(self, title: str, message: str) -> None:
        self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 8000)

    def _pause_or_resume(self) -> None:
        if self._status is not None and self._status.state is State.PAUSED:
            self.requests.resume_requested.emit()
        else:
            self.requests.pause_requested.emit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.MiddleClick:
            state = self._status.state if self._status else State.IDLE
            if state is State.RUNNING:
                self.requests.pause_requested.emit()
            elif state is State.PAUSED:
                self.requests.resume_requested.emit()
        elif reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.popup(QCursor.pos())
