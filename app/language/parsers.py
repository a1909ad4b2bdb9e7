"""argparse, made cheap enough for a forwarded command (#27).

The grammar (:mod:`app.language.grammar`) is built on every ``flowtally`` command, so what
argparse does as a parser is made counts: about 3 ms for the whole command of a 40 ms
budget. Two things are trimmed, and nothing a person sees changes:

- argparse sizes its help for the terminal with :mod:`shutil`, imported (3 ms) the first
  time any argument is added. :class:`Parser` sizes it the same way with :mod:`os` alone.
- A command not asked for is still declared, but into an :class:`Unread` parser, which
  drops its words: a real parser looks its own texts up through gettext as it is made.
"""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def terminal_columns() -> int:
    """What :func:`shutil.get_terminal_size` says: ``COLUMNS``, else the terminal's width,
    else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return columns if columns > 0 else 80


class Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_columns() - 2)  # argparse's own margin


class Parser(argparse.ArgumentParser):
    """An argparse parser whose help is sized without :mod:`shutil`; its sub-parsers are of
    the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)


class Unread(Parser):
    """A command not asked for: its words are dropped as they are added."""

    def __init__(self) -> None:  # argparse's own set-up is what this skips
        pass

    def add_argument(self, *_: Any, **__: Any) -> Any:
        return None

    def add_mutually_exclusive_group(self, **_: Any) -> Any:
        return self
