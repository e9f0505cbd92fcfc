"""Work spread over forked processes, one per core.

Forked workers inherit everything the parent has built (the taxonomy, the
catalogue, MkDocs' config and theme) without pickling it; only each task's
result travels back. One worker keeps everything in one process (and leaves
the paper pages to MkDocs itself): slower, the same output.

A worker that dies (killed for memory, say) fails the work with a
WorkerDied naming what it was doing; multiprocessing.Pool would wait for it
forever, concurrent.futures notices.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

FORK = multiprocessing.get_context("fork")
T = TypeVar("T")
R = TypeVar("R")


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its task."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def shares(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """`items` dealt into `count` interleaved shares of nearly equal size."""
    return [items[k::count] for k in range(count) if items[k::count]]


_task: Callable | None = None  # set before forking: the workers inherit it
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a worker: be ended when the process that forked it ends, however it ends
    (killed with `kill -9`, say), instead of waiting, blocked, for minutes."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # (the parent ended before the line above ran)
            os._exit(1)


def _run(item):
    return _task(item)


def fork_map(
    task: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    doing: str,
    arrived: Callable[[int], None] | None = None,
) -> list[R]:
    """`[task(item) for item in items]`, the items spread over forked workers.
    `doing` says what the work is, for the message if a worker dies; `arrived`,
    if given, is told the number of each result as it arrives, in order."""
    global _task
    workers = min(workers, len(items))
    results: list[R] = []
    if workers <= 1:
        for item in items:
            results.append(task(item))
            if arrived:
                arrived(len(results) - 1)
        return results
    _task = task
    try:
        with ProcessPoolExecutor(workers, mp_context=FORK, initializer=die_with_parent) as pool:
            # Small chunks: a worker left alone with a big last chunk idles the others.
            for result in pool.map(_run, items, chunksize=max(1, len(items) // (workers * 32))):
                results.append(result)
                if arrived:
                    arrived(len(results) - 1)
            return results
    except BrokenProcessPool:
        raise WorkerDied(f"a worker process died while {doing} (out of memory?)") from None
    finally:
        _task = None


def check_exit(process, doing: str) -> None:
    """Raise WorkerDied if a joined process did not end well."""
    code = process.exitcode
    if code is not None and code < 0:
        raise WorkerDied(f"a worker process was killed (signal {-code}) while {doing}")
    if code:
        raise WorkerDied(f"a worker process failed while {doing} (see the message above)")
