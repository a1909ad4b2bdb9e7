"""The settings dialog's proposal of a personal ramp-up and flow threshold, from the flow
check-ins. "Use these" only fills the two fields: nothing is saved until OK, and the dialog
says then, as for any change of them, that all history is counted again."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton


def tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


class CalibrationBox(QGroupBox):
    def __init__(self, edits: dict[str, QLineEdit]) -> None:
        super().__init__(tr("Your own thresholds, from your check-ins"))
        self._edits = edits
        self._proposal: tuple[int, int] | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.use = QPushButton(tr("Use these"))
        self.use.clicked.connect(self._use)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.use)

    def waiting(self) -> None:
        self.show_proposal(tr("Reading your check-ins…"), None)

    def show_proposal(self, text: str, proposal: tuple[int, int] | None) -> None:
        """``text``: what ``flowtally calibrate`` prints; ``proposal``: ramp-up and flow
        after, in minutes, or ``None`` when there is nothing to propose."""
        self.text.setText(text)
        self._proposal = proposal
        self.use.setVisible(proposal is not None)

    def _use(self) -> None:
        if self._proposal is not None:
            ramp_up, flow_after = self._proposal
            self._edits["ramp_up_min"].setText(str(ramp_up))
            self._edits["flow_after_min"].setText(str(flow_after))
