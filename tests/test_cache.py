"""Tests for the content-hash annotation cache and the lazy model."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project
from spacy.language import Language

from newsroom.annotate import Annotator
from newsroom.cache import (
    AnnotationCache,
    annotation_from_json,
    annotation_to_json,
    doc_from_bytes,
    doc_to_bytes,
)
from newsroom.model import Actor, Annotation, Article, Editorial
from newsroom.nlp.actors import build_resolver, registry_patterns
from newsroom.nlp.annotate import annotate

FIXTURES = ROOT / "tests" / "fixtures" / "eval"


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
    assert not warm.model_loaded
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
    # The seed and the topic's background, annotated alike.
    assert any("2 annotated, 0 from cache" in r.getMessage() for r in caplog.records)
    assert cache_files(project / ".cache" / "briefings", "*.json")
    caplog.clear()
    forbid_model(monkeypatch)
    with caplog.at_level(logging.INFO):
        site = build_site(project, strict=True)
    assert any("0 annotated, 2 from cache" in r.getMessage() for r in caplog.records)
    assert (site / "api" / "index.json").is_file()


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
