"""Python's garbage collector in a ``mkdocs serve`` session: its full collections moved
out of the editor's wait.

A serve process holds the model, every annotation and the pages of the last build: some
650,000 objects at 1,600 articles, which one full collection walks in about 0.7 s on a
2-core machine. A rebuild makes enough new objects to set one off nearly every time, so an
editor waited for it after most saves. :class:`IdleCollector` freezes what is alive after
each rebuild (``gc.freeze``: the collections during the next rebuild walk only what that
rebuild makes), collects the youngest objects less often, and runs the full collection,
which also frees what frozen objects left unreachable, once the editor has been idle for
a few seconds, or at the end of a rebuild when the memory blocks Python has allocated
have grown by half since the last full collection (an editor saving again and again never
idles). The blocks are counted by ``sys.getallocatedblocks``, a walk over the allocator's
arenas (about a millisecond); counting the frozen objects walks each of them (a tenth of a
second at 1,600 articles, in the editor's wait).
"""

from __future__ import annotations

import gc
import sys
import threading

IDLE_SECONDS = 5.0
# Allocations between two collections of the youngest generation (Python's default: 700).
# Fewer collections promote fewer short-lived objects of a rebuild to older generations.
YOUNG_THRESHOLD = 10_000
# Allocated memory blocks, as a multiple of those after the last full collection, beyond
# which a rebuild collects in full when it is through: what a long run of rebuilds
# without a pause leaves unreachable stays bounded.
GROWTH = 1.5


class IdleCollector:
    """Between :meth:`start` and :meth:`stop`, the process's collector works around the
    rebuilds it is told of: :meth:`busy` when one starts, :meth:`rest` when it is through."""

    def __init__(self, idle: float = IDLE_SECONDS) -> None:
        self.idle = idle
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.building = False
        self.thresholds: tuple[int, int, int] | None = None  # Python's own, while started
        self.collections = 0  # full collections run since the start
        self.blocks = 0  # memory blocks allocated after the last full collection

    def start(self) -> None:
        """Collect the youngest objects less often; the first build is through: collect in
        full and freeze what is alive."""
        if self.thresholds is None:
            self.thresholds = gc.get_threshold()
            gc.set_threshold(YOUNG_THRESHOLD, *self.thresholds[1:])
        with self.lock:
            self.full()

    def busy(self) -> None:
        """A rebuild starts: no full collection until it is through."""
        with self.lock:
            self.building = True
            self.cancel()

    def rest(self) -> None:
        """A rebuild is through: freeze what is alive, and collect in full after
        :attr:`idle` seconds without a rebuild."""
        gc.freeze()
        with self.lock:
            self.building = False
            self.cancel()
            if sys.getallocatedblocks() > self.blocks * GROWTH:
                self.full()
                return
            self.timer = threading.Timer(self.idle, self.collect)
            self.timer.name = "briefings-idle-collection"
            self.timer.daemon = True
            self.timer.start()

    def collect(self) -> None:
        """The full collection, unless a rebuild started since this one was planned."""
        with self.lock:
            if self.building or self.timer is not threading.current_thread():
                return
            self.timer = None
            self.full()

    def full(self) -> None:
        """Collect in full and freeze what is alive (with :attr:`lock` held)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.blocks = sys.getallocatedblocks()
        self.collections += 1

    def stop(self) -> None:
        """Give the process its collector back as it was: nothing frozen, Python's
        thresholds."""
        with self.lock:
            self.cancel()
            gc.unfreeze()
            if self.thresholds is not None:
                gc.set_threshold(*self.thresholds)
                self.thresholds = None

    def cancel(self) -> None:
        """Drop the planned full collection (with :attr:`lock` held)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
