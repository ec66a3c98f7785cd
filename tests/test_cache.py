"""Tests for the content-hash annotation cache and the lazy model."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project
from spacy.language import Language

from newsroom import annotator
from newsroom.annotator import Annotator
from newsroom.cache import (
    AnnotationCache,
    annotation_from_json,
    annotation_to_json,
    doc_from_bytes,
    doc_to_bytes,
)
from newsroom.editorial import load_editorial
from newsroom.model import Actor, Annotation, Article, Briefing, Editorial
from newsroom.nlp.actors import build_resolver, registry_patterns
from newsroom.nlp.annotate import annotate
from newsroom.nlp.pipeline import ModelNotFound
from newsroom.seeds import load_articles
from newsroom.workers import ModelHelper

FIXTURES = ROOT / "tests" / "fixtures" / "eval"
SAMPLE = ("beijing-parade.md", "kim-yo-jong-rejects-seoul.md", "nis-kursk-casualties.md")


@pytest.fixture(scope="module")
def articles() -> tuple[Article, ...]:
    """Three evaluation articles and the seed."""
    fixtures = load_articles(FIXTURES).articles
    chosen = tuple(a for a in fixtures if a.path.name in SAMPLE)
    return (*chosen, *load_articles(ROOT / "seeds").articles)


@pytest.fixture(scope="module")
def editorial() -> Editorial:
    """The project's own editorial layer."""
    return load_editorial(ROOT / "briefings").editorial


def forbid_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, loading the model fails the test."""

    def load_model(name: str | None = None) -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)


def cache_files(root: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if p.is_file())


def test_annotation_survives_a_json_round_trip(
    loads: list[str | None], articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """Every part of an annotation comes back from JSON equal, tuples as tuples."""
    for briefing in Annotator().annotate(articles, editorial):
        restored = annotation_from_json(annotation_to_json(briefing.annotation))
        assert restored == briefing.annotation
        assert all(
            isinstance(getattr(restored, f.name), tuple) for f in dataclasses.fields(restored)
        )


def test_a_stored_parse_annotates_exactly_like_a_fresh_one(
    nlp: Language, articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """A Doc restored into a blank vocabulary gives the same annotation as the model's Doc."""
    resolver = build_resolver(editorial.actors)
    for article in articles:
        fresh = annotate(article, nlp(article.body), resolver, editorial)
        stored = doc_from_bytes(doc_to_bytes(nlp(article.body)), resolver.vocab)
        assert annotate(article, stored, resolver, editorial) == fresh


