"""Work spread over forked processes, one per core.

Forked workers inherit everything the parent has built (the taxonomy, the
catalogue, MkDocs' config and theme) without pickling it; only each task's
result travels back. `CATALOGUE_WORKERS=1` keeps everything in one process
(and leaves the paper pages to MkDocs itself): slower, the same output.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

FORK = multiprocessing.get_context("fork")
T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    configured = os.environ.get("CATALOGUE_WORKERS", "").strip()
    if configured:
        return max(1, int(configured))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def shares(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """`items` dealt into `count` interleaved shares of nearly equal size."""
    return [items[k::count] for k in range(count) if items[k::count]]


_task: Callable | None = None  # set before forking: the workers inherit it


def _run(item):
    return _task(item)


def fork_map(task: Callable[[T], R], items: Sequence[T], workers: int | None = None) -> list[R]:
    """`[task(item) for item in items]`, the items spread over forked workers."""
    global _task
    workers = min(workers or worker_count(), len(items))
    if workers <= 1:
        return [task(item) for item in items]
    _task = task
    try:
        with FORK.Pool(workers) as pool:
            # Small chunks: a worker left alone with a big last chunk idles the others.
            return pool.map(_run, items, chunksize=max(1, len(items) // (workers * 32)))
    finally:
        _task = None
