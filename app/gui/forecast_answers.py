"""The dashboard's tabs that learn from the person, answered on the dashboard's worker: next
week's focus windows from their last weeks (:func:`app.commands.forecast.forecast_of`, as
``flowtally forecast`` works them out), shown or written as calendar events; and their flow
check-ins against the stretch's age, with what calibration proposes."""

from app.commands.checkin import age_edges, as_text
from app.commands.forecast import forecast_of, write_calendar
from app.gui import dashboard_protocol as msg
from data.store import Store
from tracker.calibration import answers_by_age, calibrate
from tracker.clock import now
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.settings import ModelParams, load_zone


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


def learning_answers(
    store: Store, params: ModelParams, zone_name: str, path: str | None
) -> list[msg.DashboardAnswer]:
    """The forecast (or its calendar file), and with the forecast the check-ins."""
    found = forecast_answer(store, params, zone_name, path)
    return [found] if path is not None else [found, checkins_answer(store, params, zone_name)]


def checkins_answer(store: Store, params: ModelParams, zone_name: str) -> msg.DashboardAnswer:
    try:
        asked = store.checkins()
    except FlowtallyError as exc:
        return msg.Failed(str(exc))
    edges = age_edges(params)
    cuts = (0.0, *edges)
    bands = answers_by_age(asked, edges)
    means = tuple(
        (cuts[k], edges[k] if k < len(edges) else float("inf"), mean)
        for k, (n, mean) in enumerate(bands)
        if n
    )
    points = tuple((c.stretch_min, c.answer) for c in asked if c.answer is not None)
    found = calibrate(asked, DayClock(load_zone(zone_name)), params)
    return msg.CheckInsReady(
        points,
        means,
        (params.ramp_up_min, params.flow_after_min),
        len(asked) - len(points),
        as_text(found),
    )
