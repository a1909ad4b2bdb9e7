"""The settings dialog: collects text and shows errors; ``app`` validates, saves, applies."""

from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.settings import CHECKINS_WHEN_ON
from ui.calibration_box import CalibrationBox
from ui.legible import on_window


def tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


FIELDS: tuple[tuple[str, str], ...] = (
    ("hotkey", "Interruption hotkey"),
    ("ramp_up_min", "Ramp-up (minutes)"),
    ("flow_after_min", "Flow after (minutes)"),
    ("min_period_min", "Shortest uninterrupted period (minutes)"),
    ("away_after_min", "Ask about time away after (minutes idle)"),
    ("planned_block_min", "Planned block length (minutes, 0 = none)"),
    ("break_after_min", "Suggest a break after (minutes, 0 = never)"),
    ("daily_goal_min", "Daily focus goal (minutes, 0 = none)"),
    ("checkins_per_day", "Flow check-ins a day (0 = off)"),
    ("database_url", "Database URL (empty = local file; needs a restart)"),
    ("sync_url", "Sync with (PostgreSQL URL, empty = none)"),
    ("device_name", "This device's name (empty = host name)"),
    ("person_name", "Your name, kept with the sync target"),
)


QUIET_CHOICES: tuple[tuple[str, str], ...] = (
    ("off", "Never"),
    ("deep", "From deep focus on"),
    ("flow", "In flow only"),
)
LABELS = {**dict(FIELDS), "quiet_from": "Quiet notifications"}
RECOMPUTING = ("ramp_up_min", "flow_after_min")
"""The settings whose change redraws all of history (the phases come from them)."""


class SettingsDialog(QDialog):
    apply_requested = Signal(dict, bool)  # changed text values, start at login
    calibration_requested = Signal()  # work out the proposal from the check-ins

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Flowtally settings"))
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(tr(label), edit)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItem(tr("System time zone"), "")
        for name in sorted(available_timezones()):
            self.timezone.addItem(name, name)
        form.addRow(tr("Time zone (needs a restart)"), self.timezone)
        self.quiet_from = QComboBox()
        self.quiet_from.setObjectName("quiet_from")
        for value, label in QUIET_CHOICES:
            self.quiet_from.addItem(tr(label), value)
        form.addRow(tr(LABELS["quiet_from"]), self.quiet_from)
        self.quiet_note = QLabel()  # below the form: a wrapped label in a form row is clipped
        self.quiet_note.setWordWrap(True)
        self.autostart = QCheckBox(tr("Start Flowtally when I log in"))
        form.addRow("", self.autostart)
        self.checkins_on = self._checkins_switch()
        form.addRow("", self.checkins_on)
        self.calibration = CalibrationBox(self.edits)
        self.hotkey_note = QLabel()
        self.hotkey_note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.recompute_note = QLabel(
            tr(
                "Changing ramp-up or flow after recomputes the phases of your whole history: "
                "every report and chart, past weeks too."
            )
        )
        self.recompute_note.setWordWrap(True)
        self.recompute_note.setVisible(False)
        for key in RECOMPUTING:
            self.edits[key].textChanged.connect(self._note_recompute)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._apply)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.calibration)
        layout.addWidget(self.quiet_note)
        layout.addWidget(self.hotkey_note)
        layout.addWidget(self.recompute_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._loaded: dict[str, str] = {}

    def load(
        self,
        values: dict[str, str],
        autostart: bool,
        hotkey_note: str | None,
        quiet_note: str | None = None,
    ) -> None:
        """``quiet_note``: why notifications cannot be quieted here (``None``: they can)."""
        self._loaded = dict(values)
        for key, edit in self.edits.items():
            edit.setText(values.get(key, ""))
        zone = values.get("timezone", "")
        index = self.timezone.findData(zone)
        if index >= 0:
            self.timezone.setCurrentIndex(index)
        else:
            self.timezone.setEditText(zone)
        self.autostart.setChecked(autostart)
        self.quiet_from.setCurrentIndex(max(0, self.quiet_from.findData(values.get("quiet_from"))))
        self.show_quiet_note(quiet_note)
        self.hotkey_note.setText(hotkey_note or "")
        self.hotkey_note.setVisible(bool(hotkey_note))
        self.error.clear()
        self._mark(None)
        self._note_recompute()
        self.calibration.waiting()
        self.calibration_requested.emit()

    def show_quiet_note(self, note: str | None) -> None:
        self.quiet_note.setText(note or "")
        self.quiet_note.setVisible(bool(note))

    def values(self) -> dict[str, str]:
        out = {key: edit.text().strip() for key, edit in self.edits.items()}
        out["quiet_from"] = str(self.quiet_from.currentData())
        data = self.timezone.currentData()
        text = self.timezone.currentText().strip()
        out["timezone"] = "" if data == "" and text == self.timezone.itemText(0) else text
        return out

    def show_error(self, message: str) -> None:
        """The reason, with the fields named as the dialog labels them, and the first one
        it names marked."""
        named = sorted((message.find(key), key) for key, _ in FIELDS if key in message)
        for _, key in named:
            message = message.replace(repr(key), key).replace(key, f"“{tr(LABELS[key])}”")
        self.error.setStyleSheet(f"color: {on_window('#D55E00', self)};")
        self.error.setText(message)
        self._mark(named[0][1] if named else None)

    def _mark(self, field: str | None) -> None:
        for key, edit in self.edits.items():
            edit.setStyleSheet("border: 2px solid #D55E00;" if key == field else "")
        if field is not None:
            self.edits[field].setFocus()

    def _note_recompute(self) -> None:
        changed = any(self.edits[k].text().strip() != self._loaded.get(k, "") for k in RECOMPUTING)
        self.recompute_note.setVisible(changed)

    def _checkins_switch(self) -> QCheckBox:
        """The box that switches check-ins on (four a day) or off, following the field."""
        switch = QCheckBox(tr("Ask me now and then how absorbed I was"))
        switch.toggled.connect(self._switch_checkins)
        self.edits["checkins_per_day"].textChanged.connect(
            lambda text: switch.setChecked(text.strip() not in ("", "0"))
        )
        return switch

    def _switch_checkins(self, on: bool) -> None:
        """On: four a day, unless a number is set already; off: none."""
        edit = self.edits["checkins_per_day"]
        if on and edit.text().strip() in ("", "0"):
            edit.setText(str(CHECKINS_WHEN_ON))
        elif not on:
            edit.setText("0")

    def _apply(self) -> None:
        changed = {k: v for k, v in self.values().items() if v != self._loaded.get(k, "")}
        self.apply_requested.emit(changed, self.autostart.isChecked())
