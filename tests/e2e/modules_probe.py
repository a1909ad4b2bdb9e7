"""``flowtally`` as the user starts it, which writes the modules it holds to
``$FLOWTALLY_MODULES_OUT`` on SIGUSR1: what the idle tray has imported, seen from outside."""

import json
import os
import signal
import sys
from pathlib import Path
from types import FrameType


def dump(_number: int, _frame: FrameType | None) -> None:
    Path(os.environ["FLOWTALLY_MODULES_OUT"]).write_text(json.dumps(sorted(sys.modules)))


signal.signal(signal.SIGUSR1, dump)
sys.argv[0] = "flowtally"
from app.entry import run  # noqa: E402 - the handler is in place before the app starts

run()
