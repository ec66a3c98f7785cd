"""What a reader of the built site sees: each fact once, where am I, where a briefing comes
from, and a navigation that does not grow with the archive."""

from __future__ import annotations

import html as html_module
import json
import logging
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import pytest
from conftest import ROOT, SEED_SLUG, Site, build_site, copy_project

SEED_ACTOR_PAGES = ["kim-jong-un", "vladimir-putin", "north-korea", "russia", "south-korea"]
# A project fixture (not the development set), given the provenance fields it lacks.
PROVENANCE_FIXTURE = ROOT / "tests" / "fixtures" / "eval" / "belousov-pyongyang.md"
PROVENANCE: dict[str, Any] = {
    "source": "Fixture wire",
    "author": "A. Correspondent",
    "url": "https://example.org/news/belousov?id=1&lang=en",
    "tags": ["north-korea", "russia", "defence"],
}


class Visible(HTMLParser):
    """The text of an HTML page's ``<article>`` as a reader sees it (no script or style)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0
        self.hidden = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track whether the parser is inside the article, and outside script and style."""
        self.depth += tag == "article"
        self.hidden += tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        """Leave the article, script or style."""
        self.depth -= tag == "article"
        self.hidden -= tag in {"script", "style"}

    def handle_data(self, data: str) -> None:
        """Keep the text inside the article."""
        if self.depth > 0 and not self.hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts))


def sentences(body: str) -> list[str]:
    """The article's sentences (a plain splitter: what a reader would call one)."""
    found = [
        sentence
        for line in body.splitlines()
        for sentence in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", line)
    ]
    return [s.strip() for s in found if len(s.split()) >= 4]


def test_the_briefing_repeats_no_sentence_more_than_twice(seed_site: Site) -> None:
    """Each sentence of the seed article is on its briefing page at most twice (the text,
    and at most one list that quotes it); key points link down instead of repeating."""
    body = seed_site.json(f"briefings/{SEED_SLUG}.json")["body"]
    text = Visible(seed_site.html(f"briefings/{SEED_SLUG}")).text
    counts = {s: text.count(s) for s in sentences(body)}
    assert len(counts) >= 10 and all(n >= 1 for n in counts.values())
    assert max(counts.values()) <= 2, [s for s, n in counts.items() if n > 2]
    assert text.count("15,000 troops") <= 3  # text, its claim, key figures


def test_actor_pages_repeat_no_sentence(seed_site: Site) -> None:
    """An actor page shows every sentence naming it once, the seed's and the background's."""
    body = seed_site.json(f"briefings/{SEED_SLUG}.json")["body"]
    background = Visible(seed_site.html("background/north-korea-russia")).text
    for actor in [*SEED_ACTOR_PAGES, "sergei-shoigu", "kim-jong-il"]:
        text = Visible(seed_site.html(f"actors/{actor}")).text
        repeated = [s for s in sentences(body + " " + background) if text.count(s) > 1]
        assert repeated == [], actor


def test_key_points_link_down_to_their_sections(seed_site: Site) -> None:
    """Every link down from the key points reaches a heading of the page."""
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    points = html.split('class="admonition abstract briefing-key-points"', 1)[1].split("</div>")[0]
    down = re.findall(r'class="briefing-down" href="#([^"]+)"', points)
    ids = set(re.findall(r'<h2 id="([^"]+)"', html))
    assert len(down) >= 4 and set(down) <= ids
    assert "15,000" not in points


def test_actors_and_glossary_are_different_lists(seed_site: Site) -> None:
    """The actors page ranks by presence and has no descriptions; the glossary explains
    each name A–Z and files the other names under their own letter."""
    actors = Visible(seed_site.html("actors")).text
    glossary = Visible(seed_site.html("glossary")).text
    assert "latest 13 August 2025" in actors and "Workers' Party of Korea." not in actors
    assert "ruled by the Workers' Party of Korea." in glossary and "mention" not in glossary
    assert re.search(r"Pyongyang capital of North Korea.*see North Korea", glossary)


@pytest.mark.parametrize(
    ("url", "tab", "crumbs"),
    [
        (f"briefings/{SEED_SLUG}", "Briefings", ["Home", "Briefings", "August 2025"]),
        ("actors/kim-jong-un", "Actors", ["Home", "Actors", "People"]),
        ("actors/kursk", "Actors", ["Home", "Actors", "Places"]),
        ("background/north-korea-russia", "Background", None),
    ],
)
def test_generated_pages_light_their_tab(
    seed_site: Site, url: str, tab: str, crumbs: list[str] | None
) -> None:
    """A briefing, actor or topic page lights its section's tab; briefings and actors have
    a breadcrumb by month or type and their contents under the title."""
    html = seed_site.html(url)
    active = re.findall(r'md-tabs__item--active">\s*<a [^>]*>\s*([^<]+?)\s*</a>', html)
    assert active == [tab]
    if crumbs is not None:
        path = html.split('class="md-path briefing-path"', 1)[1].split("</nav>")[0]
        assert re.findall(r'<span class="md-ellipsis">([^<]+)</span>', path) == crumbs
        toc = html.split('class="abstract briefing-toc"', 1)[1].split("</details>")[0]
        assert len(re.findall(r'<a href="#', toc)) >= 3


