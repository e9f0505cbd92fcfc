"""Shared test helpers: fixture dumps, and a scratch copy of the project."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.parse import parse_dump

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"
SEEDS = ROOT / "dumps"
CAPTURED = dt.date(2025, 11, 5)


def parse_fixture(name: str, captured: dt.date | None = CAPTURED):
    path = FIXTURES / name
    return parse_dump(path.read_bytes(), name, captured)


def run(args: list[str], cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=check)


def generator(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "generator", *args], cwd=cwd)


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "mkdocs", *args], cwd=cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (config, hand-written docs, generator) with an empty dumps/."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest)
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", dest / "docs")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    (dest / "dumps").mkdir()
    return dest
