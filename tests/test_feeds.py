"""Sharing and following: summaries cut at a word, the Atom feeds parsed back, Open Graph
and Twitter meta on every page, and what a site with ``site_url`` publishes (absolute feed
links, og:url, canonical links, a sitemap with addresses)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, Site, build_site, copy_project
from hypothesis import given
from hypothesis import strategies as st

from newsroom.corpus import build_corpus
from newsroom.feeds import SITE_FEED, FeedSite, build_feeds, tag_feed
from newsroom.model import Annotation, Article, Block, Briefing, Editorial, Sentence
from newsroom.pages.summary import ELLIPSIS, describe, first_sentence, shorten
from newsroom.plugin import warn_without_site_url
from newsroom.seeds import load_articles

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/news/"
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles"
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


def article(body: str, title: str = "A headline", **fields: object) -> Article:
    """An article whose paragraphs are the lines of ``body``."""
    blocks, start = [], 0
    for line in body.split("\n"):
        blocks.append(Block("paragraph", start, start + len(line)))
        start += len(line) + 1
    slug = str(fields.pop("slug", "a-headline"))
    return Article(Path(f"{slug}.md"), slug, title, body, tuple(blocks), **fields)  # type: ignore[arg-type]


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


# --- summaries --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short and whole.", 200, "Short and whole."),
        ("one two three four", 12, "one two…"),
        ("one two, three four", 13, "one two…"),
        ("one two three", 13, "one two three"),
        ("supercalifragilistic word", 5, "supercalifragilistic…"),
        ("  spaced\n\nout   text ", 200, "spaced out text"),
    ],
)
def test_shorten_cuts_at_a_word(text: str, limit: int, expected: str) -> None:
    """A long text is cut after its last whole word that fits, with an ellipsis."""
    assert shorten(text, limit) == expected


@given(st.lists(st.text("abcxyz", min_size=1, max_size=12), min_size=1, max_size=40))
def test_shorten_never_cuts_a_word_in_two(words: list[str]) -> None:
    """Every word of a shortened text is a whole word of the text, and it fits the limit."""
    text = " ".join(words)
    short = shorten(text, 30)
    kept = short.removesuffix(ELLIPSIS).split()
    assert kept == words[: len(kept)]
    assert len(short) <= 30 or len(kept) == 1


def test_first_sentence_is_the_lede_not_a_caption() -> None:
    """The summary skips a first paragraph that is no sentence (a caption, a standfirst) and
    does not stop at an abbreviation."""
    body = "A photo of the meeting\nThe U.S. envoy met Mr. Kim on Dec. 3 in Seoul. He left."
    assert (
        first_sentence(Briefing(article(body))) == "The U.S. envoy met Mr. Kim on Dec. 3 in Seoul."
    )


def test_first_sentence_prefers_the_parsed_sentence() -> None:
    """With parsed sentences the parser's first one in the lede is used, when it ends like one."""
    body = "Officials said so, Inc. sources added. Then more."
    parsed = Annotation(sentences=(Sentence(0, 38, 0), Sentence(39, 49, 0)))
    assert (
        first_sentence(Briefing(article(body), parsed)) == "Officials said so, Inc. sources added."
    )
    cut = Annotation(sentences=(Sentence(0, 10, 0),))  # a parser that stopped inside a name
    assert first_sentence(Briefing(article(body), cut)) == "Officials said so, Inc. sources added."


def test_dev_set_summaries_are_ledes() -> None:
    """On the real development articles, every summary is a sentence of the text, cut (if at
    all) at a word, and it ends like a sentence or with the ellipsis."""
    if not DEV.is_dir():
        pytest.skip(f"the development set is not here ({DEV})")
    for found in load_articles(DEV).articles:
        summary = describe(Briefing(found))
        body = re.sub(r"\s+", " ", found.body)
        assert summary, found.path
        assert summary.removesuffix(ELLIPSIS) in body, found.path
        assert summary.endswith((ELLIPSIS, ".", "?", "!", '"', "”")), (found.path, summary)
        if summary.endswith(ELLIPSIS):
            cut = summary.removesuffix(ELLIPSIS)
            following = body[body.index(cut) + len(cut) :]
            assert not following[:1].isalnum(), (found.path, summary)


