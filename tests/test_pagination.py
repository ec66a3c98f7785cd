"""Pages bounded as the archive grows: actor pages, the briefings index, the timeline and
topic pages cut into pages of a fixed size, counted from the oldest, on corpora made in
memory (no model)."""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from pathlib import Path

import pytest

from newsroom.corpus import Corpus, build_corpus
from newsroom.model import (
    Annotation,
    Article,
    Block,
    Briefing,
    DateMention,
    Editorial,
    Mention,
    Sentence,
    Topic,
)
from newsroom.pages import render_site
from newsroom.pages.paging import (
    ACTOR_BRIEFINGS,
    INDEX_BRIEFINGS,
    TIMELINE_EVENTS,
    depth_of,
    number_of,
    page_uri,
    page_url,
    split,
)

BOUND = 250_000  # bytes of a page's content; the theme adds about 20 KB around it
TEMPLATE = "Pyongyang said on {day} that talks with Seoul on item {n} would go on."
HREF = re.compile(r'href="([^"]*)"')


def briefing(n: int) -> Briefing:
    """Briefing number ``n``, dated ``n`` days after 1 June 2021, naming two actors and a date."""
    date = dt.date(2021, 6, 1) + dt.timedelta(days=n)
    day = date.isoformat()
    body = TEMPLATE.format(day=day, n=n)
    slug = f"briefing-{n:05d}"
    article = Article(
        Path(f"{slug}.md"), slug, f"Briefing {n}", body, (Block("paragraph", 0, len(body)),), date
    )
    seoul = body.index("Seoul")
    when = body.index(day)
    annotation = Annotation(
        sentences=(Sentence(0, len(body), 0),),
        mentions=(
            Mention("Pyongyang", 0, 9, "GPE", "pyongyang", 0),
            Mention("Seoul", seoul, seoul + 5, "GPE", "seoul", 0),
        ),
        dates=(DateMention(day, when, when + len(day), day, 0),),
    )
    return Briefing(article, annotation)


def corpus_of(count: int, topic: bool = False) -> Corpus:
    """A corpus of ``count`` briefings, newest first; with ``topic``, all on one topic."""
    editorial = Editorial(
        topics=(Topic("talks", "Talks", "The talks.", "Text.", ("pyongyang",)),) if topic else ()
    )
    return build_corpus([briefing(n) for n in range(count)], editorial)


@pytest.mark.parametrize(
    ("count", "size", "front", "older"),
    [
        (0, 3, [], []),
        (1, 3, [0], []),
        (3, 3, [0, 1, 2], []),
        (4, 3, [3], [[0, 1, 2]]),
        (7, 3, [6], [[0, 1, 2], [3, 4, 5]]),
        (9, 3, [6, 7, 8], [[0, 1, 2], [3, 4, 5]]),
    ],
)
def test_split_counts_pages_from_the_oldest(
    count: int, size: int, front: list[int], older: list[list[int]]
) -> None:
    """The front page holds the newest items (never none unless the list is empty); older
    pages are full and numbered from the oldest."""
    parts = split(list(range(count)), size)
    assert list(parts[0]) == front and parts[0].front
    assert [list(p) for p in parts[1:]] == older
    assert [p.number for p in parts[1:]] == list(range(1, len(older) + 1))


@pytest.mark.parametrize(
    ("base", "number", "uri", "url", "depth"),
    [
        ("actors/x.md", 0, "actors/x.md", "actors/x/", 2),
        ("actors/x.md", 2, "actors/x/page/2.md", "actors/x/page/2/", 4),
        ("briefings/index.md", 0, "briefings/index.md", "briefings/", 1),
        ("briefings/index.md", 3, "briefings/page/3.md", "briefings/page/3/", 3),
        ("timeline.md", 0, "timeline.md", "timeline/", 1),
        ("timeline.md", 1, "timeline/page/1.md", "timeline/page/1/", 3),
    ],
)
def test_page_addresses(base: str, number: int, uri: str, url: str, depth: int) -> None:
    """The front page keeps the list's own URL; older pages are at ``<list>/page/<n>/``."""
    assert page_uri(base, number) == uri
    assert page_url(base, number) == url
    assert depth_of(uri) == depth
    assert number_of(uri) == number


def test_every_briefing_is_on_exactly_one_page_of_each_list() -> None:
    """Across an actor's pages every briefing naming it is listed once; the same for the
    briefings index and the timeline's events."""
    count = 2 * ACTOR_BRIEFINGS + 5
    site = render_site(corpus_of(count))
    actor_pages = [u for u in site.pages if u == "actors/pyongyang.md" or "pyongyang/page/" in u]
    assert len(actor_pages) == 3
    linked = [
        slug
        for uri in actor_pages
        for slug in re.findall(
            r'<h3 class="briefing-group"><a href="[./]*briefings/([^/]+)/"',
            site.pages[uri].standalone,
        )
    ]
    assert sorted(linked) == [f"briefing-{n:05d}" for n in range(count)]
    front = site.pages["actors/pyongyang.md"].standalone
    assert f"Mentioned in {count} briefings" in front
    assert "briefing-00064" in front and "briefing-00000" not in front  # the newest first


def test_a_full_page_is_unchanged_when_a_newer_briefing_comes() -> None:
    """Adding the newest briefing changes the front pages, never a full older page."""
    before = render_site(corpus_of(2 * ACTOR_BRIEFINGS + 3))
    after = render_site(corpus_of(2 * ACTOR_BRIEFINGS + 4))
    older = [u for u in before.pages if number_of(u)]
    assert older
    for uri in older:
        assert before.pages[uri] == after.pages[uri], uri
    assert before.pages["actors/pyongyang.md"] != after.pages["actors/pyongyang.md"]


def test_pager_links_lead_to_pages_of_the_site() -> None:
    """Every link of every pager goes to a page the site has, from where the page sits."""
    site = render_site(corpus_of(INDEX_BRIEFINGS + TIMELINE_EVENTS + 10, topic=True))
    urls = {page_url(uri, 0) for uri in site.pages}
    pagers = 0
    for uri, rendered in site.pages.items():
        for nav in re.findall(r'<nav class="briefing-pager".*?</nav>', rendered.standalone):
            pagers += 1
            for href in HREF.findall(nav):
                target = page_url(uri, 0) + html.unescape(href).split("#")[0]
                assert posixpath.normpath(target) + "/" in urls, (uri, href)
    assert pagers > 10
    assert "briefings/page/1.md" in site.pages and "timeline/page/1.md" in site.pages
    assert "background/talks/page/1.md" in site.pages


def test_no_page_grows_with_the_archive_but_the_export_keeps_everything() -> None:
    """At 1,600 briefings no generated page's content exceeds the bound; the JSON export
    still lists every briefing of every actor."""
    count = 1600
    site = render_site(corpus_of(count, topic=True))
    sizes = {uri: len(page.standalone.encode()) for uri, page in site.pages.items()}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] < BOUND, (largest, sizes[largest])
    index = json.loads(site.data["api/index.json"])
    actor = next(a for a in index["actors"] if a["id"] == "pyongyang")
    assert len(actor["briefings"]) == count and len(index["briefings"]) == count
