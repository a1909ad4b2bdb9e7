"""``flowtally sync``: one sync with the target ``sync_url`` names, now, and what it did.

Sync runs in this process against the database file, whether or not the tray app runs (the
app's own writes and this one's take turns on the file's lock); the app reads what was
pulled at its next refresh.
"""

from app.commands.context import Context
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.redaction import redact_url
from tracker.units import plural


def sync(ctx: Context) -> int:
    url = ctx.settings.sync_url
    if not url:
        raise FlowtallyError(
            _(
                "no sync target is set; set one with 'flowtally settings "
                "sync_url=postgresql://USER@HOST/DATABASE'"
            )
        )
    result = ctx.store.sync(url, ctx.settings.device_name, ctx.settings.person_name, ctx.lens)
    line = _("Synced with {target} at {time}: {pushed} pushed, {pulled} pulled.")
    print(
        line.format(
            target=redact_url(url),
            time=ctx.local(result.at),
            pushed=plural(result.pushed, "change"),
            pulled=plural(result.pulled, "change"),
        ),
        file=ctx.out,
    )
    if result.recovered:
        print(result.recovered, file=ctx.out)
    return 0
