"""One module per page kind; :func:`render_site` makes every generated file of the site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..api import briefing_json, dumps, index_json
from ..corpus import Corpus
from . import markup
from .actor import render_actor
from .background import render_topic, render_topics_index
from .blocks import Rendered
from .briefing import render_briefing
from .indexes import render_actors_index, render_briefings_index, render_glossary, render_timeline
from .summary import describe
from .templating import DEFAULT, Templates


@dataclass(frozen=True)
class Site:
    """Every generated file by its path under docs/: the pages and the JSON export."""

    pages: dict[str, Rendered]
    data: dict[str, str]

    def files(self) -> dict[str, str]:
        """What MkDocs reads for each generated file (pages: Markdown with front matter)."""
        return {uri: page.markdown for uri, page in self.pages.items()} | self.data


def page(meta: dict[str, Any], rendered: Rendered) -> Rendered:
    """The page with YAML front matter dumped safely (titles are escaped for templates)."""
    front_matter = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
    return rendered.with_front_matter(front_matter)


def render_site(corpus: Corpus, templates: Templates = DEFAULT) -> Site:
    """Every generated page and JSON file of the site, its HTML from ``templates``."""
    pages: dict[str, Rendered] = {}
    data: dict[str, str] = {}
    for briefing in corpus.briefings:
        slug = briefing.article.slug
        meta = {
            "title": markup.plain(briefing.article.title),
            "description": markup.plain(describe(briefing)),
        }
        tags = [markup.plain(str(tag)) for tag in briefing.article.tags]  # Material prints raw
        listed = {**meta, "tags": tags} if tags else meta  # for Material's tags plugin
        pages[f"briefings/{slug}.md"] = page(listed, render_briefing(briefing, corpus, templates))
        data[f"api/briefings/{slug}.json"] = dumps(briefing_json(briefing))
    for actor in corpus.actors.values():
        meta = {"title": markup.plain(actor.name), "description": markup.plain(actor.description)}
        pages[f"actors/{actor.id}.md"] = page(meta, render_actor(actor, corpus, templates))
    for topic in corpus.topics:
        pages[f"background/{topic.id}.md"] = page(
            {"title": markup.plain(topic.title)}, render_topic(topic, corpus, templates)
        )
    # Index pages last: no briefing, actor or topic can take their place, whatever its id.
    pages.update(
        {
            "briefings/index.md": page({"title": "Briefings"}, render_briefings_index(corpus)),
            "actors/index.md": page({"title": "Actors"}, render_actors_index(corpus, templates)),
            "glossary.md": page({"title": "Glossary"}, render_glossary(corpus, templates)),
            "timeline.md": page({"title": "Timeline"}, render_timeline(corpus)),
            "background/index.md": page({"title": "Background"}, render_topics_index(corpus)),
        }
    )
    data["api/index.json"] = dumps(index_json(corpus))
    return Site(pages, data)
