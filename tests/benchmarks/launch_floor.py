"""The floor of a tray start that does what must come before any Flowtally's icon.

The floor app shows its icon as soon as PySide6 is imported. Flowtally cannot: before its
icon it must read its command line (one language for every command, #24), read the user's
settings (the database and the language are in them), ask whether an app is running already
(a second start raises the first and shows no icon) and take the instance lock. This app
does those steps with Flowtally's own code, then shows the floor's bare icon, so that
``bench_tray`` shows what of the start is left once they are paid.
"""

STEPS_BEFORE_THE_ICON = """
import sys
from app.config import effective_database, load_settings
from app.instance import InstanceLock, raise_or_run
from app.language import grammar
invocation = grammar.parse(sys.argv[1:])
database = effective_database(invocation.db, load_settings())
if raise_or_run(database, lambda: 0) != 0 or not InstanceLock(database).acquire():
    sys.exit("another app is running")
"""
