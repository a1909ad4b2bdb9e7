"""The first-run window's parts on real widgets: the key recorder speaks pynput's syntax, the
hotkey is shown as people write it, and About reopens the window."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tracker.settings import ModelParams
from ui.about import AboutDialog, AboutFacts
from ui.welcome import WelcomeFacts, WelcomeWindow, hotkey_label

FACTS = WelcomeFacts("<ctrl>+<alt>+<shift>+i", None, "/data/f.sqlite3", "/c/s.json", "/log")


def window(qtbot: QtBot) -> WelcomeWindow:
    shown = WelcomeWindow(FACTS, ModelParams())
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_recorder_turns_a_pressed_combination_into_the_hotkey_setting(qtbot: QtBot) -> None:
    shown = window(qtbot)
    chosen: list[str] = []
    shown.hotkey_chosen.connect(chosen.append)
    assert not shown.use_button.isEnabled()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(shown.recorder, Qt.Key.Key_K, modifiers)
    qtbot.waitUntil(shown.use_button.isEnabled)
    shown.use_button.click()
    qtbot.keyClick(shown.recorder, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not shown.recorder.keySequence().isEmpty())
    shown.use_button.click()
    assert chosen == ["<ctrl>+<alt>+k", "<f9>"]
    shown.hotkey_refused("hotkey 'k' needs <ctrl>, <alt> or <cmd>")
    assert shown.recorded.text().startswith("⚠ hotkey 'k'")
    shown.hotkey_saved("<ctrl>+<alt>+k", None)
    assert "Ctrl+Alt+K" in shown.recorded.text()
    assert "Ctrl+Alt+K" in shown.hotkey_text.text()


def test_trying_listens_until_the_hotkey_is_heard(qtbot: QtBot) -> None:
    shown = window(qtbot)
    tries: list[bool] = []
    shown.try_requested.connect(tries.append)
    shown.try_button.click()
    assert "Press Ctrl+Alt+Shift+I now" in shown.heard.text()
    shown.hotkey_heard()
    assert tries == [True, False]
    assert shown.heard.text().startswith("✓ It works")
    shown.try_button.click()
    shown.close()  # a closed window stops listening
    assert tries == [True, False, True, False]


def test_where_the_hotkey_cannot_work_trying_is_off_and_the_reason_shown(qtbot: QtBot) -> None:
    shown = window(qtbot)
    shown.show_hotkey("<ctrl>+<alt>+i", "global hotkeys cannot be captured under Wayland")
    assert not shown.try_button.isEnabled()
    assert "Wayland" in shown.hotkey_text.text()


def test_hotkeys_are_shown_as_people_write_them() -> None:
    assert hotkey_label("<ctrl>+<alt>+<shift>+i") == "Ctrl+Alt+Shift+I"
    assert hotkey_label("<cmd>+<f9>") == "Super+F9"
    assert hotkey_label("<pause>") == "Pause"
    assert hotkey_label("<ctrl_r>+<print_screen>") == "Ctrl+Print Screen"


def test_about_reopens_the_welcome(qtbot: QtBot) -> None:
    about = AboutDialog(AboutFacts("1.0", "/data/f.sqlite3", "/log"))
    qtbot.addWidget(about)
    with qtbot.waitSignal(about.welcome_requested, timeout=1000):
        about.welcome_button.click()
