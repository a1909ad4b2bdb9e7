"""The dashboard's forecast tab, answered on the dashboard's worker: next week's focus
windows from the person's last weeks (:func:`app.commands.forecast.forecast_of`, as
``flowtally forecast`` works them out), shown or written as calendar events."""

from pathlib import Path

from app.commands.forecast import forecast_of, to_ics
from app.files import write_atomically
from app.gui import dashboard_protocol as msg
from data.store import Store
from tracker.clock import now
from tracker.days import week_name
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.settings import ModelParams


def forecast_answer(
    store: Store, params: ModelParams, zone_name: str, path: str | None
) -> msg.DashboardAnswer:
    """The forecast to show, or, with ``path``, what writing it there did."""
    try:
        result = forecast_of(store, params, zone_name, now())
        if path is None:
            return msg.ForecastReady(result, params.min_period_min)
        write_atomically(Path(path), to_ics(result, now()))
    except FlowtallyError as exc:
        return msg.Failed(str(exc))
    count = sum(len(windows) for _day, windows in result.days)
    return msg.Exported(
        _("Wrote {count} focus windows for {week} to {path}.").format(
            count=count, week=week_name(result.monday), path=path
        )
    )
