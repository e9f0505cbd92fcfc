"""Golden output for a small dump. Refresh after an intended change with:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, generator

GOLDEN = Path(__file__).resolve().parent / "golden"
DUMP = "2025-11-05-small.txt"  # metadata_blocks.txt under a dated name


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def small_dumps(tmp_path: Path) -> Path:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    shutil.copy(FIXTURES / "metadata_blocks.txt", dumps / DUMP)
    return dumps


def test_parse_output_of_small_dump(small_dumps):
    result = generator("parse", str(small_dumps / DUMP), cwd=small_dumps.parent)
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)
    check("small.parse.json", result.stdout)


def test_paper_page_of_small_dump(small_dumps, tmp_path):
    docs = tmp_path / "docs"
    cache = tmp_path / "cache"
    result = generator(
        "build", "--dumps", str(small_dumps), "--docs", str(docs), "--cache", str(cache), cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    check("small.paper.md", (docs / "papers" / "sparse-rewards-in-practice.md").read_text())
    check("small.home.md", (docs / "index.md").read_text())
