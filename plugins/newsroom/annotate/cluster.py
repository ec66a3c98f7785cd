"""The annotate stage on Dask (``executor: dask``): imported only when that is configured.

Every Dask worker readies the model once (the same cached loader as a local pool's
workers, :func:`newsroom.annotate.run.loaded`) and writes its entries to the cache folder
itself, which must therefore be the same shared folder on every machine. The build then
receives only the annotations.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from ..model import Annotation
from .run import Item, Task, run_task

CONNECT_SECONDS = 30  # how long to wait for the scheduler (and a local cluster's workers)

# The local cluster the plugin starts runs no statistical profiler sampling each worker's
# stack every 10 ms, and its workers' environment lacks the MALLOC_TRIM_THRESHOLD_ Dask puts
# in it (to give freed memory back to the system at once; a parse frees and takes memory
# again all the time). A cold annotation of 1,600 articles on 2 workers, alternating with
# Dask's defaults: 5 % less wall-clock time without the trim, 13 and 22 % less in two runs
# without either.
UNSET_ENVIRON = ("MALLOC_TRIM_THRESHOLD_",)


class DaskUnavailable(RuntimeError):
    """``executor: dask`` without Dask installed, or its scheduler out of reach; the
    message says what to do."""


def connect(address: str | None, workers: int) -> tuple[Any, Any]:
    """A client of the scheduler at ``address``; without one, of a new local cluster of
    ``workers`` processes on 127.0.0.1. Returns (client, cluster or None)."""
    try:
        from distributed import Client
    except ImportError:
        raise DaskUnavailable(
            "the plugin option `executor: dask` needs Dask: "
            "pip install 'mkdocs-briefings[dask]' (or dask and distributed)"
        ) from None
    if address:
        try:
            return Client(address, timeout=CONNECT_SECONDS), None
        except (OSError, TimeoutError) as error:
            raise DaskUnavailable(
                f"cannot reach the Dask scheduler at {address} ({error}); check the plugin "
                "option `scheduler_address`, or set `executor: local`"
            ) from None
    cluster = local_cluster(workers)
    return Client(cluster, timeout=CONNECT_SECONDS), cluster


def local_cluster(workers: int) -> Any:
    """A cluster of ``workers`` processes of one thread on 127.0.0.1, without a dashboard,
    set up for parsing: no profiler, and Dask's own worker environment but for
    :data:`UNSET_ENVIRON`."""
    import dask
    from distributed import LocalCluster

    environ = dask.config.get("distributed.nanny.pre-spawn-environ")
    settings = {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ": {
            k: v for k, v in environ.items() if k not in UNSET_ENVIRON
        },
    }
    with dask.config.set(settings):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )


def worker_count(client: Any) -> int:
    """How many workers the scheduler knows (at least one, waiting for it)."""
    client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    return max(1, len(client.scheduler_info()["workers"]))


def run_on_dask(
    client: Any, task: Task, batches: Sequence[Sequence[Item]]
) -> Iterator[list[Annotation]]:
    """Each batch's annotations, in order, computed on the cluster of ``client``. The task
    (with the editorial layer) goes to every worker once."""
    shared = client.scatter(task, broadcast=True, hash=False)
    futures = [client.submit(run_task, shared, list(batch), pure=False) for batch in batches]
    try:
        for future in futures:
            yield future.result()
    finally:
        with contextlib.suppress(Exception):
            client.cancel(futures)


def close(client: Any, cluster: Any) -> None:
    """Disconnect, and stop the local cluster if this run started one."""
    with contextlib.suppress(Exception):
        client.close()
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close()
