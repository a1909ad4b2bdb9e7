"""The history marks blocks of two devices at the same time, so the overlap can be seen
(and resolved by deleting or trimming one), and says which machine a block came from."""

from datetime import UTC, date, datetime, timedelta

from pytestqt.qtbot import QtBot

from tracker.dashboard import week_view
from tracker.model import Block, Interruption
from tracker.report import week_reports
from tracker.settings import ModelParams
from ui.history_table import HistoryTable

PARAMS = ModelParams(15, 30, 25)
MONDAY = date(2026, 11, 16)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_blocks_of_two_devices_at_the_same_time_are_marked(qtbot: QtBot) -> None:
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    laptop = Block(nine, nine + timedelta(hours=2), "spec")
    desktop = Block(nine + timedelta(hours=1), nine + timedelta(hours=3), "review", device="d1")
    later = Block(nine + timedelta(hours=5), nine + timedelta(hours=6), "mail")
    blocks = [laptop, desktop, later]
    trend = week_reports(blocks, PARAMS, "UTC", MONDAY - timedelta(weeks=1), 2, NOW)
    view = week_view(blocks, trend, PARAMS, "UTC", MONDAY, NOW, devices={"d1": "desktop"})
    table = HistoryTable()
    qtbot.addWidget(table)
    table.show_view(view)
    items = [table.topLevelItem(i) for i in range(table.topLevelItemCount())]
    rows = [(item.text(2), item.text(4)) for item in items if item is not None]
    assert rows == [
        ("spec", "0 interruptions; at the same time as review · desktop (counted once)"),
        ("review · desktop", "0 interruptions; at the same time as spec (counted once)"),
        ("mail", "0 interruptions"),
    ]


def test_a_block_opened_later_shows_its_records_whole(qtbot: QtBot) -> None:
    """The columns fit an interruption's kind and source when its block is opened, not only
    the blocks listed when the week was shown ("ex…" for "external")."""
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    block = Block(
        nine,
        nine + timedelta(hours=2),
        "spec",
        interruptions=(Interruption(nine + timedelta(minutes=30), source="colleague"),),
    )
    trend = week_reports([block], PARAMS, "UTC", MONDAY - timedelta(weeks=1), 2, NOW)
    table = HistoryTable()
    qtbot.addWidget(table)
    table.show_view(week_view([block], trend, PARAMS, "UTC", MONDAY, NOW))
    table.show()
    item = table.topLevelItem(0)
    assert item is not None
    item.setExpanded(True)
    child = item.child(0)
    assert child is not None
    for column in range(table.columnCount()):
        needed = table.fontMetrics().horizontalAdvance(child.text(column))
        assert table.columnWidth(column) >= needed, child.text(column)
