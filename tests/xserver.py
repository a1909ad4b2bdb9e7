"""A real X server (Xvfb) with a real tray host (trayer) for GUI and end-to-end tests."""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def available() -> bool:
    return all(shutil.which(tool) for tool in ("Xvfb", "trayer", "xdotool"))


@contextmanager
def virtual_display(tray: bool = True) -> Iterator[str]:
    """Start Xvfb on a free display (and trayer on it, unless ``tray`` is false)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    display = f":{number}"
    try:
        if tray:
            with tray_host(display):
                yield display
        else:
            yield display
    finally:
        xvfb.terminate()
        xvfb.wait(5)


@contextmanager
def tray_host(display: str) -> Iterator[None]:
    """trayer, an XEmbed tray, on ``display`` until the block ends, ready when it is entered."""
    env = {**os.environ, "DISPLAY": display}
    host = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "32"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # trayer owns the tray selection when ready
        probe = subprocess.run(
            ["xdotool", "search", "--class", "trayer"], env=env, capture_output=True, check=False
        )
        if probe.stdout.strip():
            break
        time.sleep(0.1)
    try:
        yield
    finally:
        host.terminate()
        host.wait(5)


def screenshot(display: str, target: Path, crop: str | None = None) -> Path:
    """A PNG of the screen (``crop`` like ``300x120+980+0``), to look at as a user would."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "import",
            "-display",
            display,
            "-window",
            "root",
            *(["-crop", crop] if crop else []),
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    return target


ARTIFACTS = Path(__file__).resolve().parents[1] / ".artifacts"
