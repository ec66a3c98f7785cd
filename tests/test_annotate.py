"""Tests for the annotate stage: the plan, the one run path (here or in a pool), preload."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLE, copy_project
from spacy.language import Language

from newsroom.annotate import Annotator, plan
from newsroom.annotate.plan import (
    Keys,
    batch_for,
    chunks,
    known_keys,
    make_plan,
    processes_for,
)
from newsroom.annotate.run import Task, can_fork, run_local
from newsroom.cache import AnnotationCache, annotation_key, pipeline_fingerprint
from newsroom.model import Annotation, Article, Correction, Editorial

FIXTURES = ROOT / "tests" / "fixtures" / "eval"


@pytest.fixture(scope="module")
def many(articles: tuple[Article, ...]) -> list[Article]:
    """Sixteen articles (the sample four times over): enough for two forked workers."""
    return [
        dataclasses.replace(article, path=Path(f"{copy}-{article.path.name}"))
        for copy in range(4)
        for article in articles
    ]


def forbid_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, loading the model fails the test."""

    def load_model(name: str | None = None) -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)


# --- the plan (pure) -------------------------------------------------------------------------


def test_the_plan_takes_memory_then_disk_then_stored_parses_then_the_model() -> None:
    """Each article comes from the cheapest place that holds it."""
    keys = [Keys(f"d{i}", f"a{i}") for i in range(4)]
    memory = {"a0": Annotation()}
    disk = {"a0": Annotation(), "a1": Annotation()}
    plan = make_plan(keys, memory, disk.get, {"d0", "d2"}.__contains__)
    assert sorted(plan.found) == [0, 1]
    assert (plan.from_memory, plan.from_disk) == (1, 1)
    assert (plan.stored, plan.unparsed, plan.missing) == ((2,), (3,), (2, 3))


def test_without_a_cache_the_plan_parses_everything() -> None:
    """No cache: no memory or disk look-up, every article goes to the model."""
    keys = [Keys(f"d{i}", f"a{i}") for i in range(3)]
    plan = make_plan(keys, {}, None, None)
    assert (plan.found, plan.stored, plan.unparsed) == ({}, (), (0, 1, 2))


@pytest.mark.parametrize(
    ("workers", "count", "loading", "expected"),
    [
        (2, 1, False, (1, 32)),
        (2, 15, False, (1, 32)),
        (2, 16, False, (2, 2)),
        (2, 400, False, (2, 32)),
        (4, 40, False, (4, 3)),
        (1, 1600, False, (1, 32)),
        (2, 79, True, (1, 32)),
        (2, 80, True, (2, 10)),
    ],
)
def test_worker_processes_only_for_batches_that_repay_them(
    workers: int, count: int, loading: bool, expected: tuple[int, int]
) -> None:
    """Forked workers from 8 articles each, workers loading their own model from 40, with
    batches small enough that every process gets several."""
    processes = processes_for(count, workers, loading)
    assert (processes, batch_for(count, processes, 32)) == expected


