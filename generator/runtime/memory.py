"""Pausing Python's cycle collector while large, acyclic structures are built.

Building the pages and the search index creates millions of small objects and
frees them by reference counting; the cycle collector meanwhile walks all live
objects again and again, which made the 50,000-paper search index 9 times
slower than the 10,000-paper one instead of 5.

What the pause leaves alive (the catalogue, kept through the MkDocs build) is
frozen when the collector resumes: scanning it would find nothing to free (its
first scan took 0.3 s at 100,000 records), and in forked workers every scan
writes to, so copies, the memory they share with the parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc


@contextlib.contextmanager
def cycle_collector_paused():
    was_enabled = gc.isenabled()
    if was_enabled and gc.get_freeze_count():
        # A process that builds again (`mkdocs serve`): what earlier builds left
        # is collectable again, and collected now if it is garbage.
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def return_freed_memory() -> None:
    """Give the memory Python and numpy freed back to the system (glibc's
    malloc_trim): glibc keeps freed heap memory for later allocations, so a
    forked worker that has rendered the large list pages, or built the search
    index's arrays, holds hundreds of megabytes it no longer uses."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