def test_reader_tabs_leave_the_editors_pages_to_one_section(seed_site: Site) -> None:
    """Configuration and Performance are built, under "For editors", not reader tabs."""
    html = seed_site.html("")
    tabs = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*</a>', html)
    assert tabs[-1] == "For editors" and "Configuration" not in tabs
    assert "Performance" not in tabs
    assert (seed_site.site / "configuration" / "index.html").exists()
    assert (seed_site.site / "performance" / "index.html").exists()


@pytest.fixture(scope="module")
def no_nav_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, list[str]]:
    """The seed and one article with full provenance, in a site without a ``nav:`` block,
    then built again with the project's nav; the second build's log messages."""
    root = tmp_path_factory.mktemp("no-nav")
    seeds = root / "given-seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    text = PROVENANCE_FIXTURE.read_text("utf-8").split("---\n", 2)[2]
    front = json.dumps({"title": "Belousov visits Pyongyang", "date": "2024-12-01", **PROVENANCE})
    (seeds / "belousov.md").write_text(f"---\n{front}\n---\n{text}", "utf-8")
    (root / "project").mkdir()
    project = copy_project(root / "project", seeds)
    config = project / "mkdocs.yml"
    with_nav = config.read_text("utf-8")
    config.write_text(re.sub(r"\nnav:\n(?:  .*\n|\s*#.*\n)+", "\n", with_nav), "utf-8")
    assert "\nnav:" not in config.read_text("utf-8")
    site = Site(project, build_site(project, strict=True))
    config.write_text(with_nav, "utf-8")
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            """Keep the message."""
            records.append(record.getMessage())

    handler = Keep(logging.INFO)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(project, strict=True)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return site, records


def test_a_site_without_nav_lists_no_generated_page(no_nav_site: tuple[Site, list[str]]) -> None:
    """Without a nav block the sidebar holds the index pages, never a briefing or actor;
    with one, the "not included in nav" list names no generated page."""
    site, records = no_nav_site
    for url in ("", f"briefings/{SEED_SLUG}", "actors/kim-jong-un"):
        html = site.html(url)
        nav = re.split(r'class="md-nav md-nav--primary[^"]*"', html, maxsplit=1)[1]
        nav = nav.split("</nav>\n                  </div>", 1)[0]
        links = re.findall(r'href="([^"]+)"', nav)
        assert url or {"actors/", "briefings/", "glossary/"} <= set(links)
        assert not [link for link in links if re.search(r"actors/[^/]+/|briefings/[^/]+/", link)]
    omitted = [r for r in records if 'not included in the "nav"' in r]
    assert not any("actors/" in r or "briefings/" in r for r in omitted), omitted


def test_provenance_and_tags_on_the_page_and_in_the_export(
    no_nav_site: tuple[Site, list[str]],
) -> None:
    """Outlet, author, the original and tags show under the headline, the tags page lists
    the briefing under each tag, and both JSON files carry the fields."""
    site, _ = no_nav_site
    index = site.json("index.json")
    (entry,) = [b for b in index["briefings"] if b["title"] == "Belousov visits Pyongyang"]
    assert entry["source"] == PROVENANCE["source"] and entry["author"] == PROVENANCE["author"]
    assert entry["original_url"] == PROVENANCE["url"] and entry["tags"] == PROVENANCE["tags"]
    data = site.json(f"briefings/{entry['slug']}.json")
    assert data["author"] == PROVENANCE["author"] and data["tags"] == PROVENANCE["tags"]
    assert data["url"] == PROVENANCE["url"] and data["source"] == PROVENANCE["source"]
    html = site.html(f"briefings/{entry['slug']}")
    shown = Visible(html).text
    assert "Fixture wire" in shown and "by A. Correspondent" in shown
    assert f'href="{PROVENANCE["url"].replace("&", "&amp;")}"' in html
    tags = re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', html)
    assert sorted(name for _, name in tags) == sorted(PROVENANCE["tags"])
    assert all(href.startswith("../../tags/#") for href, _ in tags)
    listing = site.html("tags")
    for tag in PROVENANCE["tags"]:
        section = listing.split(f'id="tag:{tag}"', 1)[1].split("<h2", 1)[0]
        assert f'href="../briefings/{entry["slug"]}/"' in section, tag
    counts = Counter(re.findall(r'id="tag:([^"]+)"', listing))
    assert set(counts) >= set(PROVENANCE["tags"])


