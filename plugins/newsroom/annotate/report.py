"""What one annotation run did, as the build logs it and the benchmark reads it."""

from __future__ import annotations

import time
from dataclasses import dataclass


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (worker processes)."""
    total = time.process_time()
    try:
        import resource
    except ImportError:  # not on Unix
        return total
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return total + usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class AnnotationReport:
    """What one :meth:`Annotator.annotate` call did, for the build log and the benchmark."""

    articles: int
    annotated: int  # annotations computed in this call
    parsed: int  # of which the model parsed the body (the rest had a stored parse)
    from_memory: int
    from_disk: int
    processes: int
    seconds: float
    cpu_seconds: float  # of this process and its local workers (not a cluster's)
    model_loaded: bool  # in this process
    executor: str = "local"  # where the parsing ran: local, or dask
    scheduler: str = ""  # the Dask scheduler's address

    @property
    def cached(self) -> int:
        """Annotations reused from memory or disk."""
        return self.from_memory + self.from_disk

    def __str__(self) -> str:
        parsed = f" ({self.parsed} parsed by the model)" if self.parsed != self.annotated else ""
        if self.executor == "dask":
            workers = f" on {self.processes} Dask workers at {self.scheduler}"
        else:
            workers = f" on {self.processes} processes" if self.processes > 1 else ""
        return (
            f"{self.annotated} annotated{parsed}, {self.cached} from cache "
            f"in {self.seconds:.2f} s (CPU {self.cpu_seconds:.2f} s){workers}"
        )
