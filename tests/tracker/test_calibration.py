"""The calibration's estimator, on answers from people with known thresholds: it finds them
within its intervals, proposes nothing from too little, and says so when answers do not
rise with the stretch's age."""

import random

import pytest

from tests.tracker.histories import ZONE, answers
from tracker.calibration import NotEnough, Proposal, answers_by_age, calibrate, fit_steps
from tracker.days import DayClock
from tracker.settings import ModelParams, load_zone

CLOCK = DayClock(load_zone(ZONE))
CURRENT = ModelParams()
SEEDS = range(40)


def truth(seed: int) -> tuple[float, float]:
    rnd = random.Random(1000 + seed)
    ramp_up = rnd.uniform(8, 20)
    return ramp_up, ramp_up + rnd.uniform(10, 30)


def test_the_true_thresholds_lie_in_their_intervals_in_nine_seeds_of_ten() -> None:
    ramp_hits = flow_hits = 0
    for seed in SEEDS:
        ramp_up, flow_after = truth(seed)
        found = calibrate(answers(seed, ramp_up, flow_after), CLOCK, CURRENT)
        assert isinstance(found, Proposal), (seed, found)
        low, high = found.ramp_up_interval
        ramp_hits += low <= ramp_up <= high
        low, high = found.flow_after_interval
        flow_hits += low <= flow_after <= high
        assert found.ramp_up_min <= found.flow_after_min
        assert found.as_params().min_period_min == CURRENT.min_period_min
    assert ramp_hits >= 0.9 * len(SEEDS)
    assert flow_hits >= 0.9 * len(SEEDS)


def test_the_estimate_is_close_with_plenty_of_answers() -> None:
    """Intervals that held the truth only by being as wide as the data would prove
    nothing: with many answers, the estimate itself lands near the truth."""
    for seed in range(5):
        found = calibrate(answers(seed, 12, 40, days=20, per_day=10), CLOCK, CURRENT)
        assert isinstance(found, Proposal)
        assert abs(found.ramp_up_min - 12) <= 3
        assert abs(found.flow_after_min - 40) <= 4
        assert found.flow_after_interval[1] - found.flow_after_interval[0] < 40


@pytest.mark.parametrize(("days", "per_day"), [(6, 3), (4, 8), (3, 8)])
def test_too_few_answers_or_days_propose_nothing(days: int, per_day: int) -> None:
    found = calibrate(answers(3, 12, 40, days=days, per_day=per_day), CLOCK, CURRENT)
    assert found == NotEnough(days * per_day, days)


def test_skipped_checkins_are_not_answers() -> None:
    given = answers(4, 12, 40)
    skipped = [c.__class__(c.at, None, c.stretch_min, c.phase) for c in given[:30]]
    found = calibrate(skipped + given[30:], CLOCK, CURRENT)
    assert isinstance(found, NotEnough)
    assert found.answers == len(given) - 30


def test_answers_that_do_not_rise_propose_nothing() -> None:
    flat = answers(5, 200, 300)  # never past the ramp-up: one level throughout
    found = calibrate(flat, CLOCK, CURRENT)
    assert isinstance(found, NotEnough)
    assert found.flat


def test_the_fit_never_falls_and_finds_a_clean_step() -> None:
    points = [(float(age), 1 if age < 10 else 3 if age < 30 else 5) for age in range(0, 60, 2)]
    fit = fit_steps(points)
    assert fit is not None
    assert fit.levels == (1, 3, 5)
    assert fit.ramp_gap == (8, 10)
    assert fit.flow_gap == (28, 30)
    assert fit_steps([(5.0, 3), (5.0, 4)]) is None


def test_answers_by_age_bands() -> None:
    given = answers(6, 12, 40)
    bands = answers_by_age(given, (15, 30, 60))
    assert sum(n for n, _ in bands) == len(given)
    assert bands[0][1] < bands[3][1]
