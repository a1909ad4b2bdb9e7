from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.controller import AppController
from tracker.settings import Settings


@pytest.fixture
def controller(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[AppController]:
    """The tray app's controller on a temporary SQLite file, not started."""
    made = AppController(qapp, Settings(), str(tmp_path / "c.sqlite3"), "UTC")
    yield made
    made.shutdown()
    made.dispose()
