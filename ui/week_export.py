"""Where the dashboard exports a week: a save dialog that starts in the documents folder
and offers every format, and the file's suffix from the format chosen when none was typed."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


EXPORT_FILTERS = (
    ("pdf", "PDF report (*.pdf)"),
    ("png", "PNG image (*.png)"),
    ("html", "HTML report (*.html)"),
    ("csv", "CSV of the week's blocks (*.csv)"),
    ("json", "JSON of the week's blocks (*.json)"),
    ("ics", "Calendar of the week's blocks (*.ics)"),
)


def documents_folder() -> Path:
    """The user's documents folder (XDG ``user-dirs``), or home when it does not exist."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    return folder if folder.is_dir() else Path.home()


def export_dialog(parent: QWidget, week: str) -> QFileDialog:
    folder = documents_folder()
    filters = ";;".join(tr(text) for _, text in EXPORT_FILTERS)
    dialog = QFileDialog(parent, tr("Export the week"), str(folder), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(str(folder / f"flowtally-{week}.pdf"))
    return dialog


def with_suffix(path: str, chosen: str) -> str:
    """``path`` as typed, or with the suffix of the format ``chosen`` when it has none."""
    if "." in path.rsplit("/", 1)[-1]:
        return path
    suffix = next((s for s, text in EXPORT_FILTERS if tr(text) == chosen), "pdf")
    return f"{path}.{suffix}"
