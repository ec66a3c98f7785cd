"""What a new article changes: its own briefing page, the front pages of the actors it
names and the indexes, never an earlier briefing's page or an actor's full older pages; on
corpora made in memory (no model)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import forget_made
from test_pagination import briefing

from newsroom import api, feeds, pages
from newsroom.api import dumps, index_export, index_json
from newsroom.corpus import Corpus, build_corpus
from newsroom.feeds import FeedSite, build_feeds
from newsroom.model import (
    Actor,
    Annotation,
    Briefing,
    Editorial,
    Figure,
    Mention,
    Sentence,
    Topic,
    TopicEvent,
)
from newsroom.pages import actor, indexes, paging, render_site, topics
from newsroom.pages import briefing as briefing_page
from newsroom.pages.blocks import Rendered
from newsroom.pages.briefing import related_of, related_slugs
from newsroom.pages.templating import DEFAULT, Templates
from newsroom.serve import DirtyWarning
from newsroom.topics import TopicText, topic_text


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


# Topic, index and feed pages, the export index and briefing front matter kept between
# builds: a sequence of changes on a topic whose text names Moscow and whose timeline and
# figures name Seoul.


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of a few items, so that a corpus of forty briefings has many of each kind."""
    monkeypatch.setattr(paging, "TOPIC_BRIEFINGS", 6)
    monkeypatch.setattr(paging, "INDEX_BRIEFINGS", 7)
    monkeypatch.setattr(paging, "TIMELINE_EVENTS", 7)


def talks(title: str = "Talks", summary: str = "Moscow wants talks.") -> Topic:
    """A topic of every briefing naming Pyongyang: its text names Moscow, its timeline an
    event of Pyongyang and Seoul."""
    event = TopicEvent("2021-05-10", "Seoul proposed talks.", "Yonhap", ("pyongyang",))
    return Topic("talks", title, summary, "Text on Moscow.", ("pyongyang",), (event,))


def background(topic: Topic, linked: bool = True) -> tuple[TopicText, Annotation]:
    """The topic's text annotated: each block a sentence, its first "Moscow" or "Seoul" a
    mention (not the summary's unless ``linked``)."""
    text = topic_text(topic)
    blocks, body = text.article.blocks, text.article.body
    mentions = []
    for index, block in enumerate(blocks):
        for name in ("Moscow", "Seoul"):
            at = body.find(name, block.start, block.end)
            if at >= 0 and (linked or text.parts[index].kind != "summary"):
                mentions.append(Mention(name, at, at + len(name), "GPE", name.lower(), index))
    sentences = tuple(Sentence(b.start, b.end, i) for i, b in enumerate(blocks))
    return text, Annotation(sentences=sentences, mentions=tuple(mentions))


def with_figure(item: Briefing) -> Briefing:
    """``item`` with its item number a figure Seoul gives."""
    n = int(item.article.slug.rsplit("-", 1)[1])
    start = item.article.body.index(f"item {n}") + 5
    figure = Figure(str(n), start, start + len(str(n)), "items", float(n), "seoul", 0)
    annotation = dataclasses.replace(item.annotation, figures=(figure,))
    return dataclasses.replace(item, annotation=annotation)


def written_as(item: Briefing, surface: str) -> Briefing:
    """``item`` with one more sentence, naming Seoul as ``surface`` (an edit of its text)."""
    body = f"{item.article.body} {surface} agreed."
    start = body.index(surface, len(item.article.body))
    block = dataclasses.replace(item.article.blocks[0], end=len(body))
    article = dataclasses.replace(item.article, body=body, blocks=(block,))
    seoul = Mention(surface, start, start + len(surface), "GPE", "seoul", 0)
    annotation = dataclasses.replace(
        item.annotation,
        sentences=(Sentence(0, len(body), 0),),
        mentions=(*item.annotation.mentions, seoul),
    )
    return Briefing(article, annotation)


def backdated(n: int, day: int) -> Briefing:
    """Briefing ``n`` dated ``day`` days after 1 June 2021: added late among the older ones."""
    item = briefing(n)
    date = dt.date(2021, 6, 1) + dt.timedelta(days=day)
    return dataclasses.replace(item, article=dataclasses.replace(item.article, date=date))


def renamed(item: Briefing, slug: str) -> Briefing:
    """``item`` at another slug (its file renamed), its annotation the same."""
    return dataclasses.replace(item, article=dataclasses.replace(item.article, slug=slug))


def registry(seoul: str | None = None, moscow: str = "Moscow") -> tuple[Actor, ...]:
    """The registry: Moscow, named only in the topic's text, and Seoul if named."""
    named = (Actor("seoul", seoul, "country", "The South."),) if seoul else ()
    return (Actor("moscow", moscow, "place", "A capital."), *named)