def test_a_resolver_on_the_models_tokenizer_annotates_like_a_blank_one(
    nlp: Language, articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """Where the model is loaded the resolver shares its vocabulary and tokenizer; every
    registry name splits into the same tokens, and every annotation comes out the same."""
    blank, shared = build_resolver(editorial.actors), build_resolver(editorial.actors, nlp)
    assert shared.vocab is nlp.vocab and blank.vocab is not nlp.vocab
    for pattern in registry_patterns(editorial.actors):
        if isinstance(pattern["pattern"], str):
            text = pattern["pattern"]
            assert [t.text for t in blank.make_doc(text)] == [t.text for t in nlp.make_doc(text)]
    for article in articles:
        expected = annotate(article, nlp(article.body), blank, editorial)
        assert annotate(article, nlp(article.body), shared, editorial) == expected


def test_second_annotator_reads_the_disk_and_never_loads_the_model(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A cold run stores every article silently; a fresh annotator reads them with no model."""
    with caplog.at_level(logging.WARNING):
        first = Annotator(cache=AnnotationCache(tmp_path)).annotate(articles, editorial)
    assert not caplog.records  # a missing entry is a plain miss
    assert loads == [None]
    assert (
        len(cache_files(tmp_path, "*.json")) == len(cache_files(tmp_path, "*.doc")) == len(articles)
    )
    forbid_model(monkeypatch)
    warm = Annotator(cache=AnnotationCache(tmp_path))
    assert warm.annotate(articles, editorial) == first
    assert warm._nlp is None
    assert warm.report is not None and warm.report.from_disk == len(articles)


def test_serve_rebuilds_reuse_memory_and_annotate_only_the_edited_article(
    tmp_path: Path, loads: list[str | None], articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """An unchanged rebuild reads no entry from disk; editing one article annotates only it."""
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    annotator.annotate(articles, editorial)
    annotator.cache = ExplodingCache(tmp_path)
    annotator.annotate(articles, editorial)
    assert annotator.report is not None and annotator.report.from_memory == len(articles)
    annotator.cache = AnnotationCache(tmp_path)
    edited = [*articles[:-1], dataclasses.replace(articles[-1], body=articles[-1].body + " More.")]
    annotator.annotate(edited, editorial)
    report = annotator.report
    assert (report.annotated, report.parsed, report.from_memory) == (1, 1, len(articles) - 1)


class ExplodingCache(AnnotationCache):
    """A cache whose entries must not be read."""

    def get_annotation(self, key: str, article: Article | None = None) -> None:
        raise AssertionError("read from disk")


def test_registry_change_rederives_actors_from_stored_parses_without_the_model(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new registry actor changes the annotations, re-derived from the stored Docs."""
    Annotator(cache=AnnotationCache(tmp_path)).annotate(articles, editorial)
    fresh = Annotator().annotate  # the model's answer, for comparison
    tiananmen = Actor("tiananmen-square", "Tiananmen Square", "place", "A square in Beijing.")
    changed = dataclasses.replace(editorial, actors=(*editorial.actors, tiananmen))
    expected = fresh(articles, changed)
    forbid_model(monkeypatch)
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    briefings = annotator.annotate(articles, changed)
    assert briefings == expected
    assert annotator.report is not None
    assert (annotator.report.annotated, annotator.report.parsed) == (len(articles), 0)
    assert any(m.actor == "tiananmen-square" for b in briefings for m in b.annotation.mentions)


def test_date_is_part_of_the_annotation_key_but_not_of_the_parse(
    tmp_path: Path, loads: list[str | None], articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """Changing the publication date re-resolves dates from the stored parse."""
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    annotator.annotate(articles[:1], editorial)
    date = articles[0].date
    assert date is not None
    moved = dataclasses.replace(articles[0], date=date.replace(year=2024))
    (before,) = annotator.keys(articles[:1], editorial)
    (after,) = annotator.keys([moved], editorial)
    assert before.doc == after.doc and before.annotation != after.annotation
    annotator.annotate([moved], editorial)
    assert annotator.report is not None and (
        annotator.report.annotated,
        annotator.report.parsed,
    ) == (1, 0)


@pytest.mark.parametrize(
    ("damage", "parsed"),
    [
        pytest.param(lambda data: b"", 1, id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], 1, id="truncated"),
        pytest.param(lambda data: b"\x00garbage" + data, 1, id="garbage"),
        pytest.param(lambda data: data.replace(b'"mentions"', b'"mentionz"'), 0, id="wrong-shape"),
    ],
)
def test_damaged_entries_are_recomputed_with_a_warning(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[bytes], bytes],
    parsed: int,
) -> None:
    """A corrupt or truncated entry of either level is a warning and a recomputation."""
    first = Annotator(cache=AnnotationCache(tmp_path)).annotate(articles[:1], editorial)
    for entry in cache_files(tmp_path, "*.json") + cache_files(tmp_path, "*.doc"):
        entry.write_bytes(damage(entry.read_bytes()))
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    with caplog.at_level(logging.WARNING):
        assert annotator.annotate(articles[:1], editorial) == first
    assert any("unreadable" in r.getMessage() for r in caplog.records)
    assert annotator.report is not None
    assert (annotator.report.annotated, annotator.report.parsed) == (1, parsed)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        Annotator(cache=AnnotationCache(tmp_path)).annotate(articles[:1], editorial)
    assert not caplog.records  # the entries were rewritten whole


def test_writes_are_atomic_and_a_failed_write_leaves_nothing_behind(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Entries appear by rename only; a failed write leaves no file and warns once."""
    Annotator(cache=AnnotationCache(tmp_path / "ok")).annotate(articles[:2], editorial)
    assert not cache_files(tmp_path / "ok", "*.tmp")

    def failing_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with caplog.at_level(logging.WARNING):
        briefings = Annotator(cache=AnnotationCache(tmp_path / "full")).annotate(
            articles[:2], editorial
        )
    assert len(briefings) == 2
    assert [r.getMessage() for r in caplog.records if "cannot write" in r.getMessage()] != []
    assert len(caplog.records) == 1
    assert not cache_files(tmp_path / "full", "*.tmp")
    assert not cache_files(tmp_path / "full", "*.json")


def test_prune_keeps_what_is_used_and_clear_touches_only_cache_files(
    tmp_path: Path, loads: list[str | None], articles: tuple[Article, ...], editorial: Editorial
) -> None:
    """Prune drops entries of articles that are gone; clear leaves foreign files alone."""
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    annotator.annotate(articles, editorial)
    keys = annotator.keys(articles[1:], editorial)
    pruned = AnnotationCache(tmp_path).prune({k.doc for k in keys}, {k.annotation for k in keys})
    assert (pruned.docs, pruned.annotations) == (1, 1)
    assert len(cache_files(tmp_path, "*.json")) == len(articles) - 1
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    AnnotationCache(tmp_path).clear()
    assert [p.name for p in tmp_path.rglob("*")] == ["notes.txt"]


@pytest.mark.parametrize(
    ("workers", "count", "expected"),
    [
        (2, 1, (1, 32)),
        (2, 15, (1, 32)),
        (2, 16, (2, 2)),
        (2, 400, (2, 32)),
        (4, 40, (4, 3)),
        (1, 1600, (1, 32)),
    ],
)
def test_worker_processes_only_for_batches_that_repay_them(
    workers: int, count: int, expected: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several processes only from 8 articles each, with batches small enough to share."""
    monkeypatch.setattr("newsroom.annotator.idle_cores", lambda since, build_cpu: 8)
    assert Annotator(workers=workers, batch_size=32).plan(count) == expected


@pytest.fixture
def many(articles: tuple[Article, ...], monkeypatch: pytest.MonkeyPatch) -> list[Article]:
    """Sixteen articles (the sample four times over), on a machine with two idle cores:
    enough for two worker processes."""
    monkeypatch.setattr("newsroom.annotator.idle_cores", lambda since, build_cpu: 2)
    return [
        dataclasses.replace(article, path=Path(f"{copy}-{article.path.name}"))
        for copy in range(4)
        for article in articles
    ]


def test_worker_processes_annotate_exactly_like_one_process(
    tmp_path: Path,
    loads: list[str | None],
    many: list[Article],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forked workers annotate like one process and store entries a later build reads."""
    single = Annotator(workers=1).annotate(many, editorial)
    parallel = Annotator(workers=2, cache=AnnotationCache(tmp_path))
    assert parallel.annotate(many, editorial) == single
    assert parallel.report is not None and parallel.report.processes == 2
    forbid_model(monkeypatch)
    assert Annotator(cache=AnnotationCache(tmp_path)).annotate(many, editorial) == single


@pytest.mark.parametrize(
    ("cores", "idle", "processes"), [(2, 0.97, 2), (2, 0.55, 1), (8, 0.625, 5), (4, 0.0, 1)]
)
def test_a_busy_machine_gets_fewer_processes(
    cores: int, idle: float, processes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only cores that other programs leave idle (sampled from /proc/stat) get a process."""
    samples = iter([(0.0, 0.0), (idle * 1000, 1000.0)])
    monkeypatch.setattr("newsroom.annotator.machine_cpu_times", lambda: next(samples))
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert Annotator(workers=8).plan(1600)[0] == processes


@pytest.mark.parametrize(("own_seconds", "processes"), [(5.0, 2), (0.0, 1)])
def test_the_build_so_far_measures_idle_cores_without_its_own_work(
    own_seconds: float, processes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a long enough stretch of the build (loading the model), no sleep is needed, and
    the CPU this process used in it does not count as another program's."""
    ticks = annotator.CLOCK_TICKS
    since = annotator.CpuSample(idle=0.0, total=0.0, own=0.0, at=time.perf_counter() - 5.0)
    # Two cores over 5 s: half of the ticks were busy.
    monkeypatch.setattr("newsroom.annotator.machine_cpu_times", lambda: (5.0 * ticks, 10.0 * ticks))
    monkeypatch.setattr(time, "process_time", lambda: own_seconds)
    monkeypatch.setattr(time, "sleep", lambda _: pytest.fail("slept"))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert Annotator(workers=8).plan(1600, since)[0] == processes


def test_second_site_build_annotates_nothing_and_loads_no_model(
    tmp_path: Path,
    loads: list[str | None],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A second real build reads every annotation from .cache/briefings without the model."""
    project = copy_project(tmp_path)
    with caplog.at_level(logging.INFO):
        build_site(project)
    assert any("1 annotated, 0 from cache" in r.getMessage() for r in caplog.records)
    assert cache_files(project / ".cache" / "briefings", "*.json")
    caplog.clear()
    forbid_model(monkeypatch)
    with caplog.at_level(logging.INFO):
        site = build_site(project, strict=True)
    assert any("0 annotated, 1 from cache" in r.getMessage() for r in caplog.records)
    assert (site / "api" / "index.json").is_file()


def test_preload_readies_the_model_and_resolver_and_swallows_a_missing_model(
    tmp_path: Path,
    loads: list[str | None],
    articles: tuple[Article, ...],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Preload readies model and resolver off the build thread; a missing model stays silent."""
    Annotator(cache=AnnotationCache(tmp_path)).annotate(articles[:1], editorial)
    annotator = Annotator(cache=AnnotationCache(tmp_path))
    annotator.annotate(articles[:1], editorial)
    assert annotator._nlp is None and annotator._resolver is None
    annotator.preload().join(timeout=60)
    assert annotator._nlp is not None and annotator._resolver is not None
    assert loads == [None, None]
    forbid_model(monkeypatch)
    failing = Annotator()
    failing.preload().join(timeout=60)
    assert failing._nlp is None


def helper_project(root: Path) -> tuple[Path, AnnotationCache]:
    """A seeds folder with two evaluation articles, and a cache folder beside it."""
    seeds = root / "seeds"
    seeds.mkdir()
    for name in SAMPLE[:2]:
        (seeds / name).write_bytes((FIXTURES / name).read_bytes())
    return seeds, AnnotationCache(root / "cache")


def add_seed(seeds: Path) -> None:
    """Add the project's seed article (text and metadata) to ``seeds``."""
    for path in (ROOT / "seeds").iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())


def build_with(annotator: Annotator, seeds: Path, editorial: Editorial) -> list[Briefing]:
    """What a build does: look ahead at the seeds, then read and annotate them."""
    annotator.look_ahead(seeds)
    return annotator.annotate(load_articles(seeds).articles, editorial)


def test_a_few_new_articles_are_annotated_by_a_helper_that_loaded_the_model_early(
    tmp_path: Path,
    loads: list[str | None],
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build that finds new articles forks a helper as it starts (the first build finds
    every one new); the helper loads the model and annotates them exactly as this process
    would, and this process never loads it."""
    seeds, cache = helper_project(tmp_path)
    first = Annotator(cache=cache)
    build_with(first, seeds, editorial)
    assert first.report is not None and first.report.parsed == 2
    assert loads == [] and first._nlp is None
    add_seed(seeds)
    annotator = Annotator(cache=cache)
    annotator.look_ahead(seeds)
    helper = annotator._helper
    assert helper is not None
    articles = load_articles(seeds).articles
    briefings = annotator.annotate(articles, editorial)
    assert loads == [] and annotator._nlp is None  # the helper's loads were its own
    assert not helper._process.is_alive()
    assert annotator.report is not None
    assert (annotator.report.annotated, annotator.report.parsed) == (1, 1)
    assert briefings == Annotator().annotate(articles, editorial)
    forbid_model(monkeypatch)  # the helper stored the parse and the annotation
    assert build_with(Annotator(cache=cache), seeds, editorial) == briefings


def test_no_helper_without_changed_seeds_and_none_kept_when_nothing_needs_the_model(
    tmp_path: Path, loads: list[str | None], editorial: Editorial
) -> None:
    """Unchanged seeds start no helper. A file touched but not changed does (the guess goes
    by size and time); the build then finds every parse stored and stops the helper."""
    seeds, cache = helper_project(tmp_path)
    build_with(Annotator(cache=cache), seeds, editorial)
    annotator = Annotator(cache=cache)
    annotator.look_ahead(seeds)
    assert annotator._helper is None
    touched = seeds / SAMPLE[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    annotator.look_ahead(seeds)
    helper = annotator._helper
    assert helper is not None
    annotator.annotate(load_articles(seeds).articles, editorial)
    assert not helper._process.is_alive()
    assert annotator.report is not None and annotator.report.annotated == 0
    annotator.look_ahead(seeds)  # the build stored the new stamps
    assert annotator._helper is None


def with_helper(root: Path) -> tuple[Annotator, ModelHelper]:
    """An annotator for two processes whose first build has started its model helper."""
    seeds, cache = helper_project(root)
    annotator = Annotator(workers=2, cache=cache)
    annotator.look_ahead(seeds)
    assert annotator._helper is not None
    return annotator, annotator._helper


def test_a_cold_build_in_the_helper_uses_worker_processes_like_the_build_would(
    tmp_path: Path, loads: list[str | None], many: list[Article], editorial: Editorial
) -> None:
    """Many new articles: the helper forks workers of its own and streams their results."""
    annotator, _ = with_helper(tmp_path)
    briefings = annotator.annotate(many, editorial)
    assert loads == [] and annotator.report is not None and annotator.report.processes == 2
    assert briefings == Annotator(workers=1).annotate(many, editorial)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_helper_stopped_in_the_middle_stops_its_workers_too(
    tmp_path: Path, loads: list[str | None], many: list[Article], editorial: Editorial
) -> None:
    """A build that stops listening (an error, an interrupt) leaves no process behind."""
    _, helper = with_helper(tmp_path)
    results = helper.annotate(many, editorial, keep_parse=True)
    assert next(results)  # the first chunk: the helper's workers are running
    pid = helper._process.pid
    assert pid is not None
    workers = children(pid)
    assert len(workers) == 2
    results.close()
    assert not helper._process.is_alive()
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_a_failed_helper_leaves_the_work_and_its_errors_to_the_build(
    tmp_path: Path,
    nlp: Language,
    editorial: Editorial,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """When the helper cannot load the model, the build loads it itself and annotates."""
    build = os.getpid()
    loads: list[str | None] = []

    def load_model(name: str | None = None) -> Language:
        if os.getpid() != build:  # in the helper
            raise ModelNotFound("spaCy model en_core_web_sm is not installed")
        loads.append(name)
        return nlp

    monkeypatch.setattr("newsroom.nlp.pipeline.load_model", load_model)
    seeds, cache = helper_project(tmp_path)
    build_with(Annotator(cache=cache), seeds, editorial)
    add_seed(seeds)
    annotator = Annotator(cache=cache)
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.newsroom.annotator"):
        briefings = build_with(annotator, seeds, editorial)
    assert any("helper process failed (ModelNotFound" in r.getMessage() for r in caplog.records)
    assert annotator._nlp is not None and loads == [None, None]
    assert briefings == Annotator().annotate(load_articles(seeds).articles, editorial)


def test_mkdocs_build_hands_new_articles_to_the_helper(tmp_path: Path) -> None:
    """The real command: `mkdocs build` of a new project, then after adding an article,
    forks the helper as the build starts, and the new briefing is in the site."""
    project = copy_project(tmp_path)

    def mkdocs_build() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose"],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stderr

    first = mkdocs_build()
    assert "2 seed files new: loading the model in a helper process" in first  # text, metadata
    assert "articles annotated by the helper process: 1" in first
    assert "1 annotated, 0 from cache" in first
    (project / "seeds" / SAMPLE[2]).write_bytes((FIXTURES / SAMPLE[2]).read_bytes())
    second = mkdocs_build()
    assert "1 seed file new or changed: loading the model in a helper process" in second
    assert "articles annotated by the helper process: 1" in second
    assert "1 annotated, 1 from cache" in second
    pages = list((project / "site" / "briefings").glob("*/index.html"))
    assert len(pages) == 2


def test_seed_stamps_are_stored_read_back_and_cleared(tmp_path: Path) -> None:
    """The stamps round-trip; a damaged file only means no guess; clear removes it."""
    cache = AnnotationCache(tmp_path / "cache")
    assert cache.get_stamps() is None
    cache.put_stamps({"a.md": [12, 34]})
    assert cache.get_stamps() == {"a.md": [12, 34]}
    (tmp_path / "cache" / "seeds.json").write_text("{broken", encoding="utf-8")
    assert cache.get_stamps() is None
    cache.put_stamps({"a.md": [12, 35]})
    cache.clear()
    assert not (tmp_path / "cache").exists()


def test_a_stored_annotation_is_checked_against_its_article(tmp_path: Path) -> None:
    """An entry with the right key but markup for a date value, a forged actor id or
    offsets outside the body is refused (recomputed), a faithful one is used."""
    from newsroom.model import Annotation, Block, DateMention, Mention, Sentence

    body = "Kim spoke on Friday."
    article = Article(Path("a.md"), "a", "A", body, (Block("paragraph", 0, len(body)),))
    good = Annotation(
        sentences=(Sentence(0, len(body), 0),),
        mentions=(Mention("Kim", 0, 3, "PERSON", "kim", 0),),
        dates=(DateMention("Friday", 13, 19, "2025-01-03", 0),),
    )
    cache = AnnotationCache(tmp_path)
    cache.put_annotation("k1", good)
    assert cache.get_annotation("k1", article) == good
    hostile = [
        dataclasses.replace(good, dates=(DateMention("Friday", 13, 19, '2025"><img>', 0),)),
        dataclasses.replace(good, mentions=(Mention("Kim", 0, 3, "PERSON", 'x"><b>', 0),)),
        dataclasses.replace(good, mentions=(Mention("Kim", 4, 7, "PERSON", "kim", 0),)),
        dataclasses.replace(good, mentions=(Mention("Kim", 0, 3, "PERSON", "kim", 5),)),
        dataclasses.replace(good, dates=(DateMention("Friday", 13, 19, "2025-13", 0),)),
    ]
    for number, annotation in enumerate(hostile):
        cache.put_annotation(f"bad{number}", annotation)
        assert cache.get_annotation(f"bad{number}", article) is None


def test_prune_never_follows_a_linked_shard_and_a_fifo_never_hangs(tmp_path: Path) -> None:
    """A shard folder that links elsewhere is left alone with its target's files, and a
    FIFO in place of an entry reads as unreadable instead of blocking."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / f"{'ab' * 32}.doc").write_bytes(b"keep me")
    cache = AnnotationCache(tmp_path / "cache")
    cache.put_annotation("cd" * 32, Annotation())
    (tmp_path / "cache" / "docs").mkdir()
    (tmp_path / "cache" / "docs" / "ab").symlink_to(outside)
    cache.clear()
    assert (outside / f"{'ab' * 32}.doc").read_bytes() == b"keep me"
    fifo = cache.path("annotations", "ef" * 32)
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    assert cache.get_annotation("ef" * 32) is None
