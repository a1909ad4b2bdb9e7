"""Flow check-ins in the tray app: the real window on a real display, the real store worker
on its thread and a real SQLite file. A click answers; the window closes itself as a skip;
the day's limit and the hour between hold across a restart, because they are counted from
what is stored. (That it never takes the keyboard is shown on a real compositor, by
``tests/e2e/test_checkin_gnome.py``: a bare X server gives no window the focus by itself.)"""

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui import store_protocol as msg
from app.gui.checkin_flow import CheckInFlow
from app.gui.live_settings import LiveSettings
from app.gui.store_worker import StoreWorker, stop_worker
from data.store import Store
from tracker.days import DayClock
from tracker.model import Block
from tracker.settings import Settings, load_zone

ZONE = "Europe/Amsterdam"


class Snapshots(QObject):
    ready = Signal(object)

    @Slot(object)
    def forward(self, answer: msg.StoreAnswer) -> None:
        if isinstance(answer, msg.Snapshot):
            self.ready.emit(answer)


class Now(random.Random):
    """Randomness whose every waiting time is zero: a random moment is due at once."""

    def expovariate(self, lambd: float) -> float:
        return 0.0


@pytest.fixture
def path(tmp_path: Path, private_user_folders: Path) -> str:
    return str(tmp_path / "checkins.sqlite3")


@pytest.fixture
def snapshots() -> Snapshots:
    return Snapshots()


@pytest.fixture
def worker(qtbot: QtBot, path: str, snapshots: Snapshots) -> Iterator[StoreWorker]:
    thread = QThread()
    instance = StoreWorker(path, ZONE)
    instance.moveToThread(thread)
    instance.answered.connect(snapshots.forward)
    thread.start()
    with qtbot.waitSignal(snapshots.ready, timeout=10_000):
        instance.requested.emit(msg.Open())
    yield instance
    stop_worker(instance, thread)


def flow_with(qtbot: QtBot, worker: StoreWorker, per_day: int) -> CheckInFlow:
    live = LiveSettings(Settings(checkins_per_day=per_day), ZONE)
    flow = CheckInFlow(live, worker.requested.emit, DayClock(load_zone(ZONE)))
    qtbot.addWidget(flow.window)
    flow.rng = Now()
    return flow


def read(qtbot: QtBot, worker: StoreWorker, snapshots: Snapshots) -> msg.Snapshot:
    with qtbot.waitSignal(snapshots.ready, timeout=10_000) as got:
        worker.requested.emit(msg.Refresh())
    snapshot: msg.Snapshot = got.args[0]
    return snapshot


def test_a_random_checkin_is_answered_with_a_click(
    qtbot: QtBot, worker: StoreWorker, snapshots: Snapshots, path: str
) -> None:
    with Store.open(path) as store:
        store.start(datetime.now(UTC) - timedelta(minutes=40), ZONE)
    flow = flow_with(qtbot, worker, 4)
    flow.show(read(qtbot, worker, snapshots))
    qtbot.waitUntil(lambda: flow.window.isVisible())
    assert "Right now" in flow.window.about.text()
    with qtbot.waitSignal(snapshots.ready, timeout=10_000) as stored:
        qtbot.mouseClick(flow.window.buttons[3], Qt.MouseButton.LeftButton)
    assert not flow.window.isVisible()
    (checkin,) = stored.args[0].running.checkins
    assert (checkin.answer, checkin.phase.value) == (4, "flow")
    assert 39.9 < checkin.stretch_min < 41
    flow.tick()  # due again at once, but within the hour of the last
    assert not flow.window.isVisible()


def test_the_window_closes_itself_as_a_skip(
    qtbot: QtBot, worker: StoreWorker, snapshots: Snapshots, path: str
) -> None:
    with Store.open(path) as store:
        store.start(datetime.now(UTC) - timedelta(minutes=20), ZONE)
    flow = flow_with(qtbot, worker, 4)
    flow.window._closing.setInterval(300)
    flow.show(read(qtbot, worker, snapshots))
    with qtbot.waitSignal(snapshots.ready, timeout=10_000):
        qtbot.waitUntil(lambda: flow.window.isVisible())
    assert not flow.window.isVisible()
    with Store.open(path) as store:
        assert [c.answer for c in store.checkins()] == [None]


def test_no_question_in_ramp_up_and_the_days_limit_holds_across_a_restart(
    qtbot: QtBot, worker: StoreWorker, snapshots: Snapshots, path: str
) -> None:
    nine = datetime(2026, 11, 16, 9, tzinfo=load_zone(ZONE))
    with Store.open(path) as store:
        store.start(nine, ZONE)  # running since a Monday morning, whatever today is
    snapshot = read(qtbot, worker, snapshots)
    flow = flow_with(qtbot, worker, 2)
    flow.show(snapshot, nine + timedelta(minutes=10))
    assert not flow.window.isVisible()  # ten minutes in: still ramping up
    answered = []
    for minutes, button in ((40, flow.window.buttons[2]), (100, flow.window.skip)):
        flow.show(snapshot, nine + timedelta(minutes=minutes))
        assert flow.window.isVisible()
        with qtbot.waitSignal(snapshots.ready, timeout=10_000) as stored:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        snapshot = stored.args[0]
        answered = [(c.at, c.answer) for c in snapshot.running.checkins]
        flow.show(snapshot, nine + timedelta(minutes=minutes + 59))
        assert not flow.window.isVisible()  # never two within an hour
    assert answered == [(nine + timedelta(minutes=40), 3), (nine + timedelta(minutes=100), None)]
    restarted = flow_with(qtbot, worker, 2)  # a new app, with what is stored
    restarted.show(read(qtbot, worker, snapshots), nine + timedelta(hours=5))
    assert not restarted.window.isVisible()  # two a day, and two are stored today
    one_more = flow_with(qtbot, worker, 3)
    one_more.show(read(qtbot, worker, snapshots), nine + timedelta(hours=5))
    assert one_more.window.isVisible()


def test_the_tray_menu_asks_about_now_even_in_ramp_up(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, private_user_folders: Path
) -> None:
    from app.gui.controller import AppController
    from tests.ui import statuses

    controller = AppController(qapp, Settings(), str(tmp_path / "menu.sqlite3"), ZONE)
    try:
        entry = controller.tray.checkin_action
        controller.tray.show_status(statuses.paused())
        assert not entry.isEnabled()
        controller.tray.show_status(statuses.running(5))
        assert entry.isEnabled()
        running = Block(datetime.now(UTC) - timedelta(minutes=5), timezone=ZONE, id=1)
        controller.checkins.show(msg.Snapshot(running, (running,), (), 0))
        assert not controller.checkins.window.isVisible()  # off, and in ramp-up: never asked
        entry.trigger()
        assert controller.checkins.window.isVisible()  # offered by the person: asked
    finally:
        controller.shutdown()
        controller.dispose()
