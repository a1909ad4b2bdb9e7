"""``flowtally settings``: show them, or set ``KEY=VALUE`` pairs (all or none)."""

import json
import socket
from dataclasses import replace

from app.checked_settings import check_urls
from app.commands.context import Context
from app.config import save_settings, settings_path, system_zone
from app.language import requests as rq
from data.engine import normalise_url
from tracker.errors import SettingsError
from tracker.i18n import _
from tracker.redaction import redact_url
from tracker.settings import SETTING_NAMES


def settings(ctx: Context, args: rq.Settings) -> int:
    if not args.assignments:
        _show(ctx, args.json)
        return 0
    changes: dict[str, str] = {}
    for assignment in args.assignments:
        key, sep, value = assignment.partition("=")
        if not sep:
            raise SettingsError(_("write settings as KEY=VALUE, not {0!r}").format(assignment))
        changes[key.strip()] = value
    updated = ctx.settings.updated(changes)
    check_urls(ctx.settings, updated)  # the file or the server checked once, here
    url = updated.database_url
    if url and url != ctx.settings.database_url and "://" not in url:
        # a path: kept whole, whichever folder asks
        updated = replace(updated, database_url=normalise_url(url).database)
    path = save_settings(updated)
    if updated.device_name != ctx.settings.device_name:
        ctx.store.rename_device(updated.device_name or socket.gethostname())
    ctx.settings = updated
    print(_("Saved to {path}.").format(path=path), file=ctx.out)
    _show(ctx, False)
    return 0


def _show(ctx: Context, as_json: bool) -> None:
    values = ctx.settings.as_json()
    for secret in ("database_url", "sync_url"):
        value = values[secret]
        if isinstance(value, str):
            values[secret] = redact_url(value)
    if as_json:
        print(json.dumps(values, indent=1), file=ctx.out)
        return
    defaults = {
        "timezone": _("system ({zone})").format(zone=system_zone()),
        "database_url": _("default (SQLite in the user data folder)"),
        "sync_url": _("none (nothing leaves this machine)"),
        "device_name": _("the host name ({name})").format(name=socket.gethostname()),
        "person_name": _("none"),
    }
    width = max(len(name) for name in SETTING_NAMES)
    for name in SETTING_NAMES:
        value = values[name]
        shown = defaults[name] if value is None else value
        print(f"{name.ljust(width)}  {shown}", file=ctx.out)
    line = _("(file: {path}; set with 'flowtally settings KEY=VALUE')")
    print(line.format(path=settings_path()), file=ctx.out)
