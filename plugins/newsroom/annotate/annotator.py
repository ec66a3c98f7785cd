"""The annotator the plugin keeps across ``mkdocs serve`` rebuilds: plan, then run.

The model is loaded on first need only, so a fully cached build never loads it (nor
imports spaCy); the annotations of the last build stay in memory for the next rebuild.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..cache import AnnotationCache, pipeline_fingerprint, registry_fingerprint
from ..model import Annotation, Article, Briefing, Editorial
from .plan import (
    Keys,
    KnownKeys,
    Plan,
    batch_for,
    chunks,
    default_workers,
    known_keys,
    make_plan,
)
from .plan import processes_for as plan_processes
from .report import AnnotationReport, cpu_seconds
from .run import Item, Task, can_fork, run_local, warm_up

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from spacy.language import Language

    from ..model import Actor

EXECUTORS = ("local", "dask")
Progress = Callable[[int], None]  # called with how many more articles are annotated


class Annotator:
    """Kept by the plugin across serve rebuilds: the model (loaded on first need), the
    registry resolver and the annotations of the last build."""

    def __init__(
        self,
        model: str | None = None,
        workers: int | None = None,
        batch_size: int = 32,
        cache: AnnotationCache | None = None,
        executor: str = "local",
        scheduler_address: str | None = None,
        nlp: Language | None = None,
    ) -> None:
        if executor not in EXECUTORS:
            raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
        self.model_name = model
        self.workers = max(1, workers or default_workers())
        self.batch_size = max(1, batch_size)
        self.cache = cache  # None: annotate everything on every build
        self.executor = executor
        self.scheduler_address = scheduler_address or None
        self.report: AnnotationReport | None = None
        self._nlp = nlp  # a loaded model to use instead of loading ``model``
        self._lock = threading.RLock()  # the model and the resolver, against preload()
        self._editorial: Editorial | None = None  # the last one annotated with
        self._resolver: tuple[str, Language | None, Language] | None = None
        self._warmed: Language | None = None  # the resolver the lazy parts were woken with
        self._pipeline: str | None = None
        self._memory: dict[str, Annotation] = {}
        self._keys: KnownKeys | None = None  # the keys of the articles last asked about

    @property
    def model_loaded(self) -> bool:
        """Whether this process holds the model."""
        return self._nlp is not None

    @property
    def nlp(self) -> Language:
        """The statistical pipeline, loaded once (waiting for a :meth:`preload` under way)."""
        with self._lock:
            if self._nlp is None:
                from ..nlp.pipeline import load_model

                self._nlp = load_model(self.model_name)
            return self._nlp

    def resolver(self, actors: Sequence[Actor]) -> Language:
        """The registry ruler and resolver, rebuilt only when the registry changes (on the
        model's tokenizer if the model is loaded)."""
        fingerprint = registry_fingerprint(actors)
        with self._lock:
            if self._resolver is None or self._resolver[:2] != (fingerprint, self._nlp):
                from ..nlp.actors import build_resolver

                self._resolver = (fingerprint, self._nlp, build_resolver(actors, self._nlp))
            return self._resolver[2]

    def preload(self) -> threading.Thread:
        """In a background thread, pay every start-up cost of annotating here (spaCy's
        import, the model, the registry's patterns, the date parser's first use), so that
        the first article an editor adds during ``mkdocs serve`` waits for its own
        annotation only. Does nothing on Dask, whose workers hold the model."""
        thread = threading.Thread(target=self._preload, name="briefings-preload", daemon=True)
        thread.start()
        return thread

    def _preload(self) -> None:
        if self.executor != "local":
            return
        # A failure (no model installed) is reported by the build that needs the model.
        with contextlib.suppress(Exception), self._lock:
            _ = self.nlp
            if self._editorial is not None:
                self._warm_up(self.resolver(self._editorial.actors), self._editorial)

    def _warm_up(self, resolver: Language, editorial: Editorial) -> None:
        """Wake the lazy parts once per resolver: the first article pays for them otherwise
        (0.4-0.8 s), and forked workers inherit them."""
        if self._warmed is not resolver:
            warm_up(self.nlp, resolver, editorial)
            self._warmed = resolver

    def keys(self, articles: Sequence[Article], editorial: Editorial) -> list[Keys]:
        """The cache keys of every article, computed without importing spaCy; those of the
        articles of the last call (the same objects, as ``mkdocs serve`` reloads them) are
        not computed again while the registry and the corrections naming them stay."""
        if self._pipeline is None:
            self._pipeline = pipeline_fingerprint(self.model_name)
        self._keys = known_keys(articles, editorial, self._pipeline, self._keys)
        return list(self._keys.keys)

    def plan(self, articles: Sequence[Article], editorial: Editorial) -> tuple[list[Keys], Plan]:
        """The keys of ``articles`` and where each annotation comes from."""
        keys = self.keys(articles, editorial)
        cache = self.cache
        if cache is None:
            return keys, make_plan(keys, {}, None, None)
        # Each annotation read back is checked against its article, named here: the key's
        # own record of it is bounded, and a key kept from an earlier call is not recorded anew.
        article_of: dict[str, Article] = {}

        def stored(key: str) -> Annotation | None:
            if not article_of:
                article_of.update(zip((k.annotation for k in keys), articles, strict=True))
            return cache.get_annotation(key, article_of[key])

        return keys, make_plan(keys, self._memory, stored, cache.has_doc)

    def annotate(
        self,
        articles: Sequence[Article],
        editorial: Editorial,
        progress: Progress | None = None,
    ) -> list[Briefing]:
        """Briefings for every article, in the given order; ``progress`` hears of the
        articles as they are done."""
        start, cpu = time.perf_counter(), cpu_seconds()
        if self.cache is not None:
            self.cache.retry_writes()
        self._editorial = editorial
        keys, plan = self.plan(articles, editorial)
        found = dict(plan.found)
        if progress is not None and found:
            progress(len(found))
        unparsed = list(plan.unparsed)
        if plan.stored:
            unparsed += self._from_stored(plan.stored, articles, keys, editorial, found, progress)
        processes, scheduler = 1, ""
        if unparsed:
            items = [(articles[i], keys[i]) for i in unparsed]
            processes, scheduler, results = self._parse(items, editorial)
            done = iter(unparsed)
            for annotations in results:
                for annotation in annotations:
                    found[next(done)] = annotation
                if progress is not None:
                    progress(len(annotations))
        if self.cache is not None:
            # Only this build's annotations stay in memory: a long serve session stays bounded.
            self._memory = {keys[i].annotation: found[i] for i in range(len(articles))}
        self.report = AnnotationReport(
            articles=len(articles),
            annotated=len(plan.missing),
            parsed=len(unparsed),
            from_memory=plan.from_memory,
            from_disk=plan.from_disk,
            processes=processes,
            seconds=time.perf_counter() - start,
            cpu_seconds=cpu_seconds() - cpu,
            model_loaded=self.model_loaded,
            executor=self.executor if unparsed else "local",
            scheduler=scheduler,
        )
        return [Briefing(article, found[i]) for i, article in enumerate(articles)]

    def _from_stored(
        self,
        stored: Sequence[int],
        articles: Sequence[Article],
        keys: Sequence[Keys],
        editorial: Editorial,
        found: dict[int, Annotation],
        progress: Progress | None,
    ) -> list[int]:
        """Annotate from the stored parses into ``found``; returns the articles whose parse
        turned out unreadable (for the model to parse)."""
        from ..nlp.annotate import annotate

        cache = self.cache
        if cache is None:
            return list(stored)
        resolver = self.resolver(editorial.actors)
        unreadable = []
        for index in stored:
            doc = cache.get_doc(keys[index].doc, resolver.vocab, articles[index].body)
            if doc is None:
                unreadable.append(index)
                continue
            found[index] = annotate(articles[index], doc, resolver, editorial)
            cache.put_annotation(keys[index].annotation, found[index])
        if progress is not None and len(stored) > len(unreadable):
            progress(len(stored) - len(unreadable))
        return unreadable

    def _parse(
        self, items: list[Item], editorial: Editorial
    ) -> tuple[int, str, Iterator[list[Annotation]]]:
        """Processes (or Dask workers), the scheduler's address, and the annotations of
        ``items`` a batch at a time, in order."""
        root = self.cache.root if self.cache is not None else None
        if self.executor == "dask":
            return self._parse_on_dask(items, editorial, root)
        fork = can_fork()
        processes = plan_processes(len(items), self.workers, loading=not fork)
        batch_size = batch_for(len(items), processes, self.batch_size)
        task = Task(self.model_name, editorial, root, batch_size)
        batches = chunks(items, batch_size)
        if processes > 1 and not fork:  # spawned workers load their own model
            return processes, "", run_local(task, batches, processes, None, None, None)
        nlp = self.nlp  # loaded first: the resolver shares its tokenizer
        resolver = self.resolver(editorial.actors)
        if processes > 1:
            self._warm_up(resolver, editorial)  # forked workers inherit the woken parts
        return processes, "", run_local(task, batches, processes, nlp, resolver, self.cache)

    def _parse_on_dask(
        self, items: list[Item], editorial: Editorial, root: Path | None
    ) -> tuple[int, str, Iterator[list[Annotation]]]:
        """As :meth:`_parse`, on the Dask scheduler of the options (or a local cluster)."""
        from . import cluster

        client, local = cluster.connect(self.scheduler_address, self.workers)
        workers = cluster.worker_count(client)
        batch_size = batch_for(len(items), workers, self.batch_size)
        task = Task(self.model_name, editorial, root, batch_size)

        def results() -> Iterator[list[Annotation]]:
            try:
                yield from cluster.run_on_dask(client, task, chunks(items, batch_size))
            finally:
                cluster.close(client, local)

        address = str(client.scheduler.address) if local is None else "a local cluster"
        return workers, address, results()


def annotator_for(options: Mapping[str, Any], cache: AnnotationCache | None) -> Annotator:
    """The annotator the plugin options (``model``, ``workers``, ``batch_size``,
    ``executor``, ``scheduler_address``) describe, writing to ``cache``."""
    return Annotator(
        options["model"],
        options["workers"],
        options["batch_size"],
        cache,
        executor=options["executor"],
        scheduler_address=options["scheduler_address"],
    )
