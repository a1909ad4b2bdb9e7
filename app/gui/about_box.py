"""What the About box says: the version, where the data and the log live (the database's
password masked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the About box's module loads with the box (#27)
    from ui.about import AboutFacts


def about_facts(database: str | None) -> AboutFacts:
    import platformdirs

    from app.version import app_version
    from data.engine import default_database_path
    from tracker.redaction import redact_url
    from ui.about import AboutFacts

    shown = redact_url(database or str(default_database_path()))
    log_folder = platformdirs.user_log_path("flowtally", appauthor=False)
    return AboutFacts(app_version(), shown, str(log_folder))
