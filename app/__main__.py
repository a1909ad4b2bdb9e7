"""``python -m app``: the same as the ``flowtally`` command."""

import sys

from app.cli import main

sys.exit(main())
