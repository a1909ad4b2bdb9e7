"""The bundle's entry point: the same as the ``flowtally`` command and ``python -m app``."""

import sys

from app.entry import main

sys.exit(main())
