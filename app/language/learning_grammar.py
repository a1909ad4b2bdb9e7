"""The commands that learn from the person: the forecast of their best focus windows, flow
check-ins, and the thresholds those check-ins propose (#28)."""

from __future__ import annotations

from app.language import requests as rq
from app.language.options import Adder, absolute, json_option

SKIP = "skip"


def learning(add: Adder) -> None:
    _forecast(add)
    p = add(
        "checkin",
        "answer a flow check-in: how absorbed were you just now (1 not at all, 5 completely)",
        lambda a: rq.CheckIn(None if a.answer == SKIP else int(a.answer)),
    )
    p.add_argument("answer", choices=("1", "2", "3", "4", "5", SKIP), metavar="1-5|skip")
    p = add(
        "calibrate",
        "propose your own ramp-up and flow thresholds from your check-ins",
        lambda a: rq.Calibrate(a.json, a.accept),
    )
    json_option(p)
    p.add_argument(
        "--accept",
        action="store_true",
        help="save the proposed thresholds (all history is counted again with them)",
    )


def _forecast(add: Adder) -> None:
    p = add(
        "forecast",
        "the week's best focus windows, from your last weeks (text, JSON, or calendar events)",
        lambda a: rq.Forecast(a.week, a.weeks, a.json, absolute(a.output)),
    )
    p.add_argument(
        "--week",
        metavar="next|this|YYYY-Www",
        help="the week to forecast (default: next)",
    )
    p.add_argument("--weeks", type=int, default=8, help="how many weeks to learn from (default: 8)")
    json_option(p)
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the windows as busy 'Focus' events (focus.ics); a newer file replaces them",
    )
