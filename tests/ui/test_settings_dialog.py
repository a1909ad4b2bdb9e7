"""The settings dialog collects only what changed and shows errors it is given."""

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.xserver import ARTIFACTS
from tracker.settings import Settings
from ui.settings_dialog import SettingsDialog


def loaded(qtbot: QtBot) -> SettingsDialog:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    values = {k: "" if v is None else str(v) for k, v in Settings().as_json().items()}
    dialog.load(values, autostart=False, hotkey_note="global hotkeys cannot be captured here")
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_only_changed_values_are_sent(qtbot: QtBot) -> None:
    dialog = loaded(qtbot)
    assert dialog.edits["hotkey"].text() == "<ctrl>+<alt>+<shift>+i"
    assert dialog.hotkey_note.isVisible()
    dialog.grab().save(str(ARTIFACTS / "settings.png"))
    dialog.edits["ramp_up_min"].setText("20")
    dialog.timezone.setCurrentIndex(dialog.timezone.findData("Asia/Tokyo"))
    dialog.autostart.setChecked(True)
    with qtbot.waitSignal(dialog.apply_requested) as applied:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert applied.args == [{"ramp_up_min": "20", "timezone": "Asia/Tokyo"}, True]


def test_an_error_is_shown_in_the_dialog(qtbot: QtBot) -> None:
    dialog = loaded(qtbot)
    dialog.show_error("flow_after_min (5) must be at least ramp_up_min (15)")
    assert "must be at least" in dialog.error.text()
    assert dialog.isVisible()
