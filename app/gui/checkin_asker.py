"""Where the check-in window is shown so that it never takes the keyboard.

On X11 the window asks the window manager not to be activated, and is shown in the tray
app itself. A Wayland compositor decides alone: GNOME Shell gives every new window the
keyboard, whatever the window asks (``tests/e2e/test_checkin_gnome.py`` saw it take the
keys from the window being typed into). There, when the session has Xwayland (GNOME and
KDE start it on demand, and give its ``DISPLAY`` to the apps they start), the window is
shown by a small second Flowtally process on X11, where the compositor honours "do not
focus". Without Xwayland it is shown here, and may be given the keyboard; README says so.

The second process is Flowtally itself, told by :data:`ASK_ENV` to show the question and
print the answer (``answer 4``, or ``answer skip``) instead of running a command.
"""

import os

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal
from PySide6.QtGui import QGuiApplication

from app.desktop import this_installation
from ui.checkin_window import CheckInWindow

ASK_ENV = "FLOWTALLY_CHECKIN"
"""``now HH:MM`` or ``end HH:MM``: show the check-in window about that moment, print the
answer and end."""
SKIP = "skip"


def on_its_own() -> bool:
    """Whether the window is shown by a second process on X11 (see the module's note)."""
    return QGuiApplication.platformName() == "wayland" and bool(os.environ.get("DISPLAY"))


class CheckInAsker(QObject):
    """The check-in window, shown here or by a second process, with the same signal."""

    answered = Signal(object)
    """1 to 5, or ``None`` for a skip."""

    def __init__(self) -> None:
        super().__init__()
        self._window: CheckInWindow | None = None
        self._process: QProcess | None = None
        self._answer: int | None = None

    @property
    def window(self) -> CheckInWindow:
        """Made when first shown: most days, or for good, nobody is asked (#27's memory)."""
        if self._window is None:
            self._window = CheckInWindow()
            self._window.answered.connect(self.answered)
        return self._window

    def objects(self) -> list[QObject]:
        """What to delete at the end: the window, if it was made, then this."""
        return [self] if self._window is None else [self._window, self]

    @property
    def asking(self) -> bool:
        shown = self._window is not None and self._window.asking
        return shown or self._process is not None

    def ask_now(self, time: str) -> None:
        self._ask("now", time)

    def ask_about_end(self, time: str) -> None:
        self._ask("end", time)

    def _ask(self, moment: str, time: str) -> None:
        if not on_its_own():
            (self.window.ask_now if moment == "now" else self.window.ask_about_end)(time)
            return
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert(ASK_ENV, f"{moment} {time}")
        environment.insert("QT_QPA_PLATFORM", "xcb")
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._finished)
        self._process, self._answer = process, None
        command, *arguments = this_installation()
        process.start(command, arguments)

    def _read(self) -> None:
        if self._process is None:
            return
        for line in bytes(self._process.readAllStandardOutput().data()).decode().splitlines():
            word, _, value = line.partition(" ")
            if word == "answer" and value.strip() in {"1", "2", "3", "4", "5"}:
                self._answer = int(value)

    def _finished(self) -> None:
        """The second process ended: with an answer, or as a skip (closed, failed)."""
        self._read()
        process, self._process = self._process, None
        if process is not None:
            process.deleteLater()
        self.answered.emit(self._answer)


def ask_here(spec: str) -> int:
    """The second process's whole life: the question about ``spec`` (``now 10:42``), the
    answer on stdout, the exit. Its words follow the system language, as the tray's."""
    import sys

    from PySide6.QtWidgets import QApplication

    from ui import translations

    moment, _, time = spec.partition(" ")
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("flowtally")
    translations.install(app)
    window = CheckInWindow()

    def answered(answer: int | None) -> None:
        print(f"answer {SKIP if answer is None else answer}", flush=True)
        app.quit()

    window.answered.connect(answered)
    (window.ask_about_end if moment == "end" else window.ask_now)(time)
    return app.exec()
