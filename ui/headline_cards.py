"""The dashboard's headline cards: each number of the week, its change against the week
before (green when it is good news, whichever direction that is), and what it means."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from tracker.dashboard import Headline, HeadlineName, WeekView
from tracker.i18n import day_name
from tracker.settings import ModelParams, load_zone
from ui.chart_style import headline_number, shown_value
from ui.legible import on_window


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def headline_title(name: HeadlineName) -> str:
    return {
        HeadlineName.PERIODS: tr("Uninterrupted periods"),
        HeadlineName.E_FACTOR: tr("E-factor"),
        HeadlineName.FLOW_MIN: tr("Flow"),
        HeadlineName.LONGEST_STRETCH_MIN: tr("Longest stretch"),
        HeadlineName.RECOVERY_MIN: tr("Recovery"),
        HeadlineName.INTERRUPTIONS_PER_HOUR: tr("Interruptions per hour"),
    }[name]


def headline_meaning(name: HeadlineName, params: ModelParams) -> str:
    """What a card's number means, in one sentence (as ``model.md`` defines it)."""
    text = {
        HeadlineName.PERIODS: tr(
            "Stretches of at least {period} minutes without an interruption: the time in "
            "which deep work gets done."
        ),
        HeadlineName.E_FACTOR: tr(
            "Minutes inside uninterrupted periods divided by all tracked minutes: 1 means "
            "every tracked minute was in a long stretch, 0 none."
        ),
        HeadlineName.FLOW_MIN: tr(
            "Minutes in flow: the part of each uninterrupted stretch after its first "
            "{flow} minutes."
        ),
        HeadlineName.LONGEST_STRETCH_MIN: tr("The longest time worked without an interruption."),
        HeadlineName.RECOVERY_MIN: tr(
            "Ramp-up minutes after interruptions: the time it took to get back into focus, "
            "which the interruptions cost."
        ),
        HeadlineName.INTERRUPTIONS_PER_HOUR: tr("Interruptions logged per tracked hour."),
    }[name]
    return text.format(period=f"{params.min_period_min:g}", flow=f"{params.flow_after_min:g}")


def compared_with(view: WeekView, zone_name: str) -> str:
    """What the change on the cards is measured against."""
    until = view.compared_until
    if until is None:
        return tr("Changes: against the week before.")
    local = until.astimezone(load_zone(zone_name))
    when = f"{day_name(local)} {local:%H:%M}"
    return tr("Changes: against last week up to {when}, the same span of it.").format(when=when)


def headline_texts(h: Headline) -> tuple[str, str]:
    """The value and its change against the week before, as the cards show them."""
    return headline_number(h.name, h.value), headline_number(h.name, h.change, signed=True)


class HeadlineCards(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        # Lengths such as "11 h 10 min" are wide: a card's value never runs into the next one.
        self._grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("MM"))
        layout.addLayout(self._grid)
        self.compared_label = QLabel()  # what every card's change is measured against
        layout.addWidget(self.compared_label)
        self.card_labels: dict[str, tuple[QLabel, QLabel, QLabel]] = {}

    def show_view(self, view: WeekView) -> None:
        self.compared_label.setText(compared_with(view, view.report.timezone))
        for column, headline in enumerate(view.headlines):
            if headline.name not in self.card_labels:
                title = QLabel(headline_title(headline.name))
                big = QLabel()
                big.setObjectName(f"card-{headline.name}")
                font = big.font()
                font.setPointSizeF(font.pointSizeF() * 1.6)
                font.setBold(True)
                big.setFont(font)
                small = QLabel()
                self._grid.addWidget(title, 0, column)
                self._grid.addWidget(big, 1, column)
                self._grid.addWidget(small, 2, column)
                self.card_labels[headline.name] = (title, big, small)
            title_label, value_label, change_label = self.card_labels[headline.name]
            value, change = headline_texts(headline)
            value_label.setText(value)
            better = (headline.change < 0) == headline.name.lower_is_better
            colour = on_window("#009E73" if better else "#D55E00", self)
            if not shown_value(headline.name, headline.change):  # no change as far as shown
                colour = on_window(
                    self.palette().color(QPalette.ColorRole.PlaceholderText).name(), self
                )
            change_label.setText(f'<span style="color:{colour}">{change}</span>')
            meaning = headline_meaning(headline.name, view.report.params)
            for label in (title_label, value_label, change_label):
                label.setToolTip(meaning)