# --- feeds ------------------------------------------------------------------------------------


def entries(xml: str) -> list[dict[str, str]]:
    """The entries of an Atom feed: title, updated, link, summary, id, categories."""
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        found.append(
            {
                "title": entry.findtext(f"{ATOM}title") or "",
                "updated": entry.findtext(f"{ATOM}updated") or "",
                "link": link.get("href", "") if link is not None else "",
                "summary": entry.findtext(f"{ATOM}summary") or "",
                "id": entry.findtext(f"{ATOM}id") or "",
                "tags": " ".join(c.get("term", "") for c in entry.iter(f"{ATOM}category")),
            }
        )
    return found


def test_feeds_of_a_small_corpus() -> None:
    """Site, actor and tag feeds list their dated briefings newest first; hostile text stays text."""
    old = article("Old news.", "Old", slug="old", date=dt.date(2025, 1, 2), tags=("Korea", "War"))
    new = article(
        "New <b>news</b>\x01 here.",
        "New \u202e<script>",
        slug="new",
        date=dt.date(2025, 3, 4),
        tags=("korea",),
        author="A. Writer",
    )
    undated = article("No date.", "Undated", slug="undated")
    corpus = build_corpus([Briefing(old), Briefing(new), Briefing(undated)], Editorial())
    feeds = build_feeds(corpus, FeedSite("Desk", SITE_URL))
    listed = entries(feeds[SITE_FEED])
    assert [e["title"] for e in listed] == ["New <U+202E><script>", "Old"]
    assert listed[0]["link"] == f"{SITE_URL}briefings/new/"
    assert listed[0]["updated"].startswith("2025-03-04")
    assert listed[0]["summary"] == "New <b>news</b><U+0001> here."
    assert {e["title"] for e in entries(feeds[tag_feed("Korea")])} == {
        "Old",
        "New <U+202E><script>",
    }
    assert tag_feed("Korea") == tag_feed("korea") == "feeds/tags/korea.xml"
    assert [e["title"] for e in entries(feeds[tag_feed("War")])] == ["Old"]
    assert "<name>A. Writer</name>" in feeds[SITE_FEED]


def test_feed_links_are_relative_without_site_url() -> None:
    """Without site_url an entry links relative to its feed's folder, and ids are URNs."""
    dated = article("Text.", slug="one", date=dt.date(2025, 1, 2))
    feeds = build_feeds(build_corpus([Briefing(dated)], Editorial()), FeedSite("Desk"))
    (entry,) = entries(feeds[SITE_FEED])
    assert entry["link"] == "../briefings/one/"
    assert entry["id"].startswith("urn:uuid:")


def test_seed_feed_lists_every_briefing(seed_site: Site) -> None:
    """The built site feed parses and lists every briefing with title, date, link and summary,
    and each link leads to the briefing's page."""
    xml = (seed_site.site / SITE_FEED).read_text("utf-8")
    listed = {e["link"]: e for e in entries(xml)}
    briefings = seed_site.json("index.json")["briefings"]
    assert briefings
    for briefing in briefings:
        entry = listed[f"../{briefing['url']}"]
        assert entry["title"] == briefing["title"]
        assert entry["updated"].startswith(briefing["date"])
        assert entry["summary"]
        assert (seed_site.site / SITE_FEED).parent.joinpath(entry["link"], "index.html").is_file()


def test_every_actor_of_the_seed_has_a_feed(seed_site: Site) -> None:
    """Each actor's feed lists exactly the briefings that name it, and its page links to it."""
    for actor in seed_site.json("index.json")["actors"]:
        xml = (seed_site.site / "feeds" / "actors" / f"{actor['id']}.xml").read_text("utf-8")
        slugs = {e["link"].split("/")[-2] for e in entries(xml)}
        assert slugs == set(actor["briefings"]), actor["id"]
    page = seed_site.html("actors/kim-jong-un")
    assert 'type="application/atom+xml"' in page
    assert 'href="../../feeds/actors/kim-jong-un.xml"' in page


