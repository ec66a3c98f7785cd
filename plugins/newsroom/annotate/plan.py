"""Which articles need what: the pure part of annotation (no spaCy, no processes).

Cheapest first: an annotation kept in memory from the last build (``mkdocs serve``), one
on disk, a stored parse of the body (when only the registry, an article's corrections or
our code changed), and only then the model.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..cache import annotation_key, doc_key, registry_fingerprint
from ..editorial import corrections_naming
from ..model import Actor, Annotation, Article, Correction, Editorial

# Measured on a 2-core machine (docs/performance.md): a worker forked with the model
# loaded starts in about 50 ms and a parse costs 50-90 ms an article, so a second process
# pays from about 8 articles. A worker that loads the model itself (no safe fork) pays
# about 2 s first: from about 40 articles.
MIN_ARTICLES_PER_FORKED_PROCESS = 8
MIN_ARTICLES_PER_LOADING_PROCESS = 40
# Several batches per process keep them all busy to the end.
BATCHES_PER_PROCESS = 4

T = TypeVar("T")


@dataclass(frozen=True)
class Keys:
    """The cache keys of one article: its parse and its annotation."""

    doc: str
    annotation: str


@dataclass(frozen=True)
class Plan:
    """Where each article's annotation comes from, by index into the build's articles."""

    found: Mapping[int, Annotation] = field(default_factory=dict)  # memory or disk
    from_memory: int = 0
    stored: tuple[int, ...] = ()  # parse on disk: annotate from it, no model
    unparsed: tuple[int, ...] = ()  # the model parses these

    @property
    def from_disk(self) -> int:
        """Annotations read from the disk cache."""
        return len(self.found) - self.from_memory

    @property
    def missing(self) -> tuple[int, ...]:
        """Every article whose annotation is computed in this build."""
        return tuple(sorted((*self.stored, *self.unparsed)))


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class KnownKeys:
    """The keys of some articles, by the article's identity (an article is frozen: the same
    object, the same keys), with what else they were computed from: the pipeline's
    fingerprint, the registry (and its fingerprint) and the corrections; each article's
    entry holds it, the corrections that name it and its keys."""

    pipeline: str | None = None
    actors: Sequence[Actor] | None = None
    registry: str | None = None
    corrections: Sequence[Correction] = ()
    entries: Mapping[int, tuple[Article, tuple[Correction, ...], Keys]] = field(
        default_factory=dict
    )
    keys: tuple[Keys, ...] = ()  # of the articles, in the order given


def article_keys(articles: Sequence[Article], editorial: Editorial, pipeline: str) -> list[Keys]:
    """The cache keys of every article (``pipeline``: the model and parsing code's
    fingerprint)."""
    return list(known_keys(articles, editorial, pipeline).keys)


def known_keys(
    articles: Sequence[Article],
    editorial: Editorial,
    pipeline: str,
    previous: KnownKeys | None = None,
) -> KnownKeys:
    """The keys of every article, as :func:`article_keys`; the keys of an article that
    ``previous`` holds (the same object) are taken from it when they were computed with the
    same pipeline, registry and corrections naming the article. Only ``articles`` are kept."""
    prior = previous if previous is not None and previous.pipeline == pipeline else KnownKeys()
    if prior.actors is editorial.actors and prior.registry is not None:
        registry = prior.registry  # the same registry: its fingerprint does not change
    else:
        registry = registry_fingerprint(editorial.actors)
    reusable = prior.entries if prior.registry == registry else {}
    same_corrections = prior.corrections == editorial.corrections
    entries: dict[int, tuple[Article, tuple[Correction, ...], Keys]] = {}
    keys = []
    for article in articles:
        entry = reusable.get(id(article))
        if entry is None or not same_corrections:
            corrections = tuple(corrections_naming(article, editorial.corrections))
            if entry is None or entry[1] != corrections:
                parse = doc_key(article.body, pipeline)
                annotation = annotation_key(article, parse, registry, corrections)
                entry = (article, corrections, Keys(parse, annotation))
        entries[id(article)] = entry
        keys.append(entry[2])
    return KnownKeys(
        pipeline, editorial.actors, registry, editorial.corrections, entries, tuple(keys)
    )


def make_plan(
    keys: Sequence[Keys],
    memory: Mapping[str, Annotation],
    stored_annotation: Callable[[str], Annotation | None] | None,
    has_doc: Callable[[str], bool] | None,
) -> Plan:
    """Which articles (by their ``keys``) come from ``memory``, from the disk (the two
    look-ups; None: no cache), from a stored parse, and which need the model."""
    found: dict[int, Annotation] = {}
    from_memory = 0
    stored: list[int] = []
    unparsed: list[int] = []
    for index, key in enumerate(keys):
        annotation = memory.get(key.annotation)
        if annotation is not None:
            from_memory += 1
        elif stored_annotation is not None:
            annotation = stored_annotation(key.annotation)
        if annotation is not None:
            found[index] = annotation
        elif has_doc is not None and has_doc(key.doc):
            stored.append(index)
        else:
            unparsed.append(index)
    return Plan(found, from_memory, tuple(stored), tuple(unparsed))


def processes_for(count: int, workers: int, loading: bool) -> int:
    """Processes for parsing ``count`` texts: up to ``workers``, as many as the batch
    repays; ``loading``: each process loads the model itself (no fork of a loaded one)."""
    least = MIN_ARTICLES_PER_LOADING_PROCESS if loading else MIN_ARTICLES_PER_FORKED_PROCESS
    return max(1, min(workers, count // least))


def batch_for(count: int, processes: int, batch_size: int) -> int:
    """The batch size for ``count`` texts on ``processes``: at most ``batch_size``, and
    small enough that each process gets several batches."""
    if processes == 1:
        return batch_size
    return max(1, min(batch_size, math.ceil(count / (processes * BATCHES_PER_PROCESS))))


def chunks(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` in consecutive chunks of ``size`` (the last one shorter)."""
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]
