"""The first-run window: what the icon's colours mean, the hotkey (tried for real, and changed
by pressing the new one), the three phases and the uninterrupted period, and where the data
lives. Shown once; About reopens it.

It holds no rule of its own: the minutes come from the model's settings and the hotkey is
checked by :func:`tracker.hotkeys.normalise_hotkey` where it is saved.
"""

from dataclasses import dataclass
from datetime import timedelta
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.days import DayClock
from tracker.model import Block, Interruption, Pause
from tracker.settings import ModelParams
from tracker.status import live_status
from ui import app_icon, icons
from ui.hotkey_names import hotkey_label, pynput_hotkey


def tr(text: str) -> str:
    return QCoreApplication.translate("Welcome", text)


@dataclass(frozen=True, slots=True)
class WelcomeFacts:
    hotkey: str
    """In pynput's syntax (``<ctrl>+<alt>+<shift>+i``)."""
    hotkey_problem: str | None
    """Why the hotkey cannot work here (Wayland without X), or ``None``."""
    database: str
    settings_file: str
    log_folder: str
    launcher_folder: str = ""
    """Where ``flowtally`` would go (``~/.local/bin``), when the window offers to put it there
    with the applications menu's entry; empty where it does not."""
    checkins: bool = False
    """Whether flow check-ins are on (they are off until the person says otherwise)."""


WIDTH = 640
FRAME_ALLOWANCE = 64
"""The title bar and the panel's share of the screen a window cannot use."""


