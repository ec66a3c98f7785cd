"""One real build of the real seed: the HTML pages and the JSON export."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

import pytest
from conftest import SEED_SLUG, Site, build_site, copy_project

SEED_ACTORS = {
    "kim-jong-un": ("Kim Jong-un", "person"),
    "vladimir-putin": ("Vladimir Putin", "person"),
    "donald-trump": ("Donald Trump", "person"),
    "korean-central-news-agency": ("Korean Central News Agency", "organization"),
    "tass": ("TASS", "organization"),
    "kremlin": ("Kremlin", "organization"),
    "north-korea": ("North Korea", "country"),
    "russia": ("Russia", "country"),
    "ukraine": ("Ukraine", "country"),
    "united-states": ("United States", "country"),
    "south-korea": ("South Korea", "country"),
    "alaska": ("Alaska", "place"),
    "kursk": ("Kursk", "place"),
}


def test_briefing_links_every_seed_actor(seed_site: Site) -> None:
    """The briefing page links each named actor to its page, with a tooltip."""
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    for actor_id in SEED_ACTORS:
        assert re.search(
            rf'<a class="briefing-actor[^"]*" href="../../actors/{actor_id}/" title="[^"]+">', html
        ), actor_id


def test_actor_pages_link_back_to_paragraphs(seed_site: Site) -> None:
    """Every seed actor's page links back to an existing paragraph anchor of the briefing."""
    briefing = seed_site.html(f"briefings/{SEED_SLUG}")
    anchors = set(re.findall(r'<(?:p|h2) id="(p\d+)"', briefing))
    for actor_id in SEED_ACTORS:
        page = seed_site.html(f"actors/{actor_id}")
        links = re.findall(rf'href="../../briefings/{SEED_SLUG}/#(p\d+)"', page)
        assert links and set(links) <= anchors, actor_id
        assert "Mentioned in" in page


def test_glossary_holds_exactly_the_seed_actors(seed_site: Site) -> None:
    """One glossary entry per real actor, right types, and nothing that is not an actor (the
    seed's, and the registry's named in the background); the other names (aliases,
    capitals) point to one of them."""
    index = seed_site.json("index.json")
    actors = {a["id"]: (a["name"], a["type"]) for a in index["actors"]}
    named = {a["id"] for a in index["actors"] if a["briefings"]}
    assert {i: actors[i] for i in named} == SEED_ACTORS
    background = set(actors) - named  # registry actors the topic's text names
    assert {"sergei-shoigu", "valery-gerasimov", "kim-jong-il"} <= background
    glossary = html_module.unescape(seed_site.html("glossary"))
    headwords = re.findall(r'<dt><a href="../actors/([^/"]+)/">([^<]+)</a>', glossary)
    assert sorted(headwords) == sorted((i, name) for i, (name, _) in actors.items())
    others = dict(
        re.findall(r'<dt>([^<]+)</dt>\s*<dd>[^<]*see <a href="../actors/([^/"]+)/"', glossary)
    )
    assert others["Pyongyang"] == "north-korea" and others["KCNA"] == "korean-central-news-agency"
    assert set(others.values()) <= set(actors)
    for junk in (">Today<", ">North<"):
        assert junk not in glossary


def test_index_json_follows_design(seed_site: Site) -> None:
    """api/index.json: briefings and actors with the documented fields."""
    index = seed_site.json("index.json")
    (briefing,) = index["briefings"]
    assert briefing["slug"] == SEED_SLUG and briefing["date"] == "2025-08-13"
    assert briefing["url"] == f"briefings/{SEED_SLUG}/"
    assert set(briefing["actors"]) == set(SEED_ACTORS)
    for actor in index["actors"]:
        assert set(actor) == {
            "id",
            "name",
            "type",
            "url",
            "aliases",
            "briefings",
            "mentions",
            "description_source",
        }
        assert actor["url"] == f"actors/{actor['id']}/"
        if actor["id"] in SEED_ACTORS:
            assert actor["briefings"] == [SEED_SLUG] and actor["mentions"] >= 1
        else:  # named in the background only: a page, no briefing
            assert actor["briefings"] == [] and actor["mentions"] == 0
    kim = next(a for a in index["actors"] if a["id"] == "kim-jong-un")
    assert kim["mentions"] == 5 and "Kim" in kim["aliases"]


def test_briefing_json_offsets_and_decisions(seed_site: Site) -> None:
    """Every offset indexes the body; mentions, dates, claims and figures are as documented."""
    data = seed_site.json(f"briefings/{SEED_SLUG}.json")
    body = data["body"]
    assert body.startswith("North Korean leader") and "Today" not in body[-10:]
    for key in ("mentions", "dates", "claims"):
        for item in data[key]:
            assert body[item["start"] : item["end"]] == item["text"], (key, item)
    for figure in data["figures"]:
        assert body[figure["start"] : figure["end"]] == figure["text"]
    surfaces = {(m["text"], m["actor"]) for m in data["mentions"]}
    assert ("Kim", "kim-jong-un") in surfaces and ("North Korea", "north-korea") in surfaces
    assert ("Pyongyang", "north-korea") in surfaces and ("the North", "north-korea") in surfaces
    assert all(m["text"] != "North Korea’s" for m in data["mentions"])


