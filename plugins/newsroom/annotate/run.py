"""Parse and annotate what only the model can: one run path for every executor.

A run is a list of batches of (article, keys). Each batch is parsed with ``nlp.pipe`` and
annotated where it runs, and its entries are written to the content-addressed cache there,
so a pool's workers (or a cluster's) send back only the annotations. Batches run in this
process, or in one :class:`~concurrent.futures.ProcessPoolExecutor` whose initializer
readies each worker once: forked with the model already loaded where that is safe (the
``fork`` start method, and no other thread running in this process), else spawned to load
the model itself. Dask workers (:mod:`newsroom.annotate.cluster`) use the same loader.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections.abc import Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import AnnotationCache, registry_fingerprint
from ..model import Annotation, Article, Block, Editorial
from .plan import Keys

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from spacy.language import Language

# What warm_up() annotates: a date, a place and a claim wake every lazy part up.
WARM_UP_NAME = "preload"
WARM_UP_TEXT = "Officials in Seoul said on Tuesday that the talks would resume next week."

Item = tuple[Article, Keys]


@dataclass(frozen=True)
class Task:
    """What every worker of a run needs besides its batches (sent to each once)."""

    model: str | None
    editorial: Editorial
    cache_root: Path | None  # None: write no cache entries
    batch_size: int


def warm_up(nlp: Language, resolver: Language, editorial: Editorial) -> None:
    """Annotate one short text: the first article would otherwise pay for importing the
    annotation code and for the date parser's first use, which compiles its time-zone
    patterns (0.4-0.8 s in all, measured on this project's machine)."""
    from ..nlp.annotate import annotate

    article = Article(
        path=Path(WARM_UP_NAME),
        slug=WARM_UP_NAME,
        title=WARM_UP_NAME,
        body=WARM_UP_TEXT,
        blocks=(Block("paragraph", 0, len(WARM_UP_TEXT)),),
        date=dt.date.today(),
    )
    annotate(article, nlp(WARM_UP_TEXT), resolver, editorial)


def annotate_batch(
    nlp: Language,
    resolver: Language,
    editorial: Editorial,
    items: Sequence[Item],
    cache: AnnotationCache | None,
    batch_size: int,
) -> list[Annotation]:
    """Parse and annotate one batch; store each parse (before the resolver adds to the
    Doc) and each annotation in ``cache``."""
    from ..nlp.annotate import annotate
    from ..nlp.pipeline import parse

    annotations = []
    docs = parse(nlp, (article.body for article, _ in items), batch_size)
    for (article, keys), doc in zip(items, docs, strict=True):
        if cache is not None:
            cache.put_doc(keys.doc, doc)
        annotation = annotate(article, doc, resolver, editorial)
        if cache is not None:
            cache.put_annotation(keys.annotation, annotation)
        annotations.append(annotation)
    return annotations


# --- a worker's state: readied once per worker process ---------------------------------------

_MODELS: dict[str | None, Language] = {}
_RESOLVERS: dict[tuple[str | None, str], Language] = {}
_CACHES: dict[Path, AnnotationCache] = {}


def loaded(task: Task) -> tuple[Language, Language]:
    """The model and the registry's resolver for ``task``, loaded once per process and
    kept (the resolver per registry): the worker's cached loader."""
    from ..nlp.actors import build_resolver
    from ..nlp.pipeline import load_model

    if task.model not in _MODELS:
        _MODELS[task.model] = load_model(task.model)
    nlp = _MODELS[task.model]
    key = (task.model, registry_fingerprint(task.editorial.actors))
    if key not in _RESOLVERS:
        _RESOLVERS[key] = build_resolver(task.editorial.actors, nlp)
    return nlp, _RESOLVERS[key]


def worker_cache(task: Task) -> AnnotationCache | None:
    """The cache a worker writes to, one instance per folder and process."""
    if task.cache_root is None:
        return None
    return _CACHES.setdefault(task.cache_root, AnnotationCache(task.cache_root))


def run_task(task: Task, items: Sequence[Item]) -> list[Annotation]:
    """In any worker: annotate one batch with the worker's loaded model."""
    nlp, resolver = loaded(task)
    return annotate_batch(nlp, resolver, task.editorial, items, worker_cache(task), task.batch_size)


_TASK: Task | None = None


def start_worker(task: Task, nlp: Language | None, resolver: Language | None) -> None:
    """A pool worker's initializer: keep the task and, when forked, the parent's loaded
    model and resolver (shared copy-on-write), else load them now."""
    global _TASK
    _TASK = task
    if nlp is not None and resolver is not None:
        _MODELS[task.model] = nlp
        _RESOLVERS[(task.model, registry_fingerprint(task.editorial.actors))] = resolver
    else:
        loaded(task)


def run_pooled(items: Sequence[Item]) -> list[Annotation]:
    """In a pool worker: annotate one batch of the task its initializer kept."""
    if _TASK is None:
        raise RuntimeError("annotation worker started without a task")
    return run_task(_TASK, items)


# --- the local run ---------------------------------------------------------------------------


def can_fork() -> bool:
    """Whether a worker may be forked from this process: the ``fork`` start method exists
    and no other thread runs (a fork copies locks other threads may hold)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def pool_context(fork: bool) -> BaseContext:
    """The start method of a pool: ``fork`` (inherit the loaded model) or ``spawn``."""
    return multiprocessing.get_context("fork" if fork else "spawn")


def run_local(
    task: Task,
    batches: Sequence[Sequence[Item]],
    processes: int,
    nlp: Language | None,
    resolver: Language | None,
    cache: AnnotationCache | None,
) -> Generator[list[Annotation], None, None]:
    """Each batch's annotations, in order: in this process (``processes`` 1; ``nlp`` and
    ``resolver`` loaded, writing to ``cache``), or in a pool of ``processes`` workers,
    forked with ``nlp`` and ``resolver`` where given and safe, else loading their own."""
    if processes == 1:
        if nlp is None or resolver is None:
            raise ValueError("a run in this process needs the loaded model")
        for batch in batches:
            yield annotate_batch(nlp, resolver, task.editorial, batch, cache, task.batch_size)
        return
    fork = nlp is not None and resolver is not None and can_fork()
    pool = ProcessPoolExecutor(
        processes,
        mp_context=pool_context(fork),
        initializer=start_worker,
        initargs=(task, nlp, resolver) if fork else (task, None, None),
    )
    try:
        yield from pool.map(run_pooled, batches)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
