"""A far week is shown from itself and the week before, and its twelve-week trend completed
after: on a real SQLite file, through the real dashboard and its worker thread."""

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.commands.weeks import TREND_WEEKS, load_view
from app.gui import dashboard_protocol as msg
from app.gui.dashboard import Dashboard
from app.gui.week_views import QUICK_WEEKS, WeekViews
from data.store import Store
from tests.app.gui.test_dashboard import PARAMS, W47, ZONE, drawn, figure_of, seeded_blocks
from tracker.clock import now
from tracker.dashboard import WeekView

FAR = W47 - timedelta(weeks=1)
"""A week whose trend (eleven weeks before it) holds weeks nothing has computed yet."""


def database(tmp_path: Path) -> str:
    url = str(tmp_path / "weeks.sqlite3")
    with Store.open(url) as store:
        store.import_blocks(seeded_blocks())
    return url


def numbers(view: WeekView) -> list[object]:
    return [report.as_json() for report in view.trend]


def test_a_completed_trend_has_the_numbers_of_one_computed_whole(tmp_path: Path) -> None:
    url = database(tmp_path)
    weeks = WeekViews(url, PARAMS, ZONE)
    try:
        quick = weeks.view(FAR, quick=True)
        assert len(quick.trend) == QUICK_WEEKS
        steps = 1
        while (whole := weeks.complete(quick)) is None:
            steps += 1
        assert steps > 1  # a few weeks at a time: a click waits for those, not for ten
        assert whole.report is quick.report
        assert whole.trend[-2:] == quick.trend
        with Store.open(url) as store:
            fresh = load_view(store, PARAMS, ZONE, FAR, now())
        assert len(whole.trend) == TREND_WEEKS
        assert numbers(whole) == numbers(fresh)
        assert len(weeks.view(FAR, quick=True).trend) == TREND_WEEKS  # all computed now
    finally:
        weeks.close()


def test_the_dashboard_shows_a_far_week_first_and_its_trend_after(
    qtbot: QtBot, tmp_path: Path
) -> None:
    board = Dashboard(database(tmp_path), PARAMS, ZONE)
    qtbot.addWidget(board.window)
    answers: list[object] = []
    board.worker.answered.connect(answers.append)
    try:
        board.show(FAR)
        qtbot.waitUntil(lambda: any(isinstance(a, msg.TrendReady) for a in answers), timeout=20_000)
        first = next(a.view for a in answers if isinstance(a, msg.WeekReady))
        assert len(first.trend) == QUICK_WEEKS
        window = board.window
        qtbot.waitUntil(lambda: window.view is not None and len(window.view.trend) == TREND_WEEKS)
        assert window.view is not None
        assert window.view.report is first.report  # the cards shown first stay true
        window.tabs.setCurrentWidget(window.pages["trend"])
        qtbot.waitUntil(lambda: drawn(window, "trend"), timeout=20_000)
        weeks = [t.get_text() for t in figure_of(window, "trend").axes[0].get_xticklabels()]
        assert len(weeks) == TREND_WEEKS
    finally:
        board.close()


def test_the_trend_page_is_never_drawn_from_two_weeks(qtbot: QtBot, tmp_path: Path) -> None:
    board = Dashboard(database(tmp_path), PARAMS, ZONE)
    qtbot.addWidget(board.window)
    window = board.window
    drawn_trends: list[int] = []

    def record(answer: object) -> None:
        if isinstance(answer, msg.Rendered) and answer.page.spec.page == "trend":
            drawn_trends.append(len(answer.page.view.trend))

    board.worker.answered.connect(record)
    try:
        board.show(W47)
        qtbot.waitUntil(lambda: drawn(window, "week"), timeout=20_000)
        window.tabs.setCurrentWidget(window.pages["trend"])
        qtbot.waitUntil(lambda: drawn(window, "trend"), timeout=20_000)
        board.show(W47 - timedelta(weeks=30))  # far: nothing of its trend computed
        qtbot.waitUntil(
            lambda: drawn(window, "trend") and window.monday == W47 - timedelta(weeks=30),
            timeout=20_000,
        )
        assert drawn_trends
        assert set(drawn_trends) == {TREND_WEEKS}
    finally:
        board.close()
