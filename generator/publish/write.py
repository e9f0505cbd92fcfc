"""Generated pages -> files under the docs directory, touching only what changed.

Writing only changed files keeps `mkdocs serve` from rebuilding forever, and
an existing page is replaced atomically, so a crash never leaves half of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..urls import GENERATED_DIRS


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` in one step: a crash never leaves half a file."""
    with replacing(path) as handle:
        handle.write(content)


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A file to write what replaces `path`, in one step once written (write_atomic
    for content written a piece at a time, never all in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # (Named by the process, not by tempfile's random names: mkstemp took half
    # the time of rewriting a page. One process writes a file at a time.)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# Created here, never there before (os.open: a page is one system call to create
# it, one to write it and one to close it, without Python's file objects).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC


def write_new(path: str, content: bytes) -> None:
    """Create `path`, which did not exist, in a folder that does: one directory
    operation instead of write_atomic's two (temporary file, rename), for the
    tens of thousands of a cold build. A crash can leave it half written; the
    next build finds it different from its page and replaces it (the page cache
    is saved last)."""
    try:
        fd = os.open(path, _NEW_FILE, 0o666)
    except FileExistsError:  # created meanwhile
        write_atomic(Path(path), content)
        return
    try:
        with memoryview(content) as rest:
            while rest:
                rest = rest[os.write(fd, rest) :]
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)


def write_pages(
    docs_dir: Path,
    pages: Iterable[tuple[str, str | bytes]],
    listed: dict[Path, set[str]] | None = None,
) -> tuple[int, int]:
    """Write the pages, (path under docs_dir, text or its UTF-8), that changed;
    (written, unchanged).
    `listed` may give the files of existing folders, as a listing made before
    any of these pages was written."""
    written = unchanged = 0
    # Each folder is listed once: trying to read a page that is not there yet
    # cost more than writing it, on a cold build of tens of thousands.
    listing = {str(folder): names for folder, names in (listed or {}).items()}
    root = str(docs_dir)
    for rel, content in pages:
        path = os.path.join(root, rel)
        folder, name = os.path.split(path)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        names = listing.get(folder)
        if names is None:
            os.makedirs(folder, exist_ok=True)
            names = listing[folder] = set(os.listdir(folder))
        if name not in names:
            write_new(path, data)
            written += 1
        elif Path(path).read_bytes() != data:
            write_atomic(Path(path), data)
            written += 1
        else:
            unchanged += 1
        content = data = None  # (a large page is let go before the next is made)
    return written, unchanged


def remove_stale(
    docs_dir: Path, current: set[str] | frozenset[str], folders: Iterable[str] = GENERATED_DIRS
) -> int:
    """Delete the generated files (in `folders`) that are no longer in `current`; how many."""
    removed = 0
    for owned in folders:
        for folder, _, names in os.walk(docs_dir / owned):
            rel = Path(folder).relative_to(docs_dir).as_posix()
            for name in sorted(names):
                if not name.startswith(".") and f"{rel}/{name}" not in current:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
    return removed
