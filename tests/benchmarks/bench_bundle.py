"""Benchmark: the built Linux bundle, against Flowtally run from source, started the same way.

    .venv/bin/python installer/build.py
    .venv/bin/python -m tests.benchmarks.bench_bundle [--tarball installer/dist/…tar.gz] [--runs 5]

Reports the tarball's size and the unpacked bundle's, then, under Xvfb with trayer, the time
from launch until the tray host has embedded the icon: cold (every file of the bundle, or of
the source tree and its virtual environment, evicted from the page cache first with
``posix_fadvise(DONTNEED)``, as after a reboot; system libraries such as libX11 stay cached,
as they would on a desktop) and warm (median of ``--runs``), and resident memory after 10 s.
"""

import argparse
import os
import statistics
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from tests import xserver
from tests.benchmarks.bench_tray import launch, private_env, rss_mb, stop

ROOT = Path(__file__).resolve().parents[2]


def folder_mb(folder: Path) -> float:
    """On disk, counting each file once (the bundle links some libraries by symlink)."""
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files) / 1e6


def evict(folders: Iterable[Path]) -> None:
    """Drop these files from the page cache, so the next start reads them from disk."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    found = sorted((ROOT / "installer" / "dist").glob("flowtally-*-linux-*.tar.gz"))
    parser.add_argument("--tarball", type=Path, default=found[-1] if found else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.tarball is None:
        raise SystemExit("no tarball: run installer/build.py first, or pass --tarball")
    work = Path(tempfile.mkdtemp(prefix="flowtally-bench-bundle-"))
    with tarfile.open(args.tarball) as tar:
        tar.extractall(work / "unpacked", filter="tar")
    (unpacked,) = (work / "unpacked").iterdir()
    bundle = unpacked / "flowtally"
    venv = Path(sys.prefix)
    apps = {
        "bundle": ([str(bundle / "flowtally")], [bundle]),
        "source": ([sys.executable, "-m", "app"], [ROOT / "app", ROOT / "ui", venv / "lib"]),
    }
    cold: dict[str, float] = {}
    warm: dict[str, list[float]] = {name: [] for name in apps}
    memory: dict[str, float] = {}
    with xserver.virtual_display() as display:
        env = private_env(display, work)
        for name, (command, files) in apps.items():
            database = ["--db", str(work / f"{name}.sqlite3")]
            evict(files)
            process, cold[name] = launch([*command, *database], env)
            time.sleep(1.0)
            stop(process)
            for _ in range(args.runs):
                time.sleep(0.5)
                process, seconds = launch([*command, *database], env)
                warm[name].append(seconds)
                time.sleep(1.0)
                stop(process)
            process, _ = launch([*command, *database], env)
            time.sleep(10)
            memory[name] = rss_mb(process.pid)
            stop(process)

    print(
        f"tarball {args.tarball.name}: {args.tarball.stat().st_size / 1e6:.0f} MB; "
        f"unpacked {folder_mb(unpacked):.0f} MB\n"
    )
    print("| what | bundle | from source |")
    print("|---|---|---|")
    print(
        f"| launch to icon, cold | {cold['bundle'] * 1000:.0f} ms | "
        f"{cold['source'] * 1000:.0f} ms |"
    )
    print(
        f"| launch to icon, warm (median of {args.runs}) | "
        f"{statistics.median(warm['bundle']) * 1000:.0f} ms | "
        f"{statistics.median(warm['source']) * 1000:.0f} ms |"
    )
    print(f"| resident memory after 10 s | {memory['bundle']:.0f} MB | {memory['source']:.0f} MB |")


if __name__ == "__main__":
    main()
