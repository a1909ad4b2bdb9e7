"""Programs for the Wayland check-in test, run in the headless GNOME session: ``typist`` is
another application's window, holding the keyboard (it prints when the compositor gives it
the keyboard and when it takes it away); ``checkin`` is the tray's check-in, asked as the
tray asks it (:class:`CheckInAsker`); ``here`` is the same window shown in this process, as
on X11 (it prints the answer)."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from app.gui.checkin_asker import CheckInAsker, on_its_own
from ui.checkin_window import CheckInWindow


class Keyboard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            print("keyboard here", flush=True)
        elif event.type() == QEvent.Type.WindowDeactivate:
            print("keyboard gone", flush=True)
        return False


def typist(app: QApplication) -> None:
    typing = QLineEdit()
    typing.setWindowTitle("Typing here")
    typing.resize(420, 60)
    watch = Keyboard()
    typing.installEventFilter(watch)
    typing.show()
    typing.activateWindow()
    app.exec()


def here(app: QApplication) -> None:
    window = CheckInWindow()
    window.ask_now("10:42")
    print("asked here", flush=True)
    app.exec()


def checkin(app: QApplication) -> None:
    asker = CheckInAsker()
    asker.answered.connect(lambda answer: (print(f"answered {answer}", flush=True), app.quit()))

    def ask() -> None:
        asker.ask_now("10:42")
        print(f"asked {'apart' if on_its_own() else 'here'}", flush=True)

    QTimer.singleShot(0, ask)
    app.exec()


if __name__ == "__main__":
    role = sys.argv[1]
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("org.example.Typist" if role == "typist" else "flowtally")
    {"typist": typist, "checkin": checkin, "here": here}[role](app)
