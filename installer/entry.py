"""The bundle's entry point: the same as the ``flowtally`` command and ``python -m app``."""

from app.entry import run

run()
