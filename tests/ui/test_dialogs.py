"""The gap review dialog and the no-tray timer window."""

import os

import pytestqt.exceptions
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tests.xserver import ARTIFACTS
from tracker.edits import GapReason
from tracker.settings import ModelParams
from ui import icons
from ui.review import GapReviewDialog
from ui.timer_window import TimerWindow


def test_review_asks_and_answers(qtbot: QtBot) -> None:
    dialog = GapReviewDialog()
    qtbot.addWidget(dialog)
    dialog.ask(GapReason.SLEEP, "10:05", "10:40", 35)
    qtbot.waitExposed(dialog)
    assert "slept from 10:05 to 10:40 (35 min)" in dialog.message.text()
    assert "counts as a break" in dialog.message.text()
    dialog.grab().save(str(ARTIFACTS / "review.png"))
    dialog.source.setCurrentIndex(dialog.source.findData("call"))
    dialog.note.setText("supplier")
    with qtbot.waitSignal(dialog.resolved) as answer:
        qtbot.mouseClick(dialog.interruption_button, Qt.MouseButton.LeftButton)
    assert answer.args == ["interruption", "external", "call", "supplier"]
    assert not dialog.isVisible()


def shown_timer_window(qtbot: QtBot) -> TimerWindow:
    """The timer window with a block 20 minutes in, on the screen."""
    window = TimerWindow("No system tray was found.")
    qtbot.addWidget(window)
    status = statuses.running(20)
    window.show_status(status, icons.look_of(status, ModelParams()))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_timer_window_shows_the_state_and_asks_for_actions(qtbot: QtBot) -> None:
    window = shown_timer_window(qtbot)
    assert (
        "Deep focus for 5 min, flow in 10 min" in window.text.text()
    )  # in deep focus, not since the stretch began
    assert window.toggle.text() == "Pause"
    with qtbot.waitSignal(window.requests.pause_requested):
        qtbot.mouseClick(window.toggle, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.requests.interruption_requested):
        qtbot.mouseClick(window.log, Qt.MouseButton.LeftButton)
    window.grab().save(str(ARTIFACTS / "timer-window.png"))


def close_as_the_window_manager_does(window: QWidget) -> None:
    """WM_DELETE_WINDOW, sent to the window through the X server: the close a person asks
    for with the title bar's button (Qt marks it spontaneous)."""
    from Xlib import X
    from Xlib import display as xdisplay
    from Xlib.protocol import event

    server = xdisplay.Display(os.environ["DISPLAY"])
    try:
        target = server.create_resource_object("window", int(window.winId()))
        protocols = server.intern_atom("WM_PROTOCOLS")
        delete = server.intern_atom("WM_DELETE_WINDOW")
        message = event.ClientMessage(
            window=target, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        target.send_event(message, event_mask=X.NoEventMask)
        server.flush()
    finally:
        server.close()


def asked_again(qtbot: QtBot, window: TimerWindow, before: QMessageBox | None) -> None:
    """Close it (again), as a person clicks the title bar's button again when the first click
    came while the window was not ready for it, or the last question was still going away
    (a message the window can miss)."""
    for _ in range(5):
        close_as_the_window_manager_does(window)
        try:
            qtbot.waitUntil(
                lambda: window.question is not before and window.question is not None, timeout=1000
            )
        except pytestqt.exceptions.TimeoutError:
            continue
        return
    raise AssertionError("the window never asked again")


def test_the_timer_window_quits_from_a_button_and_asks_before_its_close_quits(
    qtbot: QtBot,
) -> None:
    """It is the only sign of the app where there is no tray: closing it used to quit at
    once, without a word, and nothing in it said Quit. The app's own quit closes it without
    a question (a refused close would cancel the quit)."""
    window = shown_timer_window(qtbot)
    with qtbot.waitSignal(window.requests.quit_requested):
        qtbot.mouseClick(window.quit, Qt.MouseButton.LeftButton)

    quits: list[bool] = []
    window.requests.quit_requested.connect(lambda: quits.append(True))
    asked_again(qtbot, window, None)
    qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
    question = window.question
    assert question is not None
    assert window.isVisible()
    assert "keeps running" in question.informativeText()
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert not question.isVisible()
    assert quits == []
    assert window.isVisible()

    asked_again(qtbot, window, question)
    asked = window.question
    assert asked is not None
    qtbot.waitExposed(asked)
    with qtbot.waitSignal(window.requests.quit_requested):
        qtbot.mouseClick(asked.defaultButton(), Qt.MouseButton.LeftButton)

    window.close()  # as quitting closes it: no question
    assert not window.isVisible()
    assert window.question is asked
