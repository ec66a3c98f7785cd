"""Annotate articles: parse with spaCy only what the cache lacks, then resolve actors,
dates, claims and figures against the editorial layer.

Cheapest first: annotations kept in memory across ``mkdocs serve`` rebuilds, annotations on
disk, then the stored parse of the body (when only the registry, an article's corrections or
our code changed). Only articles none of these holds are parsed by the model, in one
``nlp.pipe`` batch; the model is loaded on first need, so a fully cached build never loads it.
A ``mkdocs build`` that finds new or changed article files has them annotated by a helper
process that started loading the model as the build began (:mod:`newsroom.workers`).
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from .cache import (
    AnnotationCache,
    annotation_key,
    corrections_naming,
    doc_key,
    pipeline_fingerprint,
    registry_fingerprint,
)
from .model import Annotation, Article, Briefing, Editorial
from .seeds import seed_stamps
from .workers import Job, ModelHelper, Result, run, warm_up

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .model import Actor

log = get_plugin_logger(__name__)

# Measured on a 2-core machine (docs/performance.md): a worker process is forked with the
# model already loaded (shared copy-on-write) and starts in about 50 ms, while a parse costs
# 50-90 ms per article, so a second process pays from about 8 articles per process.
MIN_ARTICLES_PER_PROCESS = 8
# spaCy deals batches to the processes in turn: several batches each keep them all busy.
BATCHES_PER_PROCESS = 4
IDLE_SAMPLE_SECONDS = 0.1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100  # /proc/stat's unit


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (spaCy's worker processes)."""
    total = time.process_time()
    try:
        import resource
    except ImportError:  # not on Unix
        return total
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return total + usage.ru_utime + usage.ru_stime