def test_chunks_cover_every_item_in_order() -> None:
    """Consecutive chunks, the last one shorter, nothing lost."""
    assert chunks([1, 2, 3, 4, 5], 2) == [(1, 2), (3, 4), (5,)]
    assert chunks([], 3) == []


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the articles whose annotation key is computed from now on."""
    calls: list[str] = []

    def counted(article: Article, *args: Any) -> str:
        calls.append(article.title)
        return annotation_key(article, *args)

    monkeypatch.setattr(plan, "annotation_key", counted)
    return calls


def test_keys_given_again_are_those_computed_afresh_and_only_new_ones_are_computed(
    articles: tuple[Article, ...], editorial: Editorial, computed: list[str]
) -> None:
    """The same articles again: no key computed; an edited one: its key only; every time
    the keys a fresh computation gives, and only the articles given are kept."""
    pipeline = pipeline_fingerprint(None)
    first = known_keys(articles, editorial, pipeline)
    afresh = plan.article_keys(articles, editorial, pipeline)
    computed.clear()
    again = known_keys(articles, editorial, pipeline, first)
    assert computed == [] and list(again.keys) == afresh
    edited = dataclasses.replace(articles[0], title="Another headline")
    changed = [*articles[1:], edited]
    third = known_keys(changed, editorial, pipeline, again)
    assert computed == ["Another headline"]
    assert list(third.keys) == plan.article_keys(changed, editorial, pipeline)
    assert third.keys[-1].doc == afresh[0].doc and third.keys[-1].annotation != afresh[0].annotation
    assert sorted(third.entries) == sorted(id(article) for article in changed)


def test_keys_given_again_follow_the_registry_corrections_and_pipeline(
    articles: tuple[Article, ...], editorial: Editorial, computed: list[str]
) -> None:
    """Another registry changes every annotation key, a correction naming one article that
    article's, another pipeline every key: as a fresh computation does."""
    pipeline = pipeline_fingerprint(None)
    first = known_keys(articles, editorial, pipeline)
    before = list(first.keys)
    fewer = dataclasses.replace(editorial, actors=editorial.actors[1:])
    registry = known_keys(articles, fewer, pipeline, first)
    assert list(registry.keys) == plan.article_keys(articles, fewer, pipeline)
    assert [k.doc for k in registry.keys] == [k.doc for k in before]
    assert all(k.annotation != old.annotation for k, old in zip(registry.keys, before, strict=True))
    correction = Correction(articles[1].slug, "Kim", None)
    corrected = dataclasses.replace(editorial, corrections=(*editorial.corrections, correction))
    computed.clear()
    named = known_keys(articles, corrected, pipeline, first)
    assert computed == [articles[1].title]
    assert list(named.keys) == plan.article_keys(articles, corrected, pipeline)
    assert [k == old for k, old in zip(named.keys, before, strict=True)] == [
        i != 1 for i in range(len(articles))
    ]
    other = known_keys(articles, editorial, "another pipeline", first)
    assert list(other.keys) == plan.article_keys(articles, editorial, "another pipeline")
    assert all(k.doc != old.doc for k, old in zip(other.keys, before, strict=True))


def test_the_annotator_computes_the_keys_of_new_articles_only(
    articles: tuple[Article, ...], editorial: Editorial, computed: list[str]
) -> None:
    """Across calls (serve rebuilds), the annotator computes the keys of new articles only."""
    annotator = Annotator()
    annotator.keys(articles, editorial)
    computed.clear()
    assert annotator.keys(articles, editorial) == Annotator().keys(articles, editorial)
    assert len(computed) == len(articles)  # by the second annotator only


# --- running ---------------------------------------------------------------------------------


