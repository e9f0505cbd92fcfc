"""The cycle collector's pause around large builds."""

import gc
import weakref

from generator.runtime.memory import collect_garbage, cycle_collector_paused


class Node:
    pass


def test_what_a_build_leaves_is_frozen_until_the_next_build_collects_it():
    assert gc.isenabled()
    with cycle_collector_paused():
        assert not gc.isenabled()
        node = Node()
        node.itself = node  # garbage only the cycle collector can free
        alive = weakref.ref(node)
        del node
    assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.collect()
    assert alive() is not None  # frozen: no collection scans it
    with cycle_collector_paused():
        assert alive() is None  # a second build (`mkdocs serve`) frees it first
    gc.unfreeze()


def test_a_pause_inside_a_pause_leaves_the_collector_to_the_outer_one():
    with cycle_collector_paused():
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()


def test_garbage_collected_between_builds_is_not_collected_again_by_the_next(monkeypatch):
    """Under serve the collection runs once a build's search files are out, not
    at the start of the next edit's build, which waits for nothing."""
    with cycle_collector_paused():
        node = Node()
        node.itself = node
        alive = weakref.ref(node)
        del node
    collect_garbage()
    assert alive() is None and gc.get_freeze_count() > 0
    collections = []
    real = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(a) or real(*a))
    with cycle_collector_paused():
        pass
    assert collections == []
    with cycle_collector_paused():  # (no collection between: this build makes it)
        pass
    assert len(collections) == 1
    gc.unfreeze()