# --- the background, linked like an article ---------------------------------------------------

TOPIC = "background/north-korea-russia"


def test_background_names_link_to_their_pages(seed_site: Site) -> None:
    """Registry actors named only in the topic's prose or timeline are linked there and have
    a page: Shoigu and Kim Jong-il in the prose, Gerasimov in the timeline."""
    html = seed_site.html(TOPIC)
    prose = html.split('id="timeline"', 1)[0]
    timeline = html.split('id="timeline"', 1)[1]
    for actor_id, where in (
        ("sergei-shoigu", prose),
        ("kim-jong-il", prose),
        ("kim-il-sung", prose),
        ("valery-gerasimov", timeline),
    ):
        assert re.search(rf'<a class="briefing-actor[^"]*" href="../../actors/{actor_id}/"', where)
        page = seed_site.html(f"actors/{actor_id}")
        assert ("In the background" in page) == (where is prose), actor_id
    # named in an event only: the event is on his page's timeline
    assert "told Putin that North Korean soldiers" in seed_site.html("actors/valery-gerasimov")


def test_actor_page_lists_background_sentences_linked_back(seed_site: Site) -> None:
    """Shoigu's page lists each sentence of the background's text naming him once, each
    linked to an anchor that exists on the topic's page; the curated events naming him are
    on his timeline only."""
    page = seed_site.html("actors/sergei-shoigu")
    section = page.split('id="in-the-background"', 1)[1].split("<h2", 1)[0]
    items = re.findall(
        r'<li><a href="../../background/north-korea-russia/#([^"]+)">(.*?)</a></li>', section
    )
    anchors = set(re.findall(r' id="([^"]+)"', seed_site.html(TOPIC)))
    assert len(items) == 2  # two sentences of the text; the two events are on his timeline
    assert {anchor for anchor, _ in items} <= anchors
    assert all("<mark>" in text for _, text in items)
    texts = [re.sub(r"<[^>]+>", "", text) for _, text in items]
    assert len(set(texts)) == len(texts)
    shown = Visible(page).text
    assert all(shown.count(html_module.unescape(text)) == 1 for text in texts)
    assert shown.count("stood beside Kim Jong-un at a military parade") == 1


def test_search_finds_background_names_in_short_sections(seed_site: Site) -> None:
    """A search for a name of the background returns sections, not the whole timeline in one
    entry: the topic's timeline has a heading a year."""
    index = json.loads((seed_site.site / "search" / "search_index.json").read_text("utf-8"))
    hits = [d for d in index["docs"] if "Shoigu" in d["text"]]
    assert any(d["location"].startswith(f"{TOPIC}/#") for d in hits)
    assert all(len(d["text"]) < 1500 for d in hits), [(d["location"], len(d["text"])) for d in hits]


def test_sub_headings_link_their_actors(seed_site: Site) -> None:
    """An article's sub-heading links the actors it names, as its paragraphs do, and the
    page's contents list it as plain text."""
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    heading = re.search(r'<h2 id="p\d+">(.*?)</h2>', html)
    assert heading is not None
    assert 'href="../../actors/north-korea/"' in heading[1]
    assert 'href="../../actors/russia/"' in heading[1]
    toc = re.findall(r'<details class="abstract briefing-toc">.*?</details>', html, re.S)[0]
    assert "North Korea&#39;s deepening ties with Moscow</a>" in toc or (
        "North Korea's deepening ties with Moscow</a>" in toc
    )


def test_scripts_wait_for_the_text(seed_site: Site) -> None:
    """Material's bundle and the plugin's script are deferred: a phone paints the article
    before it has them."""
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
    assert any("bundle." in s for s in scripts) and any("briefings.js" in s for s in scripts)
    assert all(re.search(r"\bdefer\b", s) for s in scripts), scripts


def test_background_links_each_actor_once_a_paragraph(seed_site: Site) -> None:
    """The background's dense paragraphs link each actor at its first mention only."""
    html = seed_site.html(TOPIC)
    paragraphs = re.findall(r"<p>(.*?)</p>", html.split('id="timeline"', 1)[0], re.S)
    linked = [re.findall(r'class="briefing-actor[^"]*" href="([^"]+)"', p) for p in paragraphs]
    assert sum(map(len, linked)) > 20
    assert all(len(hrefs) == len(set(hrefs)) for hrefs in linked)
