"""Generated pages -> files under the docs directory, touching only what changed.

Writing only changed files keeps `mkdocs serve` from rebuilding forever, and
each file is replaced atomically so a crash never leaves half a page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The generator owns these: anything else in them is a page of a paper, topic
# or month that no longer exists.
OWNED_DIRS = ("papers", "topics", "dates")


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` in one step: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_pages(docs_dir: Path, pages: dict[str, str]) -> tuple[int, int]:
    """Write the pages that changed; (written, unchanged)."""
    written = unchanged = 0
    for rel, content in pages.items():
        path = docs_dir / rel
        data = content.encode("utf-8")
        try:
            if path.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        write_atomic(path, data)
        written += 1
    return written, unchanged


def remove_stale(docs_dir: Path, current: set[str] | frozenset[str]) -> int:
    """Delete the generated pages that are no longer in `current`; how many."""
    removed = 0
    for owned in OWNED_DIRS:
        for path in sorted((docs_dir / owned).rglob("*.md")):
            if path.relative_to(docs_dir).as_posix() not in current:
                path.unlink()
                removed += 1
    return removed