@dataclasses.dataclass(frozen=True)
class Step:
    """One build of a sequence: its briefings, the topic and the registry, and how the
    topic's text is annotated ("linked", "unlinked": not its summary, "none": not at all)."""

    name: str
    briefings: list[Briefing]
    topic: Topic = dataclasses.field(default_factory=talks)
    actors: tuple[Actor, ...] = dataclasses.field(default_factory=registry)
    annotated: str = "linked"

    def corpus(self) -> Corpus:
        """The corpus of the step, made anew (as serve makes one each rebuild)."""
        linked = self.annotated == "linked"
        return build_corpus(
            [Briefing(b.article, b.annotation) for b in self.briefings],
            Editorial(actors=self.actors, topics=(self.topic,)),
            [background(self.topic, linked)] if self.annotated != "none" else [],
        )


def changes_in_turn() -> list[Step]:
    """A base corpus, then (each from the step before): the newest article added; six dated
    among the oldest (more older pages, the same newest); those removed; two newest (one
    more older topic page); one telling of an older one's day, told first; a removal; two
    new headlines; an edit naming Seoul otherwise; an old article telling of the day of the
    topic's curated event, which joins it; a renamed file; the newest re-dated; the
    topic's new title and summary; its text not annotated, and the title back; annotated
    but for its summary, then all of it; Moscow renamed, then Seoul; nothing changed."""
    base = [with_figure(briefing(n)) if n % 3 == 0 else briefing(n) for n in range(40)]
    newest = [*base, briefing(40)]
    first_told = renamed(looking_back(briefing(60), "2021-06-03"), "a-briefing")
    headlines = {"briefing-00021", "briefing-00040"}
    other_topic = talks("Talks and summits", "Moscow and Pyongyang talk.")
    return [
        Step("base", base),
        Step("newest", newest),
        Step("six backdated", newest + [backdated(70 + i, 2 * i + 1) for i in range(6)]),
        Step("newest again", newest),
        Step("two newest", [*newest, briefing(41), briefing(42)]),
        Step("told first", [*newest, first_told]),
        Step("removed", [b for b in newest if b.article.slug != "briefing-00010"]),
        Step("retitled", [retitled(b, "New") if b.article.slug in headlines else b for b in newest]),
        Step("edited", [written_as(b, "South Korea") if b.article.slug == "briefing-00004" else b
                        for b in newest]),
        Step("joins the curated event", [looking_back(b, "2021-05-10")
                                         if b.article.slug == "briefing-00003" else b
                                         for b in newest]),
        Step("renamed file", [renamed(b, "moved") if b.article.slug == "briefing-00005" else b
                              for b in newest]),
        Step("redated", [backdated(40, 45) if b.article.slug == "briefing-00040" else b
                         for b in newest]),
        Step("topic", newest, other_topic),
        Step("not annotated", newest, other_topic, annotated="none"),
        Step("topic back", newest, annotated="none"),
        Step("unlinked", newest, annotated="unlinked"),
        Step("annotated again", newest),
        Step("Moscow renamed", newest, actors=registry(None, "Moskva")),
        Step("renamed", newest, actors=registry("Republic of Korea", "Moskva")),
        Step("unchanged", newest, actors=registry("Republic of Korea", "Moskva")),
    ]  # fmt: skip


def on_an_index(uri: str) -> bool:
    """Whether a page is one of the index pages (of briefings, the timeline, actors, names)."""
    return uri.startswith(("briefings/index", "briefings/page/", "timeline")) or uri in (
        "actors/index.md",
        "glossary.md",
    )


@pytest.mark.usefixtures("small_pages")
@pytest.mark.parametrize(
    "kept",
    [
        lambda uri: uri.startswith("background/") and uri != "background/index.md",
        on_an_index,
        lambda uri: uri.startswith("briefings/") and not on_an_index(uri),  # front matter
    ],
    ids=["topic pages", "index pages", "briefing pages"],
)
def test_kept_pages_are_the_pages_made_afresh(kept: Callable[[str], bool]) -> None:
    """Through every change in turn, each topic and index page given again from an earlier
    build is the page made afresh, front matter and all."""
    given: dict[str, Rendered] = {}
    for step in changes_in_turn():
        corpus = step.corpus()
        site = render_site(corpus)
        fresh = render_site(corpus, remember=False)
        chosen = sorted(uri for uri in fresh.pages if kept(uri))
        assert len(chosen) > 5
        assert sorted(u for u in site.pages if kept(u)) == chosen, step.name
        for uri in chosen:
            assert site.pages[uri] == fresh.pages[uri], (step.name, uri)
        again = [u for u in chosen if u in given and site.pages[u] is given[u]]
        if step.name == "newest":  # most pages are given again
            assert len(again) > len(chosen) / 2
        if step.name == "unchanged":
            assert again == chosen
        given = {uri: site.pages[uri] for uri in chosen}