def machine_cpu_times() -> tuple[float, float]:
    """Idle and total CPU time of the whole machine since boot, in clock ticks (Linux)."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [float(value) for value in stat.readline().split()[1:9]]
    return ticks[3] + ticks[4], sum(ticks)  # idle + iowait, all


@dataclass(frozen=True)
class CpuSample:
    """The machine's idle and total CPU ticks and this process's own CPU seconds, at a moment."""

    idle: float
    total: float
    own: float
    at: float

    @classmethod
    def take(cls) -> CpuSample | None:
        """A sample now; None where there is no /proc/stat."""
        try:
            idle, total = machine_cpu_times()
        except (OSError, ValueError, IndexError):
            return None
        return cls(idle, total, time.process_time(), time.perf_counter())


def idle_cores(since: CpuSample | None = None, build_cpu: float = 0.0) -> int:
    """Cores that other programs leave idle, at least one. Sampled from /proc/stat over the
    time since ``since``, less this process's own CPU time in it (a build that has just loaded
    the model measured the machine meanwhile) and ``build_cpu`` seconds of the build's other
    process (the model helper's parent); over a tenth of a second of sleep when that time is
    shorter; elsewhere from the 1-minute load average. Measured: with the cores busy, a second
    spaCy process gains nothing, and handing parsed Docs between processes then costs more."""
    cores = os.cpu_count() or 1
    if since is None or time.perf_counter() - since.at < IDLE_SAMPLE_SECONDS:
        since, build_cpu = CpuSample.take(), 0.0
        time.sleep(IDLE_SAMPLE_SECONDS)
    now = CpuSample.take()
    if since is None or now is None:
        try:
            return max(1, round(cores - os.getloadavg()[0]))
        except (AttributeError, OSError):  # no load average either
            return default_workers()
    total = max(now.total - since.total, 1.0)
    own = (now.own - since.own + build_cpu) * CLOCK_TICKS
    others = min(max(total - (now.idle - since.idle) - own, 0.0), total)
    return max(1, round(cores * (1 - others / total)))


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
    cpu_seconds: float
    model_loaded: bool

    @property
    def cached(self) -> int:
        """Annotations reused from memory or disk."""
        return self.from_memory + self.from_disk

    def __str__(self) -> str:
        parsed = f" ({self.parsed} parsed by the model)" if self.parsed != self.annotated else ""
        workers = f" on {self.processes} processes" if self.processes > 1 else ""
        return (
            f"{self.annotated} annotated{parsed}, {self.cached} from cache "
            f"in {self.seconds:.2f} s (CPU {self.cpu_seconds:.2f} s){workers}"
        )


@dataclass(frozen=True)
class Keys:
    """The cache keys of one article: its parse and its annotation."""

    doc: str
    annotation: str


class Annotator:
    """Kept by the plugin across serve rebuilds: the model (loaded on first need), the
    registry resolver and the annotations of the last build."""

    def __init__(
        self,
        model: str | None = None,
        workers: int | None = None,
        batch_size: int = 32,
        cache: AnnotationCache | None = None,
    ) -> None:
        self.model_name = model
        self.workers = max(1, workers or default_workers())
        self.batch_size = max(1, batch_size)
        self.cache = cache  # None: annotate everything on every build
        self.report: AnnotationReport | None = None
        self._nlp: Language | None = None
        self._lock = threading.RLock()  # the model and the resolver, against preload()
        self._editorial: Editorial | None = None  # the last one annotated with
        self._resolver: tuple[str, Language] | None = None
        self._warmed: Language | None = None  # the resolver the lazy parts were woken with
        self._pipeline: str | None = None
        self._memory: dict[str, Annotation] = {}
        self._helper: ModelHelper | None = None  # loading the model for this build's articles
        self._stamps: dict[str, list[int]] | None = None  # the seeds as this build found them

    @property
    def nlp(self) -> Language:
        """The statistical pipeline, loaded once (waiting for a :meth:`preload` under way)."""
        with self._lock:
            if self._nlp is None:
                from .nlp.pipeline import load_model

                self._nlp = load_model(self.model_name)
            return self._nlp

    def resolver(self, actors: Sequence[Actor]) -> Language:
        """The registry ruler and resolver, rebuilt only when the registry changes (on the
        model's tokenizer if the model is loaded)."""
        fingerprint = registry_fingerprint(actors)
        with self._lock:
            if self._resolver is None or self._resolver[0] != fingerprint:
                from .nlp.actors import build_resolver

                self._resolver = (fingerprint, build_resolver(actors, self._nlp))
            return self._resolver[1]

    def preload(self) -> threading.Thread:
        """In a background thread, pay every start-up cost of annotating (spaCy's import, the
        model, the registry's patterns, the date parser's first use) by annotating one short
        text, so that the first article an editor adds during ``mkdocs serve`` waits for
        its own annotation only. A build that needs the model meanwhile waits for it."""
        thread = threading.Thread(target=self._preload, name="briefings-preload", daemon=True)
        thread.start()
        return thread

    def _preload(self) -> None:
        # A failure (no model installed) is reported by the build that needs the model.
        with contextlib.suppress(Exception), self._lock:
            _ = self.nlp
            if self._editorial is not None:
                self._warm_up(self.resolver(self._editorial.actors), self._editorial)

    def _warm_up(self, resolver: Language, editorial: Editorial) -> None:
        """Wake the lazy parts once per resolver: the first article pays for them otherwise
        (0.4-0.8 s), and forked workers inherit them."""
        if self._warmed is resolver:
            return
        warm_up(self.nlp, resolver, editorial)
        self._warmed = resolver

    def look_ahead(self, seeds_dir: Path, start_helper: bool = True) -> None:
        """Called as a build starts, before the articles are read. When article files are
        new or changed since the last build (by size and modification time), or there was
        no last build, and the model is not loaded, fork the model helper: spaCy's import
        and the model's load (about 2 s) then run beside MkDocs' own start and the reading
        of the articles and their cached annotations, instead of after them. Only a guess:
        a file touched but parsed before costs the helper's wasted start, on another core;
        a change it missed costs the load in this process."""
        if self.cache is None:
            return
        self.close_helper()
        self._stamps = seed_stamps(seeds_dir)
        before = self.cache.get_stamps()
        if not start_helper or self._nlp is not None:
            return
        previous = before or {}
        changed = sum(1 for name, stamp in self._stamps.items() if previous.get(name) != stamp)
        if changed:
            self._helper = ModelHelper.start(self)
            if self._helper is not None:
                files = "1 seed file" if changed == 1 else f"{changed} seed files"
                news = "new" if before is None else "new or changed"
                log.debug(f"{files} {news}: loading the model in a helper process")

    def close_helper(self) -> None:
        """Stop the model helper of a build that ended before annotating (a failed build)."""
        if self._helper is not None:
            self._helper.close()
            self._helper = None

    def keys(self, articles: Sequence[Article], editorial: Editorial) -> list[Keys]:
        """The cache keys of every article, computed without importing spaCy."""
        if self._pipeline is None:
            self._pipeline = pipeline_fingerprint(self.model_name)
        registry = registry_fingerprint(editorial.actors)
        keys = []
        for article in articles:
            parse = doc_key(article.body, self._pipeline)
            corrections = corrections_naming(article, editorial.corrections)
            keys.append(Keys(parse, annotation_key(article, parse, registry, corrections)))
        return keys

    def plan(
        self, count: int, since: CpuSample | None = None, build_cpu: float = 0.0
    ) -> tuple[int, int]:
        """Processes and batch size for parsing ``count`` texts: up to ``workers`` processes,
        as many as the batch repays and the machine has idle cores for (measured since
        ``since`` where that was long enough; see :func:`idle_cores` for ``build_cpu``)."""
        processes = max(1, min(self.workers, count // MIN_ARTICLES_PER_PROCESS))
        if processes > 1 and "fork" not in multiprocessing.get_all_start_methods():
            processes = 1  # the workers share the loaded model through fork
        if processes > 1:
            processes = min(processes, idle_cores(since, build_cpu))
        return processes, self.batch_for(count, processes)

    def batch_for(self, count: int, processes: int) -> int:
        """The batch size for ``count`` texts on ``processes``: small enough that each
        process gets several batches (spaCy deals them out in turn)."""
        if processes == 1:
            return self.batch_size
        return max(1, min(self.batch_size, math.ceil(count / (processes * BATCHES_PER_PROCESS))))

    def annotate(self, articles: Sequence[Article], editorial: Editorial) -> list[Briefing]:
        """Briefings for every article, in the given order."""
        start, cpu, sample = time.perf_counter(), cpu_seconds(), CpuSample.take()
        if self.cache is not None:
            self.cache.retry_writes()
        self._editorial = editorial
        keys = self.keys(articles, editorial)
        found: dict[int, Annotation] = {}
        from_memory = from_disk = 0
        if self.cache is not None:
            for index, key in enumerate(keys):
                annotation = self._memory.get(key.annotation)
                if annotation is not None:
                    from_memory += 1
                else:
                    annotation = self.cache.get_annotation(key.annotation)
                    if annotation is None:
                        continue
                    from_disk += 1
                found[index] = annotation
        missing = [i for i in range(len(articles)) if i not in found]
        parsed, processes = self._annotate(missing, articles, keys, editorial, found, sample)
        if self.cache is not None:
            # Only this build's annotations stay in memory: a long serve session stays bounded.
            self._memory = {keys[i].annotation: found[i] for i in range(len(articles))}
            if self._stamps is not None:
                self.cache.put_stamps(self._stamps)
                self._stamps = None
        self.report = AnnotationReport(
            articles=len(articles),
            annotated=len(missing),
            parsed=parsed,
            from_memory=from_memory,
            from_disk=from_disk,
            processes=processes,
            seconds=time.perf_counter() - start,
            cpu_seconds=cpu_seconds() - cpu,
            model_loaded=self._nlp is not None,
        )
        return [Briefing(article, found[i]) for i, article in enumerate(articles)]

    def _annotate(
        self,
        missing: list[int],
        articles: Sequence[Article],
        keys: list[Keys],
        editorial: Editorial,
        found: dict[int, Annotation],
        since: CpuSample | None,
    ) -> tuple[int, int]:
        """Annotate the articles at ``missing`` into ``found``: from stored parses where there
        are some, else parsed in one batch (by the model helper, when the build started one).
        Returns how many were parsed, on how many processes. The machine's idle cores are
        measured over the build so far (``since``), which in a cold build includes loading
        the model."""
        helper, self._helper = self._helper, None
        cache = self.cache
        unstored = [i for i in missing if cache is None or not cache.has_doc(keys[i].doc)]
        if helper is not None and not unstored:
            helper.close()  # nothing for it to parse
            helper = None
        if unstored and helper is None:
            _ = self.nlp  # needed to parse: loaded first, the resolver shares its tokenizer
        unparsed = list(unstored)
        stored = sorted(set(missing) - set(unstored))
        if stored and cache is not None:
            resolver = self.resolver(editorial.actors)
            for index in stored:
                doc = cache.get_doc(keys[index].doc, resolver.vocab)
                if doc is None:
                    unparsed.append(index)
                else:
                    found[index] = self._finish(
                        articles[index], doc, keys[index], resolver, editorial
                    )
        if not unparsed:
            return 0, 1
        if helper is not None:
            sent = [articles[i] for i in unparsed]
            for results in helper.annotate(sent, editorial, cache is not None):
                self._store(results, unparsed, keys, found)
            left = [i for i in unparsed if i not in found]
            if not left:
                log.debug(f"articles annotated by the helper process: {len(unparsed)}")
                return len(unparsed), helper.processes
            log.debug(f"the helper process failed ({helper.failure}); annotating {len(left)} here")
            unparsed = left  # (its CPU time counts as another program's in plan(): fewer workers)
        nlp = self.nlp
        resolver = self.resolver(editorial.actors)
        processes, batch_size = self.plan(len(unparsed), since)
        if processes > 1:
            self._annotate_in_workers(
                unparsed, articles, keys, editorial, found, processes, batch_size, resolver
            )
            return len(unparsed), processes
        from .nlp.pipeline import parse

        docs = parse(nlp, (articles[i].body for i in unparsed), batch_size)
        for index, doc in zip(unparsed, docs, strict=True):
            if cache is not None:
                cache.put_doc(keys[index].doc, doc)  # before the resolver adds to it
            found[index] = self._finish(articles[index], doc, keys[index], resolver, editorial)
        return len(unparsed), 1

    def _store(
        self,
        results: Sequence[Result],
        indices: Sequence[int] | None,
        keys: list[Keys],
        found: dict[int, Annotation],
    ) -> None:
        """Keep what another process annotated: ``results`` index into ``indices`` (or are
        article indices themselves when it is None)."""
        for position, parse, annotation in results:
            index = indices[position] if indices is not None else position
            if self.cache is not None:
                self.cache.put_parse(keys[index].doc, parse)
                self.cache.put_annotation(keys[index].annotation, annotation)
            found[index] = annotation

    def _annotate_in_workers(
        self,
        unparsed: list[int],
        articles: Sequence[Article],
        keys: list[Keys],
        editorial: Editorial,
        found: dict[int, Annotation],
        processes: int,
        batch_size: int,
        resolver: Language,
    ) -> None:
        """Parse and annotate in forked worker processes that share the loaded model and
        resolver; this process only stores what they send back. (spaCy's own ``n_process``
        would send every Doc back whole and leave the annotating to this one process.)"""
        # Before forking, the workers inherit the loaded model and the woken lazy parts.
        self._warm_up(resolver, editorial)
        keep = self.cache is not None
        job = Job(self.nlp, resolver, articles, editorial, keep, batch_size)
        for data in run(job, unparsed, processes):
            self._store(pickle.loads(data), None, keys, found)

    def _finish(
        self, article: Article, doc: Doc, keys: Keys, resolver: Language, editorial: Editorial
    ) -> Annotation:
        from .nlp.annotate import annotate

        annotation = annotate(article, doc, resolver, editorial)
        if self.cache is not None:
            self.cache.put_annotation(keys.annotation, annotation)
        return annotation
