"""What the long suite's tests of the installed site share: the wheel built once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.common import ROOT


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built with pip."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(folder), "."],
        cwd=ROOT,
        check=True,
    )
    (built,) = folder.glob("stackchooser-*.whl")
    return built


def install(wheel: Path, venv: Path) -> Path:
    """A fresh venv at `venv` with the wheel, gunicorn and the dependencies; its bin."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [venv / "bin/python", "-m", "pip", "install", "--quiet", f"{wheel}[serve]"], check=True
    )
    return venv / "bin"