def test_forked_workers_annotate_exactly_like_one_process(
    tmp_path: Path,
    loads: list[str | None],
    many: list[Article],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pool forked with the loaded model annotates like one process, and its workers store
    entries a later build reads without the model."""
    single = Annotator(workers=1).annotate(many, editorial)
    parallel = Annotator(workers=2, cache=AnnotationCache(tmp_path))
    assert can_fork()
    assert parallel.annotate(many, editorial) == single
    assert parallel.report is not None and parallel.report.processes == 2
    assert loads == [None, None]  # one per annotator: the workers inherited theirs
    forbid_model(monkeypatch)
    assert Annotator(cache=AnnotationCache(tmp_path)).annotate(many, editorial) == single


def test_with_another_thread_running_workers_are_spawned_and_load_their_own_model(
    tmp_path: Path, nlp: Language, articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """No fork while a thread runs (it could hold a lock the child inherits): spawned
    workers load the model themselves and annotate the same."""
    expected = [b.annotation for b in Annotator(nlp=nlp).annotate(articles, editorial)]
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not can_fork()
        keys = Annotator().keys(articles, editorial)
        items = list(zip(articles, keys, strict=True))
        task = Task(None, editorial, tmp_path, 2)
        batches = chunks(items, 2)
        results = list(run_local(task, batches, 2, None, None, None))
    finally:
        stop.set()
        thread.join()
    assert [a for batch in results for a in batch] == expected
    assert len(list(tmp_path.rglob("*.json"))) == len(articles)  # written by the workers


def test_a_pool_stopped_in_the_middle_leaves_no_process_behind(
    loads: list[str | None], nlp: Language, many: list[Article], editorial: Editorial
) -> None:
    """A build that stops reading the results (an error, an interrupt) stops the pool."""
    annotator = Annotator(nlp=nlp)
    keys = annotator.keys(many, editorial)
    resolver = annotator.resolver(editorial.actors)
    task = Task(None, editorial, None, 2)
    results = run_local(task, chunks(list(zip(many, keys, strict=True)), 2), 2, nlp, resolver, None)
    assert next(results)
    assert len(multiprocessing.active_children()) == 2
    results.close()
    assert multiprocessing.active_children() == []


def test_progress_hears_of_every_article_once(
    tmp_path: Path, loads: list[str | None], articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """Cached, re-derived and parsed articles all count, each once."""
    cache = AnnotationCache(tmp_path)
    Annotator(cache=cache).annotate(articles[:2], editorial)
    heard: list[int] = []
    annotator = Annotator(cache=cache)
    annotator.annotate(articles, editorial, progress=heard.append)
    assert sum(heard) == len(articles)
    assert annotator.report is not None and annotator.report.from_disk == 2


def test_preload_readies_the_model_and_swallows_a_missing_model(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Preload loads the model off the build thread; a missing model stays silent, for the
    build that needs it to report."""
    Annotator(cache=AnnotationCache(tmp_path)).annotate(articles[:1], editorial)
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    annotator.annotate(articles[:1], editorial)
    assert not annotator.model_loaded
    annotator.preload().join(timeout=60)
    assert annotator.model_loaded
    assert loads == [None, None]
    forbid_model(monkeypatch)
    failing = Annotator()
    failing.preload().join(timeout=60)
    assert not failing.model_loaded


def test_an_unknown_executor_is_refused() -> None:
    """A typo in ``executor`` is an error that names the choices."""
    with pytest.raises(ValueError, match="local, dask"):
        Annotator(executor="ray")


def test_mkdocs_build_annotates_only_the_new_article(tmp_path: Path) -> None:
    """The real command, in fresh processes: after a first build, a build with one more
    article annotates that one and reads the other from the cache."""
    project = copy_project(tmp_path)

    def mkdocs_build() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stderr

    assert "2 annotated, 0 from cache" in mkdocs_build()  # the seed and the topic's background
    (project / "seeds" / SAMPLE[2]).write_bytes((FIXTURES / SAMPLE[2]).read_bytes())
    assert "1 annotated, 2 from cache" in mkdocs_build()
    assert len(list((project / "site" / "briefings").glob("*/index.html"))) == 2


def test_the_stage_logs_what_it_did(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
) -> None:
    """The report line says how many were annotated and how many came from the cache."""
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    annotator.annotate(articles, editorial)
    assert str(annotator.report).startswith(f"{len(articles)} annotated, 0 from cache in ")
    annotator.annotate(articles[:2], editorial)
    assert str(annotator.report).startswith("0 annotated, 2 from cache in ")


def test_the_annotate_stage_imports_only_lower_layers_and_dask_only_in_cluster() -> None:
    """annotate/ reaches down (cache, model, nlp, its own modules), never up to the corpus,
    pages, plugin or CLI; only cluster.py names Dask, and plan.py never imports spaCy."""
    import ast

    package = ROOT / "plugins" / "newsroom" / "annotate"
    allowed = {"cache", "model", "config", "editorial", "seeds", "nlp", "annotate"}
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                top = "annotate" if node.level == 1 else (node.module or "").split(".")[0]
                assert top in allowed, f"{path.name} imports {node.module} (level {node.level})"
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import | ast.ImportFrom)
                else []
            )
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for name in [*names, module or ""]:
                if name.split(".")[0] in ("dask", "distributed"):
                    assert path.name == "cluster.py", f"{path.name} imports {name}"
                if name.split(".")[0] == "spacy":
                    assert path.name != "plan.py"
        assert len(path.read_text("utf-8").splitlines()) <= 400, f"{path.name} is too long"
