"""The garbage collector's plan in serve: full collections when the editor is idle."""

from __future__ import annotations

import gc
import sys
import time
import weakref
from collections.abc import Iterator

import pytest

from newsroom.collector import YOUNG_THRESHOLD, IdleCollector


class Node:
    """An object in a reference cycle: only the full collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector() -> Iterator[IdleCollector]:
    made = IdleCollector(idle=0.05)
    before = gc.get_threshold()
    yield made
    made.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def frozen_garbage(collector: IdleCollector) -> weakref.ref[Node]:
    """A cycle alive when the collector rests (so it is frozen), unreachable after."""
    node = Node()
    ref = weakref.ref(node)
    collector.busy()
    collector.rest()
    del node
    return ref


def blocks_of(count: int) -> int:
    """The memory blocks ``count`` kept nodes take."""
    before = sys.getallocatedblocks()
    nodes = [Node() for _ in range(count)]
    taken = sys.getallocatedblocks() - before
    del nodes
    return max(taken, 1)


def wait_until(condition: object, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if callable(condition) and condition():
            return True
        time.sleep(0.01)
    return False


def test_start_collects_the_young_less_often_and_stop_gives_it_back(
    collector: IdleCollector,
) -> None:
    threshold = gc.get_threshold()
    collector.start()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, *threshold[1:])
    assert gc.get_freeze_count() > 0
    collector.stop()
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


def test_frozen_garbage_waits_for_the_idle_collection(collector: IdleCollector) -> None:
    collector.start()
    ref = frozen_garbage(collector)
    gc.collect()  # a collection during a rebuild does not walk frozen objects
    assert ref() is not None
    assert wait_until(lambda: collector.collections == 2)
    assert ref() is None
    assert gc.get_freeze_count() > 0  # what is alive is frozen again


def test_no_full_collection_while_a_rebuild_runs(collector: IdleCollector) -> None:
    collector.start()
    ref = frozen_garbage(collector)
    collector.busy()
    time.sleep(0.3)  # six times the idle time
    assert ref() is not None
    assert collector.collections == 1  # the one of the start
    collector.rest()
    assert wait_until(lambda: collector.collections == 2)
    assert ref() is None


def test_a_rebuild_collects_in_full_when_allocated_memory_grew_by_half(
    collector: IdleCollector,
) -> None:
    collector.idle = 60.0  # the editor never idles
    collector.start()
    per_node = blocks_of(10_000) / 10_000
    kept = [Node() for _ in range(int(collector.blocks * 0.2 / per_node))]  # a fifth more
    ref = frozen_garbage(collector)
    assert collector.collections == 1
    assert ref() is not None
    more = [Node() for _ in range(int(collector.blocks * 0.5 / per_node))]  # half more again
    collector.busy()
    collector.rest()
    assert collector.collections == 2
    assert ref() is None
    assert len(kept) + len(more) > 0
