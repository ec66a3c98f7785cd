"""Annotation in other processes, forked from the build so that they share what it loaded.

- **Workers** parse and annotate a share of a cold build's articles (:func:`annotate_chunk`,
  run by a process pool the annotator forks with the model loaded).
- **The model helper** (:class:`ModelHelper`) is forked at the start of a build that expects
  a few new articles: it imports spaCy and loads the model (about 2 s) on another core while
  MkDocs reads the configuration and this process loads the articles and their cached
  annotations, then annotates the articles it is sent. The build itself never loads the
  model then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Annotation, Article, Block, Editorial

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from spacy.language import Language

# What warm_up() annotates: a date, a place and a claim wake every lazy part up.
WARM_UP_NAME = "preload"
WARM_UP_TEXT = "Officials in Seoul said on Tuesday that the talks would resume next week."

Result = tuple[int, bytes, Annotation]  # index, stored parse (b"" when not kept), annotation


def warm_up(nlp: Language, resolver: Language, editorial: Editorial) -> None:
    """Annotate one short text: the first article would otherwise pay for importing the
    annotation code and for the date parser's patterns (about 0.15 s once imported)."""
    from .nlp.annotate import annotate

    article = Article(
        path=Path(WARM_UP_NAME),
        slug=WARM_UP_NAME,
        title=WARM_UP_NAME,
        body=WARM_UP_TEXT,
        blocks=(Block("paragraph", 0, len(WARM_UP_TEXT)),),
        date=dt.date.today(),
    )
    annotate(article, nlp(WARM_UP_TEXT), resolver, editorial)


@dataclass(frozen=True)
class Job:
    """What forked workers need: set in the parent just before the fork, read in the child."""

    nlp: Language
    resolver: Language
    articles: Sequence[Article]
    editorial: Editorial
    keep_parse: bool
    batch_size: int


JOB: Job | None = None


def annotate_chunk(indices: list[int]) -> list[Result]:
    """In a worker: parse and annotate the articles at ``indices``; their stored parse
    (before the resolver adds to the Doc) and annotation go back to the parent."""
    from .cache import doc_to_bytes
    from .nlp.annotate import annotate
    from .nlp.pipeline import parse

    job = JOB
    if job is None:
        raise RuntimeError("annotation worker started without a job")
    results = []
    docs = parse(job.nlp, (job.articles[i].body for i in indices), job.batch_size)
    for index, doc in zip(indices, docs, strict=True):
        stored = doc_to_bytes(doc) if job.keep_parse else b""
        results.append(
            (index, stored, annotate(job.articles[index], doc, job.resolver, job.editorial))
        )
    return results


class ModelHelper:
    """A process forked early in a build to load the model, then annotate a few articles.

    It is only a head start: when it cannot be forked, fails or dies, :meth:`annotate`
    returns None and the build annotates the articles itself (and reports any error, such
    as a missing model, as it always does).
    """

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self._process = process
        self._connection = connection
        self.failure = ""  # why annotate() returned None

    @classmethod
    def start(cls, model: str | None) -> ModelHelper | None:
        """Fork the helper; None where processes cannot be forked safely (no ``fork`` start
        method, or other threads running in this process)."""
        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            return None
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_help, args=(theirs, ours, model), name="briefings-model", daemon=True
        )
        try:
            process.start()
        except OSError:
            ours.close()
            theirs.close()
            return None
        theirs.close()  # the helper's end: when the helper exits, recv() here sees EOF
        return cls(process, ours)

    def annotate(
        self, articles: Sequence[Article], editorial: Editorial, keep_parse: bool, batch_size: int
    ) -> list[Result] | None:
        """Parse and annotate ``articles`` in the helper (waiting for its model); indices in
        the results are into ``articles``. None when the helper failed. Closes the helper."""
        try:
            with contextlib.suppress(OSError):  # it has exited: its reason may be waiting
                self._connection.send((tuple(articles), editorial, keep_parse, batch_size))
            status, payload = self._connection.recv()
        except (OSError, EOFError, ValueError) as error:  # it died, or sent something broken
            self.failure = f"{type(error).__name__}: {error}" if str(error) else "it exited"
            return None
        finally:
            self.close()
        if status != "done":
            self.failure = str(payload)
            return None
        return list(payload)

    def close(self) -> None:
        """Stop the helper (if still running) and reap it."""
        with contextlib.suppress(OSError):
            self._connection.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)


def _help(connection: Connection, theirs: Connection, model: str | None) -> None:
    """The helper process: load the model and wake the annotation code, then annotate what
    the build sends. Any failure is sent back as such; the build then does the work."""
    global JOB
    theirs.close()  # the build's end: if the build exits, recv() here sees EOF
    try:
        from .nlp.actors import build_resolver
        from .nlp.pipeline import load_model

        nlp = load_model(model)
        warm_up(nlp, build_resolver((), nlp), Editorial())
        articles, editorial, keep_parse, batch_size = connection.recv()
        resolver = build_resolver(editorial.actors, nlp)
        JOB = Job(nlp, resolver, articles, editorial, keep_parse, batch_size)
        reply: tuple[str, Any] = ("done", annotate_chunk(list(range(len(articles)))))
    except EOFError:  # the build went on without the helper
        return
    except BaseException as error:  # the build redoes the work and reports the error
        reply = ("failed", f"{type(error).__name__}: {error}")
    with contextlib.suppress(OSError, ValueError):
        connection.send(reply)
