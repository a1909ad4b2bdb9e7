"""The first-run window's parts on real widgets: the key recorder speaks pynput's syntax, the
hotkey is shown as people write it, and About reopens the window."""

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from tracker.settings import ModelParams
from ui import translations
from ui.about import AboutDialog, AboutFacts
from ui.hotkey_names import hotkey_label
from ui.welcome import FRAME_ALLOWANCE, WIDTH, WelcomeFacts, WelcomeWindow

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
    # No key recorder for a key this desktop would never pass on.
    assert not shown.recorder.isVisibleTo(shown)
    assert not shown.try_button.isVisibleTo(shown)


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


def clipped(shown: WelcomeWindow) -> list[str]:
    """The labels and buttons whose text does not fit the room they were given."""
    cut = []
    for label in shown.findChildren(QLabel):
        if not label.isVisibleTo(shown) or not label.text() or not label.pixmap().isNull():
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                needs = label.heightForWidth(label.width())
                cut.append(f"{label.text()[:50]!r}: {label.height()} < {needs}")
        elif label.width() < label.sizeHint().width():
            cut.append(f"{label.text()[:50]!r}: {label.width()} < {label.sizeHint().width()}")
    for button in shown.findChildren(QAbstractButton):
        if button.isVisibleTo(shown) and button.width() < button.sizeHint().width():
            cut.append(f"button {button.text()!r}: {button.width()} < {button.sizeHint().width()}")
    return cut


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("screen", [(1280, 800), (1366, 768)])
def test_the_welcome_fits_the_screen_with_every_word_visible(
    qtbot: QtBot, qapp: QApplication, language: str, screen: tuple[int, int]
) -> None:
    """GNOME's interface font is 11 pt: captions lost their last words, rows overlapped, and
    long data paths pushed the window past a 1280x800 screen."""
    installed = translations.install(qapp, QLocale("nl_NL" if language == "nl" else "en_GB"))
    font = qapp.font()
    qapp.setFont(QFont("DejaVu Sans", 11))
    try:
        for database in (
            "/home/me/.local/share/flowtally/flowtally.sqlite3",
            "/srv/" + "deep/" * 80 + "f.sqlite3",
        ):
            facts = WelcomeFacts(
                "<ctrl>+<alt>+<shift>+i", None, database, "/c/s.json", "/log", "/home/me/.local/bin"
            )
            shown = WelcomeWindow(facts, ModelParams())
            qtbot.addWidget(shown)
            shown.show()
            room = screen[1] - FRAME_ALLOWANCE
            shown.resize(WIDTH, shown.height())  # at the width it is made for
            shown.fit_to(room)
            qtbot.waitUntil(lambda s=shown: s.scroller.widget().width() > 0)  # type: ignore[misc]
            assert shown.width() <= screen[0]
            assert shown.height() <= room
            assert clipped(shown) == []
            if len(database) > 100:  # the window stays on the screen: the sections scroll
                assert shown.scroller.verticalScrollBar().maximum() > 0
            shown.close()
    finally:
        qapp.setFont(font)
        translations.remove(qapp, installed)


def test_got_it_adds_flowtally_to_the_menu_unless_unchecked(qtbot: QtBot) -> None:
    facts = WelcomeFacts(
        "<ctrl>+<alt>+<shift>+i", None, "/d.sqlite3", "/c/s.json", "/log", "/home/me/.local/bin"
    )
    shown = WelcomeWindow(facts, ModelParams())
    qtbot.addWidget(shown)
    shown.show()
    assert shown.desktop_entry.isChecked()
    assert shown.desktop_entry.toolTip() == "/home/me/.local/bin"
    with qtbot.waitSignal(shown.desktop_entry_chosen) as chosen:
        shown.done_button.click()
    assert chosen.args == [True]
    again = WelcomeWindow(facts, ModelParams())
    qtbot.addWidget(again)
    again.show()
    again.desktop_entry.setChecked(False)
    with qtbot.waitSignal(again.desktop_entry_chosen) as chosen:
        again.done_button.click()
    assert chosen.args == [False]
    elsewhere = WelcomeWindow(FACTS, ModelParams())  # not offered: nothing to say
    qtbot.addWidget(elsewhere)
    assert not elsewhere.desktop_entry.isVisibleTo(elsewhere)
