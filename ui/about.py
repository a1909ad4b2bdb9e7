"""The About box: which Flowtally this is and where it keeps the user's data.

The version and the paths come from ``app``; this widget only lays them out. The Qt and Python
versions are there because they are the first thing a bug report needs.
"""

import platform
from dataclasses import dataclass
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, Signal, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import app_icon


def tr(text: str) -> str:
    return QCoreApplication.translate("About", text)


@dataclass(frozen=True, slots=True)
class AboutFacts:
    version: str
    database: str
    log_folder: str


class AboutDialog(QDialog):
    welcome_requested = Signal()
    """Show the first-run window again ("How Flowtally works")."""

    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About Flowtally"))
        self.setWindowIcon(app_icon.icon())
        picture = QLabel()
        picture.setPixmap(app_icon.pixmap(64))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(f"<b style='font-size:14pt'>Flowtally {facts.version}</b>")
        summary = QLabel(
            tr(
                "Measures focus and flow: a tray timer, a one-key interruption log and "
                "weekly focus charts."
            )
        )
        summary.setWordWrap(True)
        privacy = QLabel(
            tr(
                "Private and local: only the times of your activity are kept, never what you "
                "type, and nothing leaves this machine."
            )
        )
        privacy.setWordWrap(True)
        self.where = QLabel(
            tr("Data: {database}<br>Log: {log}")
            .replace("{database}", escape(facts.database))
            .replace("{log}", escape(facts.log_folder))
        )
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        build = QLabel(
            tr("MIT licence · Qt {qt} · PySide6 {pyside} · Python {python}")
            .replace("{qt}", qVersion())
            .replace("{pyside}", pyside_version)
            .replace("{python}", platform.python_version())
        )
        build.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        self.welcome_button = buttons.addButton(
            tr("&How Flowtally works…"), QDialogButtonBox.ButtonRole.HelpRole
        )
        self.welcome_button.clicked.connect(self.welcome_requested)

        text = QVBoxLayout()
        for label in (self.title, summary, privacy, self.where, build):
            text.addWidget(label)
        row = QHBoxLayout()
        row.addWidget(picture)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
