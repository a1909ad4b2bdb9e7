"""README's set-up must not look like it failed: pip's build of the editable install printed a
boxed ``BuildBackendWarning … !!`` (setuptools' import-hook strategy, which warns about folders
named like the packages) as the only thing a new user saw."""

import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_editable_install_prints_no_warning(tmp_path: Path) -> None:
    project = tmp_path / "flowtally"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    for package in ("tracker", "data", "app", "ui"):
        shutil.copytree(
            ROOT / package, project / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(target / "bin" / "python"),
            "install",
            "--quiet",
            "--no-deps",
            "--editable",
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # This machine's pip configuration may name find-links folders that do not exist; those
    # lines are pip's own and not the build's.
    said = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and not line.startswith("WARNING: Location")
    ]
    assert said == []
    found = subprocess.run(
        [str(target / "bin" / "python"), "-c", "import app, tracker; print(app.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert found.stdout.strip() == str(project / "app" / "__init__.py")
