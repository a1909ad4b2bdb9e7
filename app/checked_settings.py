"""Settings changed by a person, checked before they are saved: a database or sync URL must
be usable as one. Apart from :mod:`app.config` because the checks need the database layer,
and the forwarding client must not load it."""

from app.config import load_settings, save_settings
from tracker.errors import SettingsError
from tracker.i18n import _
from tracker.redaction import MASK
from tracker.settings import Settings


def save_changes(changes: dict[str, str]) -> Settings:
    """Apply the changed fields onto the settings file as it is now, check them, and save:
    what the settings dialog and the first-run window's key recorder save. A change made
    meanwhile (from the CLI, another program) is kept; a bad value raises and saves nothing.
    """
    before = load_settings()
    updated = before.updated(changes)
    check_urls(before, updated)
    save_settings(updated)
    return updated


def check_urls(before: Settings, updated: Settings) -> None:
    """A database or sync URL that changed must be usable as one, and must not carry the
    mask it is shown with (``me:***@host``: the password was not typed again)."""
    from data.engine import check_target
    from data.remote import check_sync_target

    for key, check in (("database_url", check_target), ("sync_url", check_sync_target)):
        value = getattr(updated, key)
        if not value or value == getattr(before, key):
            continue
        if f":{MASK}@" in value:
            raise SettingsError(
                _(
                    "{key}: the password shows as {mask}; type it again, or keep it in "
                    "~/.pgpass and leave it out of the URL"
                ).format(key=key, mask=MASK)
            )
        check(value)
