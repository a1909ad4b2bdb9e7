"""Runs one parsed ``flowtally`` request in this process: the terminal's own, or one the tray
app was sent.

It never forwards (forwarding is the process entry's job, :mod:`app.entry`): a request the
tray app runs for another process can therefore never loop back into the app's own socket.
Handlers are imported when their request comes, so the tray starts without SQLAlchemy's
half second and a command pays only for its own. User errors print one line on stderr and
give exit code 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO, assert_never

from app.config import effective_database, effective_zone, load_settings
from app.language import requests as rq
from tracker.errors import FlowtallyError
from tracker.i18n import _

if TYPE_CHECKING:
    from app.commands.app_facts import AppFacts
    from app.commands.context import Context
    from app.commands.writes import Writes
    from tracker.settings import Settings


def run(
    invocation: rq.Invocation,
    out: TextIO,
    err: TextIO,
    writes: Writes | None = None,
    app: AppFacts | None = None,
    raise_store_errors: bool = False,
    settings: Settings | None = None,
    zone_name: str | None = None,
) -> int:
    """Run the request. In the tray app, ``writes`` is its durable writer, ``app`` what it
    says about itself and ``zone_name`` its zone (when the command line named none).

    ``raise_store_errors``: a store that cannot be used now (a lock, a full disk, a server
    away) raises :class:`data.errors.StoreError` instead of printing it, so that the app may
    try again while the command's client waits. ``settings``: as the caller read them (the
    file is read afresh otherwise: the tray app follows its changes).
    """
    from app.commands.context import Context
    from app.commands.writes import StoreWrites
    from data.errors import StoreError

    own: StoreWrites | None = None
    try:
        settings = settings or load_settings()
        database = effective_database(invocation.db, settings)
        if writes is None:
            writes = own = StoreWrites(database)
        ctx = Context(
            settings=settings,
            zone_name=effective_zone(invocation.tz or zone_name, settings),
            database=database,
            out=out,
            err=err,
            writes=writes,
            app=app,
        )
        return handle(ctx, invocation.request)
    except FlowtallyError as exc:
        if raise_store_errors and isinstance(exc, StoreError):
            raise
        print(_("flowtally: error: {problem}").format(problem=exc), file=err)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if own is not None:
            own.close()


def handle(ctx: Context, request: rq.Request | None) -> int:
    """The request's handler, imported now: each takes the context and its own request."""
    match request:
        case None | rq.Status() | rq.Start() | rq.Pause() | rq.Resume() | rq.Stop() | rq.Add():
            return _tracking(ctx, request or rq.Status())
        case rq.Interrupt() | rq.Back() | rq.Undo():
            return _moments(ctx, request)
        case rq.Report() | rq.Trend() | rq.Dashboard() | rq.Forecast():
            return _reading(ctx, request)
        case rq.CheckIn() | rq.Calibrate():
            return _learning(ctx, request)
        case rq.Export() | rq.Import() | rq.Sync() | rq.Desktop() | rq.Settings():
            return _moving(ctx, request)
        case (
            rq.TeamInit()
            | rq.TeamAdd()
            | rq.TeamRemove()
            | rq.TeamMembers()
            | rq.TeamJoin()
            | rq.TeamShare()
            | rq.TeamReport()
        ):
            return _team(ctx, request)
        case _:
            assert_never(request)


def _tracking(
    ctx: Context, request: rq.Status | rq.Start | rq.Pause | rq.Resume | rq.Stop | rq.Add
) -> int:
    from app.commands import status, tracking

    match request:
        case rq.Status(line=True) | rq.Status(waybar=True):
            from app.commands.status_line import status_line

            return status_line(ctx, request)
        case rq.Status():
            return status.status(ctx, request)
        case rq.Start():
            return tracking.start(ctx, request)
        case rq.Pause():
            return tracking.pause(ctx, request)
        case rq.Resume():
            return tracking.resume(ctx, request)
        case rq.Stop():
            return tracking.stop(ctx, request)
        case rq.Add():
            return tracking.add(ctx, request)
        case _:
            assert_never(request)


def _moments(ctx: Context, request: rq.Interrupt | rq.Back | rq.Undo) -> int:
    from app.commands import moments

    match request:
        case rq.Interrupt():
            return moments.interrupt(ctx, request)
        case rq.Back():
            return moments.back(ctx, request)
        case rq.Undo():
            return moments.undo(ctx)
        case _:
            assert_never(request)


def _reading(ctx: Context, request: rq.Report | rq.Trend | rq.Dashboard | rq.Forecast) -> int:
    from app.commands import reports

    match request:
        case rq.Forecast():
            from app.commands.forecast import forecast_

            return forecast_(ctx, request)
        case rq.Report():
            return reports.report(ctx, request)
        case rq.Trend():
            return reports.trend(ctx, request)
        case rq.Dashboard():  # the entry starts the app with it, or the app opens it
            raise FlowtallyError(_("the dashboard opens in the tray app"))
        case _:
            assert_never(request)


def _learning(ctx: Context, request: rq.CheckIn | rq.Calibrate) -> int:
    from app.commands import checkin

    match request:
        case rq.CheckIn():
            return checkin.checkin(ctx, request)
        case rq.Calibrate():
            return checkin.calibrate_(ctx, request)
        case _:
            assert_never(request)


def _moving(
    ctx: Context, request: rq.Export | rq.Import | rq.Sync | rq.Desktop | rq.Settings
) -> int:
    match request:
        case rq.Export():
            from app.commands.transfer import export

            return export(ctx, request)
        case rq.Import():
            from app.commands.importing import import_

            return import_(ctx, request)
        case rq.Sync():
            from app.commands.syncing import sync

            return sync(ctx)
        case rq.Desktop():
            from app.commands.desktop_entry import desktop_

            return desktop_(ctx, request)
        case rq.Settings():
            from app.commands.settings import settings

            return settings(ctx, request)
        case _:
            assert_never(request)


def _team(ctx: Context, request: rq.Team) -> int:
    from app.commands import team

    match request:
        case rq.TeamInit():
            return team.init(ctx, request)
        case rq.TeamAdd():
            return team.add(ctx, request)
        case rq.TeamRemove():
            return team.remove(ctx, request)
        case rq.TeamMembers():
            return team.members(ctx, request)
        case rq.TeamJoin():
            return team.join(ctx, request)
        case rq.TeamShare():
            return team.share(ctx, request)
        case rq.TeamReport():
            return team.report(ctx, request)
        case _:
            assert_never(request)
