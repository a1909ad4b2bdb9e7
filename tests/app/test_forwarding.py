"""The forwarding client finds the settings, the quiet record and the app's socket folder
without platformdirs; it must find the same ones the full path finds through it."""

from pathlib import Path

import pytest

from app import forwarding, instance
from app.config import settings_path
from app.focus.quiet_record import record_path


def _same_places() -> None:
    assert forwarding.settings_file() == str(settings_path())
    assert forwarding.quiet_record_file() == str(record_path())
    folder = instance.runtime_folder()  # made private here, as the app makes it
    assert forwarding._usual_runtime_folder() == str(folder)


def test_with_the_xdg_folders_set() -> None:
    _same_places()


def test_with_only_a_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    _same_places()
