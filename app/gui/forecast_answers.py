"""The dashboard's forecast tab, answered on the dashboard's worker: next week's focus
windows from the person's last weeks (:func:`app.commands.forecast.forecast_of`, as
``flowtally forecast`` works them out), shown or written as calendar events."""

from app.commands.forecast import forecast_of, write_calendar
from app.gui import dashboard_protocol as msg
from data.store import Store
from tracker.clock import now
from tracker.errors import FlowtallyError
from tracker.settings import ModelParams


def forecast_answer(
    store: Store, params: ModelParams, zone_name: str, path: str | None
) -> msg.DashboardAnswer:
    """The forecast to show, or, with ``path``, what writing it there did."""
    at = now()
    try:
        result = forecast_of(store, params, zone_name, at)
        if path is None:
            return msg.ForecastReady(result, params.min_period_min)
        return msg.Exported(write_calendar(result, path, at))
    except FlowtallyError as exc:
        return msg.Failed(str(exc))
