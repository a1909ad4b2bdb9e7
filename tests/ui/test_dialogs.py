"""The gap review dialog and the no-tray timer window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
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


def test_the_timer_window_quits_from_a_button_and_asks_before_its_close_quits(
    qtbot: QtBot,
) -> None:
    """It is the only sign of the app where there is no tray: closing it used to quit at
    once, without a word, and nothing in it said Quit."""
    window = shown_timer_window(qtbot)
    with qtbot.waitSignal(window.requests.quit_requested):
        qtbot.mouseClick(window.quit, Qt.MouseButton.LeftButton)

    quits: list[bool] = []
    window.requests.quit_requested.connect(lambda: quits.append(True))
    window.close()
    question = window.question
    assert question is not None
    qtbot.waitExposed(question)
    assert window.isVisible()
    assert "keeps running" in question.informativeText()
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert not question.isVisible()
    assert quits == []
    assert window.isVisible()

    window.close()
    asked = window.question
    assert asked is not None
    assert asked is not question
    qtbot.waitExposed(asked)
    with qtbot.waitSignal(window.requests.quit_requested):
        qtbot.mouseClick(asked.defaultButton(), Qt.MouseButton.LeftButton)
