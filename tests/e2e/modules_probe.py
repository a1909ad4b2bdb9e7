"""``flowtally`` as the user starts it, which writes the modules it holds to
``$FLOWTALLY_MODULES_OUT`` on SIGUSR1, with how many objects a full garbage collection walks
and how many are set aside: what the idle tray holds, seen from outside."""

import gc
import json
import os
import signal
import sys
from pathlib import Path
from types import FrameType


def dump(_number: int, _frame: FrameType | None) -> None:
    held = {
        "modules": sorted(sys.modules),
        "walked": len(gc.get_objects()),
        "frozen": gc.get_freeze_count(),
    }
    Path(os.environ["FLOWTALLY_MODULES_OUT"]).write_text(json.dumps(held))


signal.signal(signal.SIGUSR1, dump)
sys.argv[0] = "flowtally"
from app.entry import run  # noqa: E402 - the handler is in place before the app starts

run()
