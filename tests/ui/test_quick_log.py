"""The quick-log popup: shown without taking focus, tags in one click or key, "I'm back"."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.xserver import ARTIFACTS
from tracker.model import Interruption
from tracker.types import Kind
from ui.quick_log import QuickLogPopup

STORED = Interruption(datetime.now(UTC), None, Kind.EXTERNAL, "other", None, id=42)


def make(qtbot: QtBot) -> QuickLogPopup:
    popup = QuickLogPopup()
    qtbot.addWidget(popup)
    popup.show_for(STORED, "10:32")
    qtbot.waitExposed(popup)
    return popup


def test_it_appears_without_taking_the_keyboard(qtbot: QtBot) -> None:
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    popup = make(qtbot)
    assert popup.isVisible()
    assert "10:32" in popup.title.text()
    assert QApplication.activeWindow() is other
    popup.grab().save(str(ARTIFACTS / "quick-log.png"))


def test_one_click_tags_the_source_and_kind(qtbot: QtBot) -> None:
    popup = make(qtbot)
    chat = next(b for b in popup.source_group.buttons() if b.property("source") == "chat")
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.mouseClick(chat, Qt.MouseButton.LeftButton)
    assert tagged.args == [42, "external", "chat", ""]
    internal = next(b for b in popup.kind_group.buttons() if b.property("kind") == "internal")
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.mouseClick(internal, Qt.MouseButton.LeftButton)
    assert tagged.args == [42, "internal", "chat", ""]


def test_keyboard_after_the_second_press_number_keys_and_a_note(qtbot: QtBot) -> None:
    popup = make(qtbot)
    popup.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is popup)
    popup.note.clearFocus()
    popup.setFocus()
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.keyClick(popup, Qt.Key.Key_5)
    assert tagged.args[2] == "meeting"
    popup.note.setFocus()
    qtbot.keyClicks(popup.note, "stand-up ran over")
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.keyClick(popup.note, Qt.Key.Key_Return)
    assert tagged.args == [42, "external", "meeting", "stand-up ran over"]


def test_im_back_closes_the_interruption(qtbot: QtBot) -> None:
    popup = make(qtbot)
    with qtbot.waitSignal(popup.back) as back:
        qtbot.mouseClick(popup.back_button, Qt.MouseButton.LeftButton)
    assert back.args == [42]
    assert not popup.isVisible()


def test_ignored_it_hides_by_itself(qtbot: QtBot) -> None:
    popup = make(qtbot)
    popup._hide_timer.setInterval(50)
    popup._hide_timer.start()
    with qtbot.waitSignal(popup.dismissed):
        pass
    assert not popup.isVisible()
