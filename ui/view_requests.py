"""What a person can ask of the app from wherever it shows itself: the tray icon's menu, or
the timer window where there is no tray. One set of signals, so both views ask alike and
the app wires them once."""

from PySide6.QtCore import QObject, Signal


class ViewRequests(QObject):
    start_requested = Signal(str)
    """With the task (empty: none)."""
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()
    interruption_requested = Signal()
    back_requested = Signal()
    undo_requested = Signal()
    dashboard_requested = Signal()
    forecast_requested = Signal()
    """The dashboard, on its focus forecast."""
    checkin_requested = Signal()
    """A flow check-in about now, offered by the person."""
    settings_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
