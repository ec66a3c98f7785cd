"""One module per page kind; :func:`render_site` makes every generated file of the site."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..api import briefing_export, index_export
from ..corpus import Corpus
from ..model import Briefing
from . import indexes, markup, paging, topics
from .actor import render_actor_pages
from .background import render_topics_index
from .blocks import Rendered
from .briefing import render_briefing
from .indexes import (
    ACTORS_INDEX,
    GLOSSARY,
    render_actors_index,
    render_briefings_pages,
    render_glossary,
    render_timeline_pages,
)
from .summary import describe
from .templating import DEFAULT, Templates
from .topics import render_topic_pages


@dataclass(frozen=True)
class Site:
    """Every generated file by its path under docs/: the pages and the JSON export."""

    pages: dict[str, Rendered]
    data: dict[str, str]

    def files(self) -> dict[str, str]:
        """What MkDocs reads for each generated file (pages: Markdown with front matter)."""
        return {uri: page.markdown for uri, page in self.pages.items()} | self.data


def page(meta: dict[str, Any], rendered: Rendered, uri: str | None = None) -> Rendered:
    """The page with YAML front matter dumped safely (titles are escaped for templates).
    With its ``uri``, the page given in an earlier build is given again when its front
    matter and content are the same objects (what a serve rebuild keeps: see incremental)."""
    items = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in meta.items())
    front = front_matter(items)
    made = WITH_FRONT.get(uri) if uri is not None else None
    if made is not None and made[0] is front and made[1] is rendered:
        return made[2]
    whole = rendered.with_front_matter(front)
    if uri is not None:
        WITH_FRONT[uri] = (front, rendered, whole)
    return whole


# Each generated page's last front matter, content and whole page, by its path.
WITH_FRONT: dict[str, tuple[str, Rendered, Rendered]] = {}


# Every rebuild dumps the same few thousand front matters again; PyYAML's dumper was a
# twentieth of a serve rebuild.
@functools.lru_cache(maxsize=65_536)
def front_matter(items: tuple[tuple[str, Any], ...]) -> str:
    """YAML front matter of ``items`` (key, value; a tuple value is a list)."""
    meta = {k: list(v) if isinstance(v, tuple) else v for k, v in items}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def paged(meta: dict[str, Any], uri: str) -> dict[str, Any]:
    """A page's front matter, its title numbered on an older page of a paged list."""
    number = paging.number_of(uri)
    return {**meta, "title": f"{meta['title']}, page {number}"} if number else meta


def templates_key(templates: Templates) -> tuple[object, ...]:
    """What a page made from ``templates`` depends on: their folders' files (by path, size
    and time), so that pages kept from an earlier build are made again after an edit."""
    folders = getattr(templates.environment.loader, "searchpath", [])
    files = sorted(p for folder in folders for p in Path(folder).rglob("*.html") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def render_site(corpus: Corpus, templates: Templates = DEFAULT, remember: bool = True) -> Site:
    """Every generated page and JSON file of the site, its HTML from ``templates``. With
    ``remember`` (serve), each page is kept with what it was made from, and a page made
    from the same inputs in an earlier build is given again; a single build has nothing
    to give again and spares the bookkeeping."""
    pages: dict[str, Rendered] = {}
    data: dict[str, str] = {}
    made_with = templates_key(templates) if remember else None
    for briefing in corpus.briefings:
        slug = briefing.article.slug
        rendered = render_briefing(briefing, corpus, templates, made_with)
        uri = f"briefings/{slug}.md"
        if remember:
            pages[uri] = page(listed_as(briefing), rendered, uri)
        else:
            pages[uri] = page(briefing_meta(briefing), rendered)
        data[f"api/briefings/{slug}.json"] = briefing_export(briefing)
    for actor in corpus.actors.values():
        meta = {"title": markup.plain(actor.name), "description": markup.plain(actor.description)}
        for uri, rendered in render_actor_pages(actor, corpus, templates, made_with).items():
            pages[uri] = page(paged(meta, uri), rendered, uri if remember else None)
    for topic in corpus.topics:
        for uri, rendered in render_topic_pages(topic, corpus, templates, made_with).items():
            meta = paged({"title": markup.plain(topic.title)}, uri)
            pages[uri] = page(meta, rendered, uri if remember else None)
    # Index pages last: no briefing, actor or topic can take their place, whatever its id.
    for uri, rendered in render_briefings_pages(corpus, remember).items():
        pages[uri] = page(paged({"title": "Briefings"}, uri), rendered, uri if remember else None)
    directories = {
        ACTORS_INDEX: ("Actors", render_actors_index(corpus, templates, made_with)),
        GLOSSARY: ("Glossary", render_glossary(corpus, templates, made_with)),
    }
    for uri, (title, rendered) in directories.items():
        pages[uri] = page({"title": title}, rendered, uri if remember else None)
    for uri, rendered in render_timeline_pages(corpus, remember).items():
        pages[uri] = page(paged({"title": "Timeline"}, uri), rendered, uri if remember else None)
    pages["background/index.md"] = page({"title": "Background"}, render_topics_index(corpus))
    data["api/index.json"] = index_export(corpus, remember)
    if remember:
        forget_others(pages, corpus)
    return Site(pages, data)


def briefing_meta(briefing: Briefing) -> dict[str, Any]:
    """A briefing page's front matter: its headline, summary and tags."""
    meta: dict[str, Any] = {
        "title": markup.plain(briefing.article.title),
        "description": markup.plain(describe(briefing)),
    }
    tags = [markup.plain(str(tag)) for tag in briefing.article.tags]  # Material prints raw
    return {**meta, "tags": tags} if tags else meta  # for Material's tags plugin


def listed_as(briefing: Briefing) -> dict[str, Any]:
    """:func:`briefing_meta`, given again from an earlier build for the same briefing."""
    slug = briefing.article.slug
    made = META.get(slug)
    if made is not None and (made[0] is briefing or made[0] == briefing):
        return made[1]
    META[slug] = (briefing, briefing_meta(briefing))
    return META[slug][1]


# Each briefing page's front matter as made in an earlier build of this process, with the
# briefing it was made from.
META: dict[str, tuple[Briefing, dict[str, Any]]] = {}


def forget_others(pages: Mapping[str, Rendered], corpus: Corpus) -> None:
    """Drop what earlier builds kept of pages this build did not make (a briefing removed,
    an older page no more), so that what is kept does not grow with every change."""
    for memo in (WITH_FRONT, topics.MADE, indexes.MADE):
        for uri in memo.keys() - pages.keys():
            del memo[uri]
    for slug in META.keys() - corpus.by_slug.keys():
        del META[slug]
