"""A worker process that dies fails the work with a message naming it; nothing hangs."""

import os
import signal

import pytest

from generator.mkdocs.paper_pages import PaperPages
from generator.runtime.parallel import FORK, WorkerDied, check_exit, fork_map


def die_on_three(item: int) -> int:
    if item == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does
    return item * 2


@pytest.fixture
def no_hang():
    """A test that would wait forever fails after a minute instead."""

    def hung(*_):
        raise TimeoutError("still waiting after 60 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_fork_map_of_a_killed_worker_fails_naming_the_work(no_hang):
    with pytest.raises(WorkerDied, match="while reading the dumps"):
        fork_map(die_on_three, list(range(8)), workers=2, doing="reading the dumps")


def test_fork_map_returns_results_in_order():
    assert fork_map(lambda i: i * 2, list(range(100)), workers=2, doing="x") == [
        i * 2 for i in range(100)
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_fork_map_tells_each_result_as_it_arrives_in_order(workers):
    """(The build lets the search index start once the list pages' tasks are done.)"""
    told = []
    results = fork_map(
        lambda i: i * 2, list(range(50)), workers, "x", lambda k: told.append((k, len(told)))
    )
    assert told == [(k, k) for k in range(50)] and results == [i * 2 for i in range(50)]


def test_a_killed_process_is_reported_with_its_signal():
    job = FORK.Process(target=lambda: os.kill(os.getpid(), signal.SIGKILL))
    job.start()
    job.join()
    with pytest.raises(WorkerDied, match="killed .signal 9. while building the search index"):
        check_exit(job, "building the search index")


def test_a_killed_page_worker_fails_the_build_naming_what_it_did():
    pages = PaperPages(workers=2)
    receiver, sender = FORK.Pipe(duplex=False)
    job = FORK.Process(target=lambda: os.kill(os.getpid(), signal.SIGKILL))
    job.start()
    sender.close()
    pages._jobs.append((job, receiver))
    [error] = pages.finish()
    assert "a worker process died while building paper pages" in error and "-9" in error