@pytest.mark.usefixtures("small_pages")
def test_the_kept_export_index_is_the_index_encoded_afresh() -> None:
    """Through every change in turn, api/index.json joined from kept entries is what
    encoding the whole index gives; the same as before, it is the very text of the last
    build."""
    last = ""
    for step in changes_in_turn():
        corpus = step.corpus()
        text = render_site(corpus).data["api/index.json"]
        assert text == dumps(index_json(corpus)), step.name
        assert (text is last) == (text == last), step.name  # the same text when equal
        assert text is last or step.name != "unchanged"
        last = text
    empty = build_corpus([], Editorial())
    assert index_export(empty, remember=True) == dumps(index_json(empty))


@pytest.mark.usefixtures("small_pages")
def test_kept_feed_entries_give_the_feeds_made_afresh() -> None:
    """Through every change in turn, the feeds made from the entries of the last build are
    the feeds made afresh."""
    site = FeedSite("Desk", "https://example.org/")
    for step in changes_in_turn():
        corpus = step.corpus()
        made = build_feeds(corpus, site)
        kept = dict(feeds.ENTRIES)
        feeds.ENTRIES.clear()
        feeds.atom_of.cache_clear()
        assert made == build_feeds(corpus, site), step.name
        feeds.ENTRIES.clear()
        feeds.ENTRIES.update(kept)


@pytest.mark.usefixtures("small_pages")
def test_a_renamed_actor_makes_its_kept_pages_again() -> None:
    """An actor's new name reaches the kept pages showing it: an older topic page (its
    figures), the topic's front page (its text and curated event), the timeline's oldest
    page (the curated event), the actors index, the glossary and the export index."""
    steps = {step.name: step for step in changes_in_turn()}
    before = render_site(steps["newest"].corpus())
    after = render_site(steps["renamed"].corpus())
    shown = {"background/talks/page/1.md": ["Republic of Korea"],
             "background/talks.md": ["Republic of Korea", "Moskva"],
             "timeline/page/1.md": ["Republic of Korea"],
             "actors/index.md": ["Republic of Korea", "Moskva"],
             "glossary.md": ["Republic of Korea", "Moskva"]}  # fmt: skip
    for uri, names in shown.items():
        page = after.pages[uri]
        assert page is not before.pages[uri], uri
        for name in names:
            assert name in page.markdown + "".join(page.html), (uri, name)
    assert "Republic of Korea" in after.data["api/index.json"]
    assert '"South Korea"' not in after.data["api/index.json"]
    edited = render_site(steps["edited"].corpus())  # another way to write Seoul
    assert '"South Korea"' in edited.data["api/index.json"]


@pytest.mark.usefixtures("small_pages")
def test_other_templates_make_the_kept_pages_again(tmp_path: Path) -> None:
    """The pages made from the site's templates (a topic's front page, the actors index,
    the glossary) are made again from a custom_dir's, and back from the package's."""
    folder = tmp_path / "partials" / "briefings"
    folder.mkdir(parents=True)
    for name in ("breadcrumb", "actor-directory", "glossary-letter"):
        (folder / f"{name}.html").write_text(f"<p class='mine'>{name}</p>", "utf-8")
    corpus = changes_in_turn()[0].corpus()
    shown = ["background/talks.md", "actors/index.md", "glossary.md"]
    for templates, mine in ((DEFAULT, False), (Templates(tmp_path), True), (DEFAULT, False)):
        site = render_site(corpus, templates)
        for uri in shown:
            assert ("class='mine'" in "".join(site.pages[uri].html)) == mine, uri


@pytest.mark.usefixtures("small_pages")
def test_what_is_kept_is_of_the_last_build() -> None:
    """After each change, what is kept between builds is of the pages, briefings and actors
    of the last build only (entries of pages no more made are dropped)."""
    for step in changes_in_turn():
        corpus = step.corpus()
        site = render_site(corpus)
        assert topics.MADE.keys() <= site.pages.keys(), step.name
        assert indexes.MADE.keys() <= site.pages.keys(), step.name
        assert pages.WITH_FRONT.keys() <= site.pages.keys(), step.name
        assert pages.META.keys() == corpus.by_slug.keys(), step.name
        briefings = {("briefing", slug) for slug in corpus.by_slug}
        assert api.INDEXED.keys() == briefings | {("actor", a) for a in corpus.actors}
