"""The quick-log popup: shown without taking focus, tags in one click or key, "I'm back"."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.xserver import ARTIFACTS
from tracker.model import Interruption, LoosePress
from tracker.types import Kind
from ui.quick_log import QuickLogPopup

STORED = Interruption(datetime.now(UTC), None, Kind.EXTERNAL, "other", None, id=42, ongoing=True)


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


def focused(qtbot: QtBot) -> QuickLogPopup:
    popup = make(qtbot)
    popup.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is popup)
    return popup


def test_once_focused_digits_choose_sources_and_never_type_into_the_note(qtbot: QtBot) -> None:
    popup = focused(qtbot)
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.keyClick(popup, Qt.Key.Key_3)
    assert tagged.args == [42, "external", "email", ""]
    assert popup.note.text() == ""
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.keyClick(popup, Qt.Key.Key_I)
    assert tagged.args == [42, "internal", "email", ""]
    popup.grab().save(str(ARTIFACTS / "quick-log-chosen.png"))
    email = popup.source_group.checkedButton()
    assert email is not None
    assert email.property("source") == "email"
    assert "#0072B2" in popup.styleSheet()  # the choice is filled, not a shade darker
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tagged.args == [42, "internal", "email", ""]
    assert not popup.isVisible()


def test_tab_reaches_the_note_and_enter_there_closes_with_it(qtbot: QtBot) -> None:
    popup = focused(qtbot)
    qtbot.keyClick(popup, Qt.Key.Key_5)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    assert popup.note.hasFocus()
    qtbot.keyClicks(popup.note, "3 people ran over")
    assert popup.note.text() == "3 people ran over"  # in the note, digits are text
    with qtbot.waitSignal(popup.tagged) as tagged:
        qtbot.keyClick(popup.note, Qt.Key.Key_Return)
    assert tagged.args == [42, "external", "meeting", "3 people ran over"]
    assert not popup.isVisible()


def test_esc_closes_without_a_tag(qtbot: QtBot) -> None:
    popup = focused(qtbot)
    sent: list[list[object]] = []
    popup.tagged.connect(lambda *args: sent.append(list(args)))
    qtbot.keyClick(popup, Qt.Key.Key_2)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert sent[-1] == [42, "external", "other", ""]  # put back as it was shown
    assert not popup.isVisible()


def test_b_says_back_and_u_undoes_the_press(qtbot: QtBot) -> None:
    popup = focused(qtbot)
    with qtbot.waitSignal(popup.back) as back:
        qtbot.keyClick(popup, Qt.Key.Key_B)
    assert back.args == [42]
    popup = focused(qtbot)
    with qtbot.waitSignal(popup.undo_requested):
        qtbot.keyClick(popup, Qt.Key.Key_U)
    assert not popup.isVisible()


def test_a_press_without_a_block_offers_to_start_one_from_it(qtbot: QtBot) -> None:
    popup = QuickLogPopup()
    qtbot.addWidget(popup)
    popup.show_loose(LoosePress(datetime.now(UTC), "UTC", 7), "10:32")
    qtbot.waitExposed(popup)
    assert "no focus block was running" in popup.title.text()
    assert popup.start_button.isVisible()
    assert not popup.sources.isVisible()
    popup.grab().save(str(ARTIFACTS / "quick-log-no-block.png"))
    popup.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is popup)
    with qtbot.waitSignal(popup.start_requested) as started:
        qtbot.keyClick(popup, Qt.Key.Key_S)
    assert started.args == [7]


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
