"""Gaps the app could not see the user working, asked about one at a time.

Each gap is recorded as a break at once (so nothing is counted as focus while the person is
away), then the review asks what it was; the answer reclassifies it.
"""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from app.gui import store_protocol as msg
from app.gui.store_protocol import StoreRequest
from tracker.edits import Gap, GapChoice
from tracker.types import Kind
from ui.review import GapReviewDialog


class GapReviews:
    def __init__(self, send: Callable[[StoreRequest], None], zone: ZoneInfo) -> None:
        self._send = send
        self._zone = zone
        self.dialog = GapReviewDialog()
        self.dialog.resolved.connect(self._answered)
        self.waiting: list[Gap] = []

    def notice(self, gaps: list[Gap]) -> None:
        for gap in gaps:
            self._send(msg.NoticeGap(gap))
            self.waiting.append(gap)
            if len(self.waiting) == 1:
                self._ask_next()

    def _ask_next(self) -> None:
        if not self.waiting:
            return
        gap = self.waiting[0]
        minutes = int((gap.end - gap.start).total_seconds() // 60)
        self.dialog.ask(
            gap.reason,
            gap.start.astimezone(self._zone).strftime("%H:%M"),
            gap.end.astimezone(self._zone).strftime("%H:%M"),
            minutes,
        )

    def _answered(self, choice: str, kind: str, source: str, note: str) -> None:
        if not self.waiting:
            return
        gap = self.waiting.pop(0)
        self._send(msg.ResolveGap(gap, GapChoice(choice), Kind(kind), source, note))
        self._ask_next()
