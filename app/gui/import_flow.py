"""The dashboard's import: its dialog (:mod:`ui.import_dialog`) and its worker
(:mod:`app.gui.import_worker`), made the first time the user asks to import."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.gui.import_worker import ImportWorker
from tracker import clock
from tracker.foreign.outcome import Reading
from ui.import_dialog import ImportDialog


class ImportFlow(QObject):
    changed = Signal()
    """Blocks were imported: the dashboard and the tray must read the history again."""

    def __init__(self, database: str | None, zone_name: Callable[[], str]) -> None:
        super().__init__()
        self.zone_name = zone_name
        """The zone in force when the file is read (times that state none are read in it)."""
        self.worker = ImportWorker(database)
        self.dialog: ImportDialog | None = None

    def open(self, parent: QWidget) -> ImportDialog:
        if self.dialog is None:
            dialog = self.dialog = ImportDialog(parent)
            dialog.plan_requested.connect(self._plan)
            dialog.import_requested.connect(self.worker.commit)
            self.worker.ready.connect(self._ready)
            self.worker.imported.connect(self._imported)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _plan(
        self, path: str, source: str | None, order: str | None, tags: bool, skip: bool
    ) -> None:
        reading = Reading(self.zone_name(), clock.now(), order, tags, skip)
        self.worker.ask(path, source, reading)

    def _ready(self, answer: list[str] | str, importable: bool) -> None:
        assert self.dialog is not None
        if isinstance(answer, str):
            self.dialog.show_problem(answer)
        else:
            self.dialog.show_plan(answer, importable)

    def _imported(self, said: str, wrote: bool) -> None:
        assert self.dialog is not None
        if wrote:
            self.dialog.show_imported(said)
            self.changed.emit()
        else:
            self.dialog.show_problem(said)
