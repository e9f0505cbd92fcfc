"""The cycle collector's pause around large builds."""

import gc
import weakref

from generator.runtime.memory import cycle_collector_paused


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
