"""Settings validation and how typed times are read."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.errors import FlowtallyError, SettingsError
from tracker.settings import ModelParams, Settings
from tracker.timeparse import parse_user_time

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"ramp_up_min": 0}, "ramp_up_min must be more than 0"),
        ({"ramp_up_min": 40}, r"flow_after_min \(30\) must be at least ramp_up_min \(40\)"),
        ({"min_period_min": -5}, "min_period_min must be more than 0"),
        ({"ramp_up_min": float("nan")}, "finite"),
        ({"ramp_up_min": True}, "number of minutes"),
    ],
)
def test_model_parameters_are_validated(values: dict[str, float], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        ModelParams(**values)


def test_updated_is_all_or_nothing_and_keeps_the_old_settings() -> None:
    old = Settings()
    with pytest.raises(SettingsError, match="must be at least"):
        old.updated({"flow_after_min": "20", "ramp_up_min": "25"})
    assert old == Settings()
    new = old.updated({"ramp_up_min": "20", "flow_after_min": "45", "timezone": "Asia/Tokyo"})
    assert new.model == ModelParams(20, 45, 25)
    assert new.timezone == "Asia/Tokyo"
    assert new.updated({"timezone": ""}).timezone is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"ramp_up_min": "ten"}, "must be a number of minutes, not 'ten'"),
        ({"colour": "blue"}, "unknown setting 'colour'"),
    ],
)
def test_invalid_settings_are_refused_with_the_reason(
    changes: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings().updated(changes)


def test_settings_json_round_trip() -> None:
    settings = Settings(ModelParams(10, 20.5, 30), "Europe/Oslo", "sqlite:///x.db")
    assert Settings.from_json(settings.as_json()) == settings
    assert settings.as_json()["ramp_up_min"] == 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", datetime(2026, 11, 16, 8, 30, tzinfo=UTC)),
        ("2026-11-15 23:10", datetime(2026, 11, 15, 22, 10, tzinfo=UTC)),
        ("2026-11-16T09:00:00+05:00", datetime(2026, 11, 16, 4, 0, tzinfo=UTC)),
        ("-25m", datetime(2026, 11, 16, 13, 35, tzinfo=UTC)),
        ("2h ago", datetime(2026, 11, 16, 12, 0, tzinfo=UTC)),
    ],
)
def test_user_times(text: str, expected: datetime) -> None:
    assert parse_user_time(text, AMS, NOW) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "not a time of day"),
        ("2026-02-30 10:00", "cannot read the time"),
        ("2026-03-29 02:30", "does not exist in Europe/Amsterdam"),
        ("2026-10-25 02:30", "happens twice"),
        ("soon", "cannot read the time"),
    ],
)
def test_impossible_times_are_refused(text: str, message: str) -> None:
    with pytest.raises(FlowtallyError, match=message):
        parse_user_time(text, AMS, NOW)