# --- cards --------------------------------------------------------------------------------------


def pages_of(site: Path) -> Iterator[Path]:
    return (p for p in site.rglob("index.html") if p.parent.name not in {"search", "assets"})


def test_every_page_has_a_card(seed_site: Site) -> None:
    """Every page has og:title, og:description, og:type, twitter:card and the site feed link."""
    for path in pages_of(seed_site.site):
        meta = dict(META.findall(path.read_text("utf-8")))
        for key in ("og:title", "og:description", "og:type", "twitter:card"):
            assert meta.get(key), (path, key)
        assert "og:url" not in meta, path  # no site_url, no address to give
        assert 'rel="alternate feed" type="application/atom+xml"' in path.read_text("utf-8")


def test_briefing_card_is_its_first_sentence(seed_site: Site) -> None:
    """The briefing's description is its lede's first sentence, whole or cut at a word."""
    meta = dict(META.findall(seed_site.html(f"briefings/{SEED_SLUG}")))
    description = html.unescape(meta["og:description"])
    assert meta["og:type"] == "article"
    assert description == html.unescape(meta["description"])
    body = seed_site.json(f"briefings/{SEED_SLUG}.json")["body"]
    cut = description.removesuffix(ELLIPSIS)
    assert body.startswith(cut)
    assert description.endswith(".") or not body[len(cut)].isalnum()


# --- a site with site_url ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, seed_site: Site) -> Site:
    """The seed site built again with ``site_url`` set (the annotation cache reused)."""
    project = copy_project(tmp_path_factory.mktemp("published"))
    if (seed_site.project / ".cache").is_dir():
        shutil.copytree(seed_site.project / ".cache", project / ".cache")
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {SITE_URL}", config.read_text("utf-8"))
    config.write_text(text, "utf-8")
    return Site(project, build_site(project, strict=True))


def test_published_feed_links_are_absolute(published: Site) -> None:
    """With site_url every feed link and id is an absolute address on the site."""
    listed = entries((published.site / SITE_FEED).read_text("utf-8"))
    assert listed
    for entry in listed:
        assert entry["link"].startswith(f"{SITE_URL}briefings/")
        assert entry["id"] == entry["link"]


def test_published_pages_have_canonical_links_and_og_url(published: Site) -> None:
    """Each page's canonical link and og:url are its absolute address."""
    for url in ("", f"briefings/{SEED_SLUG}/", "actors/kim-jong-un/", "glossary/"):
        page = (published.site / url / "index.html").read_text("utf-8")
        assert f'<link rel="canonical" href="{SITE_URL}{url}">' in page, url
        assert dict(META.findall(page))["og:url"] == f"{SITE_URL}{url}", url


def test_published_sitemap_lists_every_page(published: Site) -> None:
    """sitemap.xml gives the absolute address of every page, generated ones included."""
    root = ET.fromstring((published.site / "sitemap.xml").read_text("utf-8"))
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = {loc.text for loc in root.iter(f"{namespace}loc")}
    for url in ("", f"briefings/{SEED_SLUG}/", "actors/kim-jong-un/", "timeline/"):
        assert f"{SITE_URL}{url}" in listed, url


@pytest.mark.parametrize(
    ("site_url", "command", "level"),
    [
        ("", "build", logging.INFO),
        ("", "gh-deploy", logging.WARNING),
        ("", "serve", None),
        ("", None, None),
        (SITE_URL, "gh-deploy", None),
    ],
)
def test_missing_site_url_is_said_once(
    caplog: pytest.LogCaptureFixture, site_url: str, command: str | None, level: int | None
) -> None:
    """A build without site_url says so once (a warning when deploying); serve says nothing."""
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.newsroom.plugin"):
        warn_without_site_url(site_url, command)
    said = [r for r in caplog.records if "site_url" in r.getMessage()]
    assert [r.levelno for r in said] == ([level] if level is not None else [])
