"""``python -m app``: the same as the ``flowtally`` command."""

from app.entry import run

run()
