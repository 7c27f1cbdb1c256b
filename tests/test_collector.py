"""The garbage collector is paused only while the window is built: afterwards cycles are freed again."""

from __future__ import annotations

import gc
import weakref

import pytest

from token_desk.collector import collector_paused


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def cycle_freed_by_the_collector() -> bool:
    """Whether the collector, running on its own, frees a dropped cycle (as it must in a long session)."""
    node = Node()
    alive = weakref.ref(node)
    del node
    for _ in range(50):  # far past the youngest generation's threshold
        [Node() for _ in range(gc.get_threshold()[0])]
    return alive() is None


def test_cycles_are_freed_again_after_the_window_is_built() -> None:
    assert collector_paused(lambda: gc.isenabled())() is False  # paused while building
    assert gc.isenabled()
    assert cycle_freed_by_the_collector()


def test_a_failed_build_leaves_the_collector_running() -> None:
    def refused():
        raise ValueError("bad command line")

    with pytest.raises(ValueError, match="bad command line"):
        collector_paused(refused)()
    assert gc.isenabled()
    assert cycle_freed_by_the_collector()


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    try:
        collector_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_build_made_is_not_walked_again_by_the_collector() -> None:
    made: list[Node] = []
    frozen_before = gc.get_freeze_count()
    try:
        collector_paused(lambda: made.extend(Node() for _ in range(1000)))()
        assert gc.get_freeze_count() >= frozen_before + len(made)
        assert gc.get_count()[0] < len(made)  # the next young collection does not meet them
        assert cycle_freed_by_the_collector()
    finally:
        gc.unfreeze()


def test_a_failed_build_freezes_nothing() -> None:
    def refused():
        Node()  # a cycle dropped by the failed build: the collector frees it
        raise ValueError("bad command line")

    frozen_before = gc.get_freeze_count()
    with pytest.raises(ValueError):
        collector_paused(refused)()
    assert gc.get_freeze_count() == frozen_before
