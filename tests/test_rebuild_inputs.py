"""What a new article changes: its own briefing page, the front pages of the actors it
names and the indexes, never an earlier briefing's page or an actor's full older pages; on
corpora made in memory (no model)."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from conftest import forget_made
from test_pagination import briefing

from newsroom.corpus import build_corpus
from newsroom.model import Briefing, Editorial, Mention, Topic
from newsroom.pages import actor, render_site
from newsroom.pages import briefing as briefing_page
from newsroom.pages.briefing import related_of, related_slugs
from newsroom.pages.templating import DEFAULT
from newsroom.serve import DirtyWarning


@pytest.fixture(autouse=True)
def forget() -> None:
    """Each test starts with nothing made before."""
    forget_made()


def naming_person(item: Briefing, words: str | None = None) -> Briefing:
    """``item`` with a sentence naming a person the registry lacks, described by ``words``
    in the sentence if given."""
    sentence = f" Ri Test, {words}, spoke." if words else " Ri Test spoke."
    body = item.article.body + sentence
    start = body.index("Ri Test")
    described = (body.index(words), body.index(words) + len(words)) if words else (None, None)
    person = Mention("Ri Test", start, start + 7, "PERSON", "ri-test", 0, None, *described)
    return dataclasses.replace(
        item,
        article=dataclasses.replace(item.article, body=body),
        annotation=dataclasses.replace(
            item.annotation, mentions=(*item.annotation.mentions, person)
        ),
    )


def test_a_new_article_leaves_every_earlier_page_as_it_was() -> None:
    """Adding the newest briefing gives every earlier briefing page and every full older
    actor page back as made before (the same object), and equal to a page made afresh."""
    before = render_site(build_corpus([briefing(n) for n in range(70)], Editorial()))
    after_corpus = build_corpus([briefing(n) for n in range(71)], Editorial())
    after = render_site(after_corpus)
    changed = sorted(u for u in before.pages if after.pages[u] is not before.pages[u])
    assert "briefings/briefing-00070.md" in after.pages
    assert not [u for u in changed if u.startswith("briefings/briefing-")]
    assert not [u for u in changed if "/page/" in u and u.startswith("actors/")]
    assert "actors/pyongyang.md" in changed  # its front page lists the new briefing
    forget_made()
    fresh = render_site(after_corpus)
    assert fresh.pages == after.pages


def test_a_changed_input_makes_the_page_again() -> None:
    """An actor's new name reaches every briefing page naming it, though nothing else of
    those briefings changed."""
    corpus = build_corpus([briefing(n) for n in range(5)], Editorial())
    before = render_site(corpus)
    renamed = dict(corpus.actors)
    renamed["seoul"] = dataclasses.replace(renamed["seoul"], name="Seoul Renamed")
    after = render_site(dataclasses.replace(corpus, actors=renamed))
    page = "briefings/briefing-00003.md"
    assert after.pages[page] is not before.pages[page]
    assert "Seoul Renamed" in after.pages[page].markdown + "".join(after.pages[page].html)


def test_related_briefings_are_earlier_ones_as_the_archive_stood() -> None:
    """A briefing's related briefings came out before it, and a newer article changes none
    of them."""
    corpus = build_corpus([briefing(n) for n in range(30)], Editorial())
    for item in corpus.briefings:
        related = related_slugs(item, corpus)
        assert all(slug < item.article.slug for slug in related)
    oldest = corpus.by_slug["briefing-00000"]
    assert related_slugs(oldest, corpus) == ()
    grown = build_corpus([briefing(n) for n in range(40)], Editorial())
    for item in corpus.briefings:
        assert related_slugs(grown.by_slug[item.article.slug], grown) == related_slugs(item, corpus)


def test_an_undescribed_actor_is_described_by_its_first_appearance() -> None:
    """All that is known of an undescribed person is when it was first named: a new article
    naming it changes nothing of that (a count would change every page naming it)."""
    corpus = build_corpus([naming_person(briefing(n)) for n in range(3)], Editorial())
    person = corpus.actors["ri-test"]
    assert person.description == "Person named in the briefings since June 2021"
    assert person.description_source is None
    later = build_corpus([naming_person(briefing(n)) for n in range(60)], Editorial())
    assert later.actors["ri-test"].description == person.description


def test_a_first_description_stays_the_oldest_briefings() -> None:
    """Of two briefings describing an actor, the older one's words describe it, whichever
    came in last."""
    older = naming_person(briefing(1), "a trade official")
    newer = naming_person(briefing(9), "a vice-minister")
    corpus = build_corpus([older, newer], Editorial())
    assert corpus.actors["ri-test"].description == "a trade official"


def test_the_dirty_build_warning_is_dropped_only_there() -> None:
    """MkDocs' warning about dirty builds is dropped (strict mode would stop on it); other
    warnings pass."""
    quiet = DirtyWarning()

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, message, (), None)

    assert not quiet.filter(record("A 'dirty' build is being performed, this will likely"))
    assert quiet.filter(record("Doc file 'x.md' contains a link to 'y.md'"))


def test_related_briefings_follow_a_change_to_an_earlier_one() -> None:
    """Kept related lists are given again only while nothing up to the briefing changed:
    after an earlier briefing is removed, every list is what a fresh look finds."""
    whole = build_corpus([briefing(n) for n in range(30)], Editorial())
    before = {b.article.slug: related_of(b, whole) for b in whole.briefings}
    assert any("briefing-00003" in found for found in before.values())
    smaller = build_corpus([briefing(n) for n in range(30) if n != 3], Editorial())
    for item in smaller.briefings:
        assert related_of(item, smaller) == related_slugs(item, smaller)
        assert "briefing-00003" not in related_of(item, smaller)


def looking_back(item: Briefing, day: str) -> Briefing:
    """``item`` with its date mention resolved to an earlier ``day``: a new article telling
    of an old event, which joins the background of the briefings after that day."""
    dates = tuple(dataclasses.replace(d, value=day) for d in item.annotation.dates)
    return dataclasses.replace(item, annotation=dataclasses.replace(item.annotation, dates=dates))


def retitled(item: Briefing, title: str) -> Briefing:
    return dataclasses.replace(item, article=dataclasses.replace(item.article, title=title))


def test_pages_given_again_are_the_pages_made_afresh() -> None:
    """Through adds (the newest, one dated among the others, one telling of an old day), a
    removal, an edited headline and an old article's edited text, on one topic whose background lists earlier events, every briefing and
    actor page given again from an earlier build is the page made afresh."""
    topic = Editorial(topics=(Topic("talks", "Talks", "The talks.", "Text.", ("pyongyang",)),))
    base = [naming_person(briefing(n)) if n % 7 == 0 else briefing(n) for n in range(40)]
    steps = [
        base,
        [*base, briefing(40)],
        [*base, briefing(40), retitled(briefing(55), "Dated later, added late")],
        [b for b in base if b.article.slug != "briefing-00010"] + [briefing(40)],
        [retitled(b, "A new headline") if b.article.slug == "briefing-00020" else b for b in base],
        [*base, looking_back(briefing(60), "2021-05-20")],
        [looking_back(b, "2021-05-25") if b.article.slug == "briefing-00003" else b for b in base],
        base,
    ]
    for number, briefings in enumerate(steps):
        corpus = build_corpus(briefings, topic)
        site = render_site(corpus)
        for item in corpus.briefings:
            fresh = briefing_page.render_briefing(item, corpus)  # no key: made now
            kept = briefing_page.MADE[item.article.slug].page
            assert kept == fresh, (number, item.article.slug)
        for one in corpus.actors.values():
            for uri, page in actor.make_actor_pages(one, corpus, DEFAULT).items():
                assert site.pages[uri].markdown.endswith(page.markdown), (number, uri)
                assert site.pages[uri].html == page.html, (number, uri)
