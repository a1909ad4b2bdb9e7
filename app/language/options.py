"""Options several commands share, and what a command's words make."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.language import requests as rq

Make = Callable[[argparse.Namespace], rq.Request]
"""A command's request, from its parsed words."""


def week_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--week", metavar="YYYY-Www", help="ISO week, e.g. 2026-W47 (default: this week)"
    )


def json_option(p: argparse.ArgumentParser, help_text: str = "machine-readable output") -> None:
    p.add_argument("--json", action="store_true", help=help_text)


def min_group_option(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--min-group", type=int, metavar="N", help=help_text)