def test_seed_dates_resolved(seed_site: Site) -> None:
    """The seed's relative dates resolve against 13 August 2025."""
    data = seed_site.json(f"briefings/{SEED_SLUG}.json")
    values = {(d["text"], d["value"]) for d in data["dates"]}
    expected = {
        ("Wednesday", "2025-08-13"),
        ("this Friday", "2025-08-15"),
        ("Friday", "2025-08-15"),
        ("last year", "2024"),
        ("April this year", "2025-04"),
        ("October last year", "2024-10"),
        ("2019", "2019"),
        ("recent years", None),  # a duration: kept, with no value
        ("the future", "FUTURE_REF"),  # "in the future, too"
    }
    assert values == expected
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    assert (
        '<time class="briefing-date" datetime="2025-08-15" title="15 August 2025">this Friday</time>'
        in html
    )


def test_seed_claims_and_figures(seed_site: Site) -> None:
    """Who says what in the seed, and its key figures with their sources."""
    data = seed_site.json(f"briefings/{SEED_SLUG}.json")
    claims = {(c["source"], c["cue"]) for c in data["claims"]}
    assert ("korean-central-news-agency", "according to") in claims
    assert ("korean-central-news-agency", "said") in claims
    assert ("south-korea", "according to") in claims and ("south-korea", "believes") in claims
    tass = next(c for c in data["claims"] if c["source"] == "tass")
    assert tass["via"] == "kremlin" and "upcoming talks with Trump" in tass["text"]
    assert not any("In recent years" in c["text"] for c in data["claims"])
    figures = {(f["text"], f["counts"], f["value"], f["source"]) for f in data["figures"]}
    assert ("around 15,000", "troops", 15000, "south-korea") in figures
    assert (
        "thousands",
        "military construction workers and deminers",
        None,
        "south-korea",
    ) in figures
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    assert "Sources and claims" in html and "Key figures" in html and "state media" in html
    kcna = seed_site.html("actors/korean-central-news-agency")
    assert "What it said" in kcna and "Putin praised" in kcna


def test_background_and_timeline(seed_site: Site) -> None:
    """The seed belongs to North Korea–Russia ties: background section, topic page, timeline."""
    html = seed_site.html(f"briefings/{SEED_SLUG}")
    assert "Background: North Korea–Russia ties" in html
    assert 'href="../../background/north-korea-russia/"' in html
    background = html.split('<h2 id="background', 1)[1].split("<h2", 1)[0]
    years = re.findall(r"<strong>(?:\d+ )?(?:[A-Z][a-z]+ )?(\d{4})</strong>", background)
    assert years and all(y <= "2025" for y in years) and "2024" in years
    topic = seed_site.html("background/north-korea-russia")
    assert "Vostochny" in topic and "Briefings on this topic" in topic
    timeline = seed_site.html("timeline")
    assert "October 2024" in timeline and "April 2025" in timeline
    assert timeline.index("October 2024") < timeline.index("April 2025")
    assert "from the briefing" in timeline and "curated" in timeline


def test_pages_and_navigation(seed_site: Site) -> None:
    """Home lists the briefing; index pages exist; the nav never lists briefings one by one."""
    home = seed_site.html("")
    assert f'href="briefings/{SEED_SLUG}/"' in home and "Most-mentioned actors" in home
    actors = seed_site.html("actors")
    assert "People" in actors and "Countries" in actors
    briefing = seed_site.html(f"briefings/{SEED_SLUG}")
    nav = re.split(r'class="md-nav md-nav--primary[^"]*"', briefing, maxsplit=1)[1].split(
        "</nav>", 1
    )[0]
    assert SEED_SLUG not in nav and "actors/kim-jong-un/" not in nav
    assert "fonts.googleapis.com" not in home
    assert "min read" in briefing and "Who is who" in briefing


def test_html_blocks_in_place_and_each_sentence_searched_once(seed_site: Site) -> None:
    """No block marker is left in any page; a sentence of the briefing is found by search on
    the briefing only, not again on the actor pages and timelines that repeat it."""
    for page in seed_site.site.rglob("*.html"):
        assert "briefings-html" not in page.read_text("utf-8"), page
    actor_page = seed_site.html("actors/kim-jong-un")
    assert "held a phone call" in actor_page and 'class="briefing-mentions"' in actor_page
    index = json.loads((seed_site.site / "search" / "search_index.json").read_text("utf-8"))
    found = [doc["location"] for doc in index["docs"] if "held a phone call" in doc["text"]]
    assert found and all(location.startswith(f"briefings/{SEED_SLUG}/") for location in found)
    topic = [doc for doc in index["docs"] if doc["location"].startswith("background/")]
    assert any("Vostochny" in doc["text"] for doc in topic)  # curated events: on their topic


def test_folder_urls_are_required(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The generated pages link by folder URLs; a site without them stops with the fix."""
    from mkdocs.exceptions import Abort

    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    with pytest.raises(Abort):
        build_site(project)
    assert "remove `use_directory_urls: false`" in caplog.text


def test_a_plugin_removing_comments_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The lists search does not read wait in HTML comments until the finished page; a
    plugin that removes comments before then costs them, and the build says so by page."""
    project = copy_project(tmp_path)
    (project / "strip_comments.py").write_text(
        "import re\n\n\n"
        "def on_page_context(context, page, config, nav):\n"
        "    page.content = re.sub(r'<!--.*?-->', '', page.content)\n"
        "    return context\n",
        "utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - strip_comments.py\n", "utf-8")
    site = build_site(project)
    warnings = [r.getMessage() for r in caplog.records if "lists are missing" in r.getMessage()]
    assert len(warnings) == 1 and "actors/kim-jong-un.md" in warnings[0]
    assert "held a phone call" not in (site / "actors/kim-jong-un/index.html").read_text("utf-8")
