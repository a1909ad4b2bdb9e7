"""The garbage collector, held back while a command holds a whole history.

An import keeps everything it reads alive until it is written (the parsed file and a model
object for each record: a million objects for five dense years), and an export all the
stored blocks until they are written out. Making them triggers full collections one after
another, and each walks every object the process holds, none of which can be garbage yet:
2 of the 7 seconds of that import (``bench_store``). Reference cycles made meanwhile wait
until the work is done, and are collected as usual from then on.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_back() -> Iterator[None]:
    """No automatic collection inside; the collector as it was after (a nested or
    concurrent use leaves it off until the outermost is done)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
