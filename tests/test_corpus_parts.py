"""Serve keeps what each briefing adds to the corpus and takes it again for the same
article and annotation: the corpus is the one indexed afresh, through every kind of change;
on corpora made in memory (no model)."""

from __future__ import annotations

import pytest
from conftest import forget_made
from test_rebuild_inputs import background, changes_in_turn

from newsroom import corpus as corpus_module
from newsroom.corpus import build_corpus
from newsroom.model import Briefing, Editorial


@pytest.fixture(autouse=True)
def forget() -> None:
    forget_made()


def test_the_remembered_corpus_is_the_corpus_indexed_afresh() -> None:
    """Through adds, removals, edits, re-dated and renamed files and registry changes, the
    corpus built with what the last build kept equals the one built with nothing kept; an
    unchanged briefing's parts are taken again (the same objects), a changed one's made anew,
    and what is kept is of the last build's briefings only."""
    kept_before: dict[str, object] = {}
    for step in changes_in_turn():
        linked = step.annotated == "linked"
        args = (
            [Briefing(b.article, b.annotation) for b in step.briefings],
            Editorial(actors=step.actors, topics=(step.topic,)),
            [background(step.topic, linked)] if step.annotated != "none" else [],
        )
        remembered = build_corpus(*args, remember=True)
        fresh = build_corpus(*args)
        assert remembered == fresh, step.name
        parts = {b.article.slug: p for b, p in corpus_module.PARTS.values()}
        assert sorted(parts) == sorted(b.article.slug for b in step.briefings), step.name
        same = {slug for slug, p in parts.items() if kept_before.get(slug) is p}
        kept_before = dict(parts)
        if step.name == "base":
            continue
        assert same, step.name
        if step.name == "edited":
            assert "briefing-00004" not in same
            assert "briefing-00003" in same
        if step.name == "unchanged":
            assert same == set(parts)


def test_a_build_without_remember_keeps_nothing() -> None:
    """`mkdocs build` indexes every briefing anew and keeps nothing for later."""
    step = changes_in_turn()[0]
    build_corpus(step.briefings, Editorial(topics=(step.topic,)))
    assert corpus_module.PARTS == {}
    build_corpus(step.briefings, Editorial(topics=(step.topic,)), remember=True)
    assert len(corpus_module.PARTS) == len(step.briefings)
