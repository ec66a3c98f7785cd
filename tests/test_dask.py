"""Tests for the annotate stage on Dask: a 2-worker LocalCluster on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_project
from spacy.language import Language

from newsroom.annotate import Annotator
from newsroom.annotate.cluster import local_cluster
from newsroom.cache import AnnotationCache
from newsroom.cli import main
from newsroom.editorial import load_editorial
from newsroom.model import Article, Editorial
from newsroom.seeds import load_articles

distributed = pytest.importorskip("distributed", reason="needs the dask extra installed")

FIXTURES = ROOT / "tests" / "fixtures" / "eval"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two worker processes on this machine, no dashboard: the plugin's local cluster."""
    with local_cluster(2) as local:
        yield local


def worker_settings() -> tuple[object, object, object]:
    """In a worker: its profiler setting, the trim threshold and one thread count."""
    import os

    import dask

    return (
        dask.config.get("distributed.worker.profile.enabled"),
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        os.environ.get("OMP_NUM_THREADS"),
    )


def test_the_local_cluster_is_set_up_for_parsing(cluster: Any) -> None:
    """Its workers run no profiler and keep glibc's own memory trimming; one thread each."""
    with distributed.Client(cluster) as client:
        found = client.run(worker_settings)
    assert len(found) == 2
    assert set(found.values()) == {(False, None, "1")}


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    """Every evaluation fixture and the seed, twice over (different files, same texts)."""
    articles = [*load_articles(FIXTURES).articles, *load_articles(ROOT / "seeds").articles]
    return [
        dataclasses.replace(article, path=Path(f"{copy}-{article.path.name}"))
        for copy in range(2)
        for article in articles
    ]


@pytest.fixture(scope="module")
def editorial() -> Editorial:
    """The project's own editorial layer."""
    return load_editorial(ROOT / "briefings").editorial


def test_dask_annotates_exactly_like_the_local_path_and_fills_the_same_cache(
    tmp_path: Path,
    cluster: Any,
    nlp: Language,
    corpus: list[Article],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Same briefings as one local process; the workers wrote every entry to the shared
    cache folder, so a local build afterwards is warm and never loads the model."""
    local = Annotator(nlp=nlp).annotate(corpus, editorial)
    annotator = Annotator(
        executor="dask",
        scheduler_address=cluster.scheduler_address,
        cache=AnnotationCache(tmp_path),
    )
    heard: list[int] = []
    assert annotator.annotate(corpus, editorial, progress=heard.append) == local
    report = annotator.report
    assert report is not None and not report.model_loaded
    assert (report.executor, report.processes, report.parsed) == ("dask", 2, len(corpus))
    assert "on 2 Dask workers at tcp://127.0.0.1:" in str(report)
    assert sum(heard) == len(corpus)

    def load_model(name: str | None = None) -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)
    warm = Annotator(cache=AnnotationCache(tmp_path))
    assert warm.annotate(corpus, editorial) == local
    assert warm.report is not None and warm.report.from_disk == len(corpus)


def test_a_registry_change_re_derives_from_the_parses_the_workers_stored(
    tmp_path: Path, cluster: Any, nlp: Language, corpus: list[Article], editorial: Editorial
) -> None:
    """A second run with another registry: the parses the workers stored serve, and
    nothing goes to the model again."""
    address = cluster.scheduler_address
    Annotator(executor="dask", scheduler_address=address, cache=AnnotationCache(tmp_path)).annotate(
        corpus[:4], editorial
    )
    changed = dataclasses.replace(editorial, actors=editorial.actors[1:])
    again = Annotator(executor="dask", scheduler_address=address, cache=AnnotationCache(tmp_path))
    assert again.annotate(corpus[:4], changed) == Annotator(nlp=nlp).annotate(corpus[:4], changed)
    assert again.report is not None and (again.report.annotated, again.report.parsed) == (4, 0)


def test_without_the_option_dask_is_never_imported() -> None:
    """The plugin and the annotate stage import neither dask nor distributed."""
    code = (
        "import sys, newsroom.plugin, newsroom.annotate, newsroom.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_briefings_annotate_on_the_cluster_makes_the_next_build_warm(
    tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``briefings annotate --scheduler-address`` has the workers fill the project's cache."""
    project = copy_project(tmp_path)
    config = str(project / "mkdocs.yml")
    out = io.StringIO()
    address = cluster.scheduler_address
    argv = ["annotate", "--config", config, "--quiet", "--scheduler-address", address]
    assert main(argv, out, io.StringIO()) == 0
    # the seed and the topic's background
    assert "2 annotated, 0 from cache" in out.getvalue() and "Dask workers" in out.getvalue()

    def load_model(name: str | None = None) -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)
    out = io.StringIO()
    assert main(["annotate", "--config", config, "--quiet"], out, io.StringIO()) == 0
    assert "0 annotated, 2 from cache" in out.getvalue()


def test_a_scheduler_out_of_reach_is_one_clear_error(
    tmp_path: Path, corpus: list[Article], editorial: Editorial, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No scheduler at the address: an error naming it and the options to check."""
    from newsroom.annotate.cluster import DaskUnavailable

    monkeypatch.setattr("newsroom.annotate.cluster.CONNECT_SECONDS", 1)
    annotator = Annotator(executor="dask", scheduler_address="tcp://127.0.0.1:9")
    with pytest.raises(DaskUnavailable, match=r"tcp://127\.0\.0\.1:9 .*scheduler_address"):
        annotator.annotate(corpus[:1], editorial)
