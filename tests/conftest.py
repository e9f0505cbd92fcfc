"""Shared test helpers: fixture dumps, and a scratch copy of the project."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path


from generator.parse import parse_dump

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"
SEEDS = ROOT / "dumps"
CAPTURED = dt.date(2025, 11, 5)


def parse_fixture(name: str, captured: dt.date | None = CAPTURED):
    path = FIXTURES / name
    return parse_dump(path.read_bytes(), name, captured)


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def generator(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "generator", *args], cwd=cwd)


def mkdocs(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, **env)


# Everything a scratch project copy leaves out: environments, output, generated pages.
SKIP_IN_COPY = shutil.ignore_patterns(
    ".venv", ".git", "site", "papers", "topics", "dates", "index.md", "__pycache__",
    "tests", "node_modules", "bench",
)


def copy_project(dest: Path, with_dumps: bool = True) -> Path:
    shutil.copytree(ROOT, dest, ignore=SKIP_IN_COPY)
    if not with_dumps:
        shutil.rmtree(dest / "dumps")
        (dest / "dumps").mkdir()
    return dest
