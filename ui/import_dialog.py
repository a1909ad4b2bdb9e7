"""The dashboard's import: a file from another tool (or a Flowtally export), what importing it
would bring, and only then the import.

The dialog asks; the app reads the file and checks it against the store off the GUI thread
(:mod:`app.gui.import_worker`) and answers with the same summary ``flowtally import
--dry-run`` prints. Every change of file or option asks again, and "Import" is enabled only
for the summary shown, so what is written is what was read out.
"""

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from tracker.import_sources import SOURCES
from ui.legible import on_window
from ui.week_export import documents_folder


def tr(text: str) -> str:
    return QCoreApplication.translate("Import", text)


PROBLEM_COLOUR = "#B00020"


class ImportDialog(QDialog):
    plan_requested = Signal(str, object, object, bool, bool)
    """File, tool (``None``: recognised), date order (``None``: as the file shows), tags in
    the task, leave overlaps out."""
    import_requested = Signal()
    """Write what the summary shown says."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import history"))
        self.setMinimumWidth(560)
        self.path = ""
        form = QFormLayout(self)
        chooser = QHBoxLayout()
        self.file_label = QLabel(tr("No file chosen"))
        self.file_label.setWordWrap(True)
        choose = QPushButton(tr("Choose a file…"))
        choose.clicked.connect(self.choose_file)
        chooser.addWidget(self.file_label, 1)
        chooser.addWidget(choose)
        form.addRow(tr("File:"), chooser)
        self.source = QComboBox()
        self.source.addItem(tr("Recognise it from the file"), None)
        self.source.addItem(tr("a Flowtally export"), "flowtally")
        for key, name in SOURCES.items():
            self.source.addItem(name, key)
        form.addRow(tr("From:"), self.source)
        self.dates = QComboBox()
        self.dates.addItem(tr("As the file shows"), None)
        self.dates.addItem(tr("Day first (31/12/2026)"), "day-first")
        self.dates.addItem(tr("Month first (12/31/2026)"), "month-first")
        form.addRow(tr("Dates:"), self.dates)
        self.tags = QCheckBox(tr("Keep a time entry's tags in its task"))
        self.skip = QCheckBox(tr("Leave out blocks that overlap others, and list them"))
        form.addRow(self.tags)
        form.addRow(self.skip)
        self.summary = QLabel(tr("Choose a file to see what it holds."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for combo in (self.source, self.dates):
            combo.currentIndexChanged.connect(self._ask)
        for box in (self.tags, self.skip):
            box.toggled.connect(self._ask)
        self.file_dialog: QFileDialog | None = None

    def choose_file(self) -> None:
        self.file_dialog = QFileDialog(self, tr("Import history"), str(documents_folder()))
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog.fileSelected.connect(self.use_file)
        self.file_dialog.open()

    def use_file(self, path: str) -> None:
        self.path = path
        self.file_label.setText(path.rsplit("/", 1)[-1])
        self.file_label.setToolTip(path)
        self._ask()

    def _ask(self) -> None:
        if not self.path:
            return
        self.import_button.setEnabled(False)
        self._say(tr("Reading the file…"))
        self.plan_requested.emit(
            self.path,
            self.source.currentData(),
            self.dates.currentData(),
            self.tags.isChecked(),
            self.skip.isChecked(),
        )

    def _import(self) -> None:
        self.import_button.setEnabled(False)
        self._say(tr("Importing…"))
        self.import_requested.emit()

    def show_plan(self, lines: list[str], importable: bool) -> None:
        """What importing the file would bring (``importable``: something new to add)."""
        self._say("\n".join(lines))
        self.import_button.setEnabled(importable)

    def show_problem(self, message: str) -> None:
        """Why the file cannot be imported (or why the import failed): nothing was written."""
        self._say(message, problem=True)
        self.import_button.setEnabled(False)

    def show_imported(self, message: str) -> None:
        self._say(message)
        self.import_button.setEnabled(False)

    def _say(self, text: str, problem: bool = False) -> None:
        colour = f"color: {on_window(PROBLEM_COLOUR, self)}" if problem else ""
        self.summary.setStyleSheet(colour)
        self.summary.setText(text)
        self.adjustSize()  # the whole summary, never clipped
