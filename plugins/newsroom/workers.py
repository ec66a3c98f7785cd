"""Annotation in other processes, forked from the build so that they share what it loaded.

- **Workers** parse and annotate a share of the articles (:func:`annotate_chunk`), in a
  pool forked once the model is loaded.
- **The model helper** (:class:`ModelHelper`) is forked as a ``mkdocs build`` starts when
  articles will need the model: it imports spaCy and loads the model (about 2 s) on another
  core while MkDocs starts and the build reads the articles and their cached annotations,
  then annotates what the build sends it (with workers of its own for many articles). The
  build itself never loads the model then."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import multiprocessing
import pickle
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Annotation, Article, Block, Editorial

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from spacy.language import Language

    from .annotator import Annotator

# What warm_up() annotates: a date, a place and a claim wake every lazy part up.
WARM_UP_NAME = "preload"
WARM_UP_TEXT = "Officials in Seoul said on Tuesday that the talks would resume next week."

Result = tuple[int, bytes, Annotation]  # index, stored parse (b"" when not kept), annotation


def warm_up(nlp: Language, resolver: Language, editorial: Editorial) -> None:
    """Annotate one short text: the first article would otherwise pay for importing the
    annotation code and for the date parser's first use, which compiles its time-zone
    patterns (0.4-0.8 s in all, measured on this project's machine)."""
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


def annotate_chunk(indices: list[int]) -> bytes:
    """In a worker: parse and annotate the articles at ``indices``; their stored parse
    (before the resolver adds to the Doc) and annotations go back pickled, as a list of
    :data:`Result` (so that the model helper passes them on without unpickling them)."""
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
    return pickle.dumps(results, pickle.HIGHEST_PROTOCOL)


def run(job: Job, indices: Sequence[int], processes: int) -> Iterator[bytes]:
    """Annotate ``job``'s articles at ``indices``, a batch at a time, in this process or in
    a pool of ``processes`` forked from it (sharing what it has loaded): each batch's
    results, pickled, as :func:`annotate_chunk` returns them."""
    global JOB
    size = job.batch_size
    chunks = [list(indices[i : i + size]) for i in range(0, len(indices), size)]
    JOB = job
    try:
        if processes == 1:
            yield from map(annotate_chunk, chunks)
        else:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                yield from pool.imap(annotate_chunk, chunks)
    finally:
        JOB = None


# What the model helper sends: a tag, then the payload.
CHUNK, DONE, FAILED = b"c", b"d", b"f"
STOP_SECONDS = 10  # how long a helper stopped in the middle of its work may take to exit


class ModelHelper:
    """A process forked as a build starts, to load the model while the build reads the
    project, then annotate the articles the build sends it.

    It plans its processes as the build would (forking workers of its own for many
    articles) and sends the results back a chunk at a time. It is only a head start: where
    it cannot be forked, fails or dies, the build annotates what it did not receive (and
    reports any error, such as a missing model, as it always does).
    """

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self._process = process
        self._connection = connection
        self._cpu = time.process_time()  # the build's CPU time when the helper started
        self.failure = ""  # why the results stopped short, when they did
        self.processes = 1  # how many processes parsed, once it is done
        self._busy = False  # sent articles, not yet done with them

    @classmethod
    def start(cls, annotator: Annotator) -> ModelHelper | None:
        """Fork the helper with a copy of ``annotator`` (its options and cache); None where
        processes cannot be forked safely (no ``fork`` start method, or other threads
        running in this process)."""
        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            return None
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        # Not a daemon: daemons may not fork workers. It is stopped when the build ends
        # (or at exit), and stops itself when it sees this process gone.
        process = context.Process(
            target=_help, args=(theirs, ours, annotator), name="briefings-model"
        )
        try:
            process.start()
        except OSError:
            ours.close()
            theirs.close()
            return None
        theirs.close()  # the helper's end: when the helper exits, a read here sees EOF
        helper = cls(process, ours)
        atexit.register(helper.close)
        return helper

    def annotate(
        self, articles: Sequence[Article], editorial: Editorial, keep_parse: bool
    ) -> Generator[list[Result], None, None]:
        """Parse and annotate ``articles`` in the helper, waiting for its model; results
        come a chunk at a time, their indices into ``articles``. When they stop short,
        :attr:`failure` says why. Closes the helper."""
        build_cpu = time.process_time() - self._cpu
        try:
            with contextlib.suppress(OSError):  # it has exited: its reason may be waiting
                self._connection.send((tuple(articles), editorial, keep_parse, build_cpu))
                self._busy = True
            while True:
                message = self._connection.recv_bytes()
                tag, payload = message[:1], message[1:]
                if tag == CHUNK:
                    yield pickle.loads(payload)
                    continue
                self._busy = False
                if tag == DONE:
                    self.processes = int(payload)
                else:
                    self.failure = payload.decode("utf-8", "replace")
                return
        except (OSError, EOFError, ValueError, pickle.UnpicklingError) as error:
            self.failure = f"{type(error).__name__}: {error}" if str(error) else "it exited"
        finally:
            self.close()

    def close(self) -> None:
        """Stop the helper (if still running) and reap it. One stopped while it works for
        the build sees its connection closed, and stops its own workers before it exits."""
        atexit.unregister(self.close)
        with contextlib.suppress(OSError):
            self._connection.close()
        if self._busy:
            self._process.join(timeout=STOP_SECONDS)
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=STOP_SECONDS)


def _help(connection: Connection, theirs: Connection, annotator: Annotator) -> None:
    """The helper process: load the model and wake the annotation code, then annotate what
    the build sends. A failure is sent back as such; the build then does the rest."""
    from .annotator import CpuSample

    since = CpuSample.take()
    theirs.close()  # the build's end: if the build exits, recv() here sees EOF
    try:
        from .nlp.actors import build_resolver

        nlp = annotator.nlp
        warm_up(nlp, build_resolver((), nlp), Editorial())
        articles, editorial, keep_parse, build_cpu = connection.recv()
        processes, batch_size = annotator.plan(len(articles), since, build_cpu)
        resolver = build_resolver(editorial.actors, nlp)
        job = Job(nlp, resolver, articles, editorial, keep_parse, batch_size)
        for data in run(job, range(len(articles)), processes):
            connection.send_bytes(CHUNK + data)
        connection.send_bytes(DONE + str(processes).encode())
    except EOFError:  # the build went on without the helper
        return
    except BaseException as error:  # the build redoes the work and reports the error
        with contextlib.suppress(OSError, ValueError):
            connection.send_bytes(FAILED + f"{type(error).__name__}: {error}".encode())
