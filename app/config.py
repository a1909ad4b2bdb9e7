"""Where settings live and how the effective ones are chosen.

Precedence, highest first: the command-line option (``--db``, ``--tz``), the environment
(``FLOWTALLY_DB``, ``FLOWTALLY_TZ``), the settings file, the default (the SQLite file in the
user data directory; the system time zone).
"""

import json
import os
import sys
from pathlib import Path

import platformdirs

from app.files import write_atomically
from tracker.errors import SettingsError
from tracker.i18n import _
from tracker.settings import Settings, load_zone


def settings_path() -> Path:
    return platformdirs.user_config_path("flowtally", appauthor=False) / "settings.json"


def state_path(name: str) -> Path:
    """``name`` in the folder of what Flowtally remembers between runs (the journal, the
    welcome seen, the notices said), not settings a person edits."""
    return platformdirs.user_state_path("flowtally", appauthor=False) / name


QUIET_RECORD = "quiet.json"
"""What Flowtally silenced, written before it did (:mod:`app.focus.quiet_record`)."""


def settings_stamp() -> tuple[int, int] | None:
    """When and how big the settings file is: a cheap way to see that it changed."""
    try:
        info = settings_path().stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; a damaged file is reported and the defaults used, so that logging an
    interruption never fails because of a settings typo."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        settings = Settings.from_json(raw)
    except FileNotFoundError:
        return Settings()
    except RecursionError:
        reason: object = _("nested too deeply to be a settings file")
    except (OSError, ValueError, SettingsError, TypeError) as exc:
        reason = exc.args[0] if isinstance(exc, SettingsError) else exc
    else:
        return settings
    line = _("flowtally: warning: ignoring {path} ({reason}); using defaults")
    print(line.format(path=path, reason=reason), file=sys.stderr)
    return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a crash leaves the old settings or the new, never a broken file."""
    path = path or settings_path()
    write_atomically(path, json.dumps(settings.as_json(), indent=2) + "\n", private=True)
    return path


def system_zone() -> str:
    """The system's IANA zone name, or UTC when it cannot be told."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - any failure here means "unknown", never fatal
        return "UTC"
    try:
        load_zone(name or "")
    except SettingsError:
        return "UTC"
    return name or "UTC"


def effective_zone(option: str | None, settings: Settings) -> str:
    name = option or os.environ.get("FLOWTALLY_TZ") or settings.timezone or system_zone()
    load_zone(name)
    return name


def effective_database(option: str | None, settings: Settings) -> str | None:
    """The database URL to use, or ``None`` for the default SQLite file."""
    return option or os.environ.get("FLOWTALLY_DB") or settings.database_url
