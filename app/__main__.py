"""``python -m app``: the same as the ``flowtally`` command."""

import sys

from app.entry import main

sys.exit(main())
