"""The dashboard's Team page: the team's week as its database returned it, aggregates only.

A hidden cell (fewer people fed it than the team's smallest group) is shown as hidden,
never as an empty or a zero cell: "nobody was interrupted" and "too few people to say" must
not look alike.
"""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.forecast import percent
from tracker.team import HIDDEN, TeamWeek, shown
from tracker.types import source_name
from tracker.units import decimal, minutes

HOT = QColor("#D55E00")
ROW_PX = 22
HIDDEN_CELL = QColor(128, 128, 128, 40)


def tr(text: str) -> str:
    return QCoreApplication.translate("Team", text)


def _table(rows: int, columns: int) -> QTableWidget:
    table = QTableWidget(rows, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_PX)
    return table


def _item(text: str, hidden: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if hidden:
        item.setToolTip(tr("Hidden: too few people to show it without showing someone."))
        item.setForeground(QBrush(QColor("#888888")))
        item.setBackground(QBrush(HIDDEN_CELL))
    return item


class TeamPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel(tr("Loading the team's week…"))
        self.title.setObjectName("team-title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.trend = _table(0, 5)
        self.trend.setHorizontalHeaderLabels(
            [
                tr("Week"),
                tr("People"),
                tr("Median focus per person-day"),
                tr("Person-days with 90+ min"),
                tr("Interruptions per hour"),
            ]
        )
        self.trend.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hours = _table(7, 24)
        self.hours.setVerticalHeaderLabels([])
        self.hours.verticalHeader().setVisible(True)
        self.hours.setHorizontalHeaderLabels([f"{h:02d}" for h in range(24)])
        self.hours.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hours.setMinimumHeight(ROW_PX * 9)  # all seven days, with the header
        self.sources = _table(0, 3)
        self.sources.setHorizontalHeaderLabels(
            [tr("Source"), tr("Interruptions"), tr("Recovery caused")]
        )
        self.sources.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.trend, 1)
        layout.addWidget(QLabel(tr("Interruptions by local hour (internal / external)")))
        layout.addWidget(self.hours, 2)
        layout.addWidget(QLabel(tr("Sources, by the recovery they caused")))
        layout.addWidget(self.sources, 2)
        layout.addWidget(
            QLabel(tr("Best shared focus windows, from the 8 weeks before (local hours)"))
        )
        self.windows = QLabel()
        self.windows.setWordWrap(True)
        layout.addWidget(self.windows)
        self.week: TeamWeek | None = None

    def show_problem(self, message: str) -> None:
        self.title.setText(tr("The team's week cannot be shown"))
        self.note.setText(message)

    def show_week(self, team: str, week: TeamWeek, weekdays: list[str]) -> None:
        """``weekdays``: the seven short day names, Monday first, in the reader's language."""
        self.week = week
        self.title.setText(
            tr("Team %1, week %2: %3 sharing")
            .replace("%1", team)
            .replace("%2", week.week)
            .replace("%3", str(week.people))
        )
        self.note.setText(
            tr(
                "Only aggregates of the people who share. Anything fewer than %1 people fed "
                "is hidden (%2), never shown as zero."
            )
            .replace("%1", str(week.min_group))
            .replace("%2", HIDDEN)
        )
        self._show_trend(week)
        self._show_hours(week, weekdays)
        self._show_sources(week)
        self._show_windows(week, weekdays)

    def _show_trend(self, week: TeamWeek) -> None:
        weeks = week.weeks_shown
        self.trend.setRowCount(len(weeks))
        for row, each in enumerate(weeks):
            cells = (
                (each.week, False),
                (str(each.people), False),
                (shown(each.median_period_min, minutes), each.median_period_min is None),
                (shown(each.long_period_share, "{:.0%}"), each.long_period_share is None),
                (
                    shown(each.interruptions_per_hour, decimal),
                    each.interruptions_per_hour is None,
                ),
            )
            for column, (text, hidden) in enumerate(cells):
                self.trend.setItem(row, column, _item(text, hidden))

    def _show_hours(self, week: TeamWeek, weekdays: list[str]) -> None:
        """Interruptions by weekday and hour, internal/external, the busier the hotter."""
        self.hours.setVerticalHeaderLabels(weekdays)
        shown_counts = [
            (i or 0) + (e or 0)
            for irow, erow in zip(week.internal_by_hour, week.external_by_hour, strict=True)
            for i, e in zip(irow, erow, strict=True)
            if i is not None
        ]
        top = max(shown_counts, default=0) or 1
        for day in range(7):
            for hour in range(24):
                internal = week.internal_by_hour[day][hour]
                external = week.external_by_hour[day][hour]
                if internal is None or external is None:
                    self.hours.setItem(day, hour, _item(HIDDEN, hidden=True))
                    continue
                item = _item(f"{internal}/{external}")
                heat = QColor(HOT)
                heat.setAlphaF(0.15 + 0.6 * (internal + external) / top)
                item.setBackground(QBrush(heat))
                self.hours.setItem(day, hour, item)

    def _show_sources(self, week: TeamWeek) -> None:
        named = [s for s in week.sources if s.source is not None]
        hidden_sources = len(named) != len(week.sources)
        self.sources.setRowCount(len(named) + hidden_sources)
        for row, source in enumerate(named):
            self.sources.setItem(row, 0, _item(source_name(source.source or "")))
            self.sources.setItem(row, 1, _item(str(source.interruptions)))
            self.sources.setItem(row, 2, _item(shown(source.recovery_min, "{:.0f} min")))
        if hidden_sources:
            row = len(named)
            self.sources.setItem(
                row,
                0,
                _item(
                    tr("Sources fewer than %1 people met").replace("%1", str(week.min_group)), True
                ),
            )
            self.sources.setItem(row, 1, _item(HIDDEN, True))
            self.sources.setItem(row, 2, _item(HIDDEN, True))

    def _show_windows(self, week: TeamWeek, weekdays: list[str]) -> None:
        """A line a weekday: each window, the chance a period in it goes uninterrupted, and
        how sure that is; "too few people" where no hour was fed by enough."""
        sure = {"sure": tr("sure"), "fairly sure": tr("fairly sure"), "unsure": tr("unsure")}
        lines = []
        for (_day, found), name in zip(week.windows, weekdays, strict=False):
            shown_windows = ", ".join(
                f"{w.start:%H:%M}-{w.end:%H:%M} {percent(w.chance)} % ({sure[w.sureness]})"
                for w in found
            )
            lines.append(f"{name}  {shown_windows or tr('too few people to say')}")
        self.windows.setText("\n".join(lines) or tr("too few people to say"))
