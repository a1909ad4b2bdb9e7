"""Options several commands share, and what a command's words make."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from app.language import requests as rq

Make = Callable[[argparse.Namespace], rq.Request]
"""A command's request, from its parsed words."""
Adder = Callable[[str, str, Make], argparse.ArgumentParser]
"""Adds a command: its word, its help, and what its words make."""


def absolute(path: str | None) -> str | None:
    """A path as the terminal meant it, whichever process writes it (``-`` is stdout)."""
    return path if path in (None, "-") else os.path.abspath(path)


def week_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--week", metavar="YYYY-Www", help="ISO week, e.g. 2026-W47 (default: this week)"
    )


def json_option(p: argparse.ArgumentParser, help_text: str = "machine-readable output") -> None:
    p.add_argument("--json", action="store_true", help=help_text)


def min_group_option(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--min-group", type=int, metavar="N", help=help_text)