class WelcomeWindow(QDialog):
    try_requested = Signal(bool)  # on: listen for the hotkey without logging; off: stop
    hotkey_chosen = Signal(str)  # pynput syntax, to be checked and saved
    desktop_entry_chosen = Signal(bool)  # on "Got it": install the menu entry and the command
    checkins_chosen = Signal(bool)  # on "Got it": ask for flow check-ins (opt-in)

    def __init__(self, facts: WelcomeFacts, params: ModelParams) -> None:
        super().__init__()
        self.setWindowTitle(tr("Welcome to Flowtally"))
        self.setWindowIcon(app_icon.icon())
        self.setMinimumWidth(WIDTH)
        self.hotkey = facts.hotkey
        # The sections scroll, the buttons stay: long data paths or a large font never push
        # the window past the screen or cut a line.
        self.sections = QWidget()
        sections = QVBoxLayout(self.sections)
        sections.setContentsMargins(0, 0, 0, 0)
        sections.addWidget(self._icons(params))
        sections.addWidget(self._hotkey_box(facts))
        sections.addWidget(self._phases(params))
        sections.addWidget(self._data(facts))
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.sections)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroller, 1)
        self.desktop_entry = QCheckBox(
            tr("Put Flowtally in the applications menu and 'flowtally' on your PATH")
        )
        self.desktop_entry.setToolTip(facts.launcher_folder)  # a long path would widen the window
        self.desktop_entry.setChecked(True)
        self.desktop_entry.setVisible(bool(facts.launcher_folder))
        layout.addWidget(self.desktop_entry)
        self.checkins = QCheckBox(tr("Ask me now and then how absorbed I was (flow check-ins)"))
        self.checkins.setChecked(facts.checkins)
        layout.addWidget(self.checkins)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(tr("&Got it"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.done_button.setDefault(True)

    # ---------------------------------------------------------------- sections

    def _icons(self, params: ModelParams) -> QGroupBox:
        box = QGroupBox(tr("The icon in your panel"))
        grid = QGridLayout(box)
        ramp, flow = params.ramp_up_min, params.flow_after_min
        examples = (
            (None, tr("No focus block running: click for the menu")),
            (7, tr("Ramp-up: getting into the task (the first {ramp} min)")),
            (22, tr("Deep focus: concentrated (until {flow} min)")),
            (47, tr("Flow: the stretch that makes the day")),
            ("interrupted", tr("Interrupted: until you say you are back")),
            ("paused", tr("Paused: not counted")),
        )
        for row, (example, text) in enumerate(examples):
            picture = QLabel()
            picture.setPixmap(icons.paint(_look(example, params), 32))
            caption = QLabel(text.format(ramp=f"{ramp:g}", flow=f"{flow:g}"))
            caption.setWordWrap(True)
            grid.addWidget(picture, row // 2, (row % 2) * 2)
            grid.addWidget(caption, row // 2, (row % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)  # the room goes to the captions, not the pictures
        grid.setColumnStretch(3, 1)
        note = QLabel(
            tr(
                "The number is the block's tracked minutes; the arc fills up to the next "
                "phase. A left click shows the status and the menu, a middle click pauses."
            )
        )
        note.setWordWrap(True)
        grid.addWidget(note, 3, 0, 1, 4)
        return box

    def _hotkey_box(self, facts: WelcomeFacts) -> QGroupBox:
        box = QGroupBox(tr("The interruption hotkey"))
        layout = QVBoxLayout(box)
        self.hotkey_text = QLabel()
        self.hotkey_text.setWordWrap(True)
        layout.addWidget(self.hotkey_text)
        row = QHBoxLayout()
        self.try_button = QPushButton(tr("&Try the hotkey"))
        self.try_button.setCheckable(True)
        self.try_button.toggled.connect(self._trying)
        row.addWidget(self.try_button)
        self.heard = QLabel()
        self.heard.setWordWrap(True)
        row.addWidget(self.heard, 1)
        layout.addLayout(row)
        self.record_row = QWidget()
        record = QHBoxLayout(self.record_row)
        record.setContentsMargins(0, 0, 0, 0)
        self.recorder = QKeySequenceEdit()
        prompt = QLabel(tr("&New hotkey:"))
        prompt.setBuddy(self.recorder)
        record.addWidget(prompt)
        self.recorder.setMaximumSequenceLength(1)
        self.recorder.setToolTip(tr("Click here and press the combination you want"))
        record.addWidget(self.recorder, 1)
        self.use_button = QPushButton(tr("&Use this key"))
        self.use_button.clicked.connect(self._use_recorded)
        self.recorder.keySequenceChanged.connect(
            lambda sequence: self.use_button.setEnabled(not sequence.isEmpty())
        )
        # Recorded: the keyboard moves on to "Use this key" (Enter), so the next key press is
        # not recorded over the one just made.
        self.recorder.editingFinished.connect(self._recorded)
        self.use_button.setEnabled(False)
        record.addWidget(self.use_button)
        layout.addWidget(self.record_row)
        self.recorded = QLabel()
        self.recorded.setWordWrap(True)
        self.recorded.setVisible(False)  # until a key is saved or refused: no empty row
        layout.addWidget(self.recorded)
        self.show_hotkey(facts.hotkey, facts.hotkey_problem)
        return box

    def _phases(self, params: ModelParams) -> QGroupBox:
        text = tr(
            "After a start, and after every interruption however short, comes ramp-up "
            "({ramp} min). Then deep focus; from {flow} min without an interruption you "
            "are likely in flow. An uninterrupted period is a stretch of at least "
            "{period} min without an interruption: the dashboard counts those, and the "
            "e-factor is the share of your tracked time inside them."
        ).format(
            ramp=f"{params.ramp_up_min:g}",
            flow=f"{params.flow_after_min:g}",
            period=f"{params.min_period_min:g}",
        )
        return _text_box(tr("Phases, and what counts"), text)

    def _data(self, facts: WelcomeFacts) -> QGroupBox:
        text = (
            tr(
                "Everything stays on this machine, unless you point Flowtally at a database "
                "elsewhere. Only times are kept, never what you type.<br>Data: {database}"
                "<br>Settings: {settings}<br>Log: {log}"
            )
            .replace("{database}", escape(facts.database))
            .replace("{settings}", escape(facts.settings_file))
            .replace("{log}", escape(facts.log_folder))
        )
        box = _text_box(tr("Your data"), text)
        for label in box.findChildren(QLabel):  # the paths can be copied
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return box

    # ---------------------------------------------------------------- the hotkey

    def show_hotkey(self, hotkey: str, problem: str | None) -> None:
        self.hotkey = hotkey
        label = hotkey_label(hotkey)
        if problem:
            self.hotkey_text.setText(
                tr("The hotkey {key} cannot work on this desktop: {why}.").format(
                    key=label, why=problem
                )
            )
        else:
            self.hotkey_text.setText(
                tr(
                    "Press {key} in any window the moment you are interrupted: it is logged at "
                    "once. A small popup then lets you tag it by key (1-8 source, E/I kind) "
                    "and say you are back (B)."
                ).format(key=label)
            )
        self.try_button.setEnabled(problem is None)
        # A key this desktop never passes on (Wayland without the portal) is no use to record.
        for part in (self.try_button, self.heard, self.record_row):
            part.setVisible(problem is None)

    def _trying(self, on: bool) -> None:
        self.heard.setText(
            tr("Press {key} now, in any window…").format(key=hotkey_label(self.hotkey))
            if on
            else ""
        )
        self.try_requested.emit(on)

    def hotkey_heard(self) -> None:
        """The hotkey arrived while trying: say so (nothing was logged)."""
        self.try_button.setChecked(False)  # stops listening (and clears the line)
        self.heard.setText(
            tr("✓ It works: Flowtally heard {key}. Nothing was logged.").format(
                key=hotkey_label(self.hotkey)
            )
        )

    def _recorded(self) -> None:
        if not self.recorder.keySequence().isEmpty():
            self.use_button.setFocus()

    def _use_recorded(self) -> None:
        chosen = pynput_hotkey(self.recorder.keySequence())
        if chosen:
            self.hotkey_chosen.emit(chosen)

    def hotkey_saved(self, hotkey: str, problem: str | None) -> None:
        self.recorder.clear()
        self.heard.clear()  # it was about the old hotkey
        self.recorded.setText(
            tr("Saved: the hotkey is now {key}.").format(key=hotkey_label(hotkey))
        )
        self.recorded.setVisible(True)
        self.show_hotkey(hotkey, problem)

    def hotkey_refused(self, reason: str) -> None:
        self.recorded.setText(f"⚠ {reason}")
        self.recorded.setVisible(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        screen = self.screen()
        self.fit_to(screen.availableGeometry().height() - FRAME_ALLOWANCE)

    def fit_to(self, room: int) -> None:
        """As tall as the wrapped text needs at this width, up to ``room`` (then the sections
        scroll): a window does not ask its layout for height-for-width by itself, and the
        lines would be cut."""
        width = max(self.width(), WIDTH)
        inner, outer = self.sections.layout(), self.layout()
        if inner is None or outer is None:
            return
        margins = outer.contentsMargins()
        scrollbar = self.scroller.verticalScrollBar().sizeHint().width()
        needed = inner.totalHeightForWidth(width - margins.left() - margins.right() - scrollbar)
        rest = outer.totalSizeHint().height() - self.scroller.sizeHint().height()
        self.resize(width, min(needed + rest + 2, room))

    def accept(self) -> None:
        if self.desktop_entry.isVisible():
            self.desktop_entry_chosen.emit(self.desktop_entry.isChecked())
        self.checkins_chosen.emit(self.checkins.isChecked())
        super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.try_button.setChecked(False)
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.try_button.setChecked(False)  # a closed window listens for nothing
        super().done(result)


def _text_box(title: str, text: str) -> QGroupBox:
    box = QGroupBox(title)
    label = QLabel(text)
    label.setWordWrap(True)
    QVBoxLayout(box).addWidget(label)
    return box


def _look(example: int | str | None, params: ModelParams) -> icons.IconLook:
    """The icon as it looks in each state, from a real status of a made-up block."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    clock = DayClock(ZoneInfo("UTC"))
    block: Block | None
    if example is None:
        block = None
    elif example == "interrupted":
        going_on = Interruption(now - timedelta(minutes=2), None, ongoing=True)
        block = Block(now - timedelta(minutes=30), None, None, (), (going_on,))
    elif example == "paused":
        block = Block(now - timedelta(minutes=30), None, None, (Pause(now - timedelta(minutes=1)),))
    else:
        assert isinstance(example, int)
        block = Block(now - timedelta(minutes=example), None)
    status = live_status(block, [block] if block else [], params, clock, now)
    return icons.look_of(status, params)
