"""Pausing Python's cycle collector while large, acyclic structures are built.

Building the pages and the search index creates millions of small objects and
frees them by reference counting; the cycle collector meanwhile walks all live
objects again and again, which made the 50,000-paper search index 9 times
slower than the 10,000-paper one instead of 5.

What the pause leaves alive (the catalogue, kept through the MkDocs build) is
frozen when the collector resumes: scanning it would find nothing to free (its
first scan took 0.3 s at 100,000 records), and in forked workers every scan
writes to, so copies, the memory they share with the parent. A process that
builds again collects what the last build left before the next build starts,
or, under serve, in the quiet after it (collect_garbage).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc

_collected = False  # since the last build froze what it left (collect_garbage)


@contextlib.contextmanager
def cycle_collector_paused():
    global _collected
    was_enabled = gc.isenabled()
    if was_enabled and gc.get_freeze_count() and not _collected:
        # A process that builds again (`mkdocs serve`): what earlier builds left
        # is collectable again, and collected now if it is garbage.
        gc.unfreeze()
        gc.collect()
    _collected = False
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def collect_garbage() -> None:
    """Between builds (`mkdocs serve`, once a build's search files are out): what
    earlier builds left collected now, and what lives on frozen again, so that
    the next build need not (0.25 s at 10,000 papers, at the start of every edit's build)."""
    global _collected
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _collected = True


def return_freed_memory() -> None:
    """Give the memory Python and numpy freed back to the system (glibc's
    malloc_trim): glibc keeps freed heap memory for later allocations, so a
    forked worker that has rendered the large list pages, or built the search
    index's arrays, holds hundreds of megabytes it no longer uses."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
