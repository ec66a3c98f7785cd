"""One module per page kind; :func:`render_pages` lists every generated page of the site."""

from __future__ import annotations

from typing import Any

import yaml

from ..api import briefing_json, dumps, index_json
from ..corpus import Corpus
from . import markup
from .actor import render_actor
from .background import render_topic, render_topics_index
from .briefing import render_briefing
from .indexes import render_actors_index, render_briefings_index, render_glossary, render_timeline


def page(meta: dict[str, Any], markdown: str) -> str:
    """Markdown with YAML front matter dumped safely (titles are escaped for templates)."""
    return (
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + markdown
    )


def render_pages(corpus: Corpus) -> dict[str, str]:
    """Every generated file of the site by its path under docs/: pages and the JSON API."""
    files: dict[str, str] = {}
    for briefing in corpus.briefings:
        slug = briefing.article.slug
        meta = {
            "title": markup.plain(briefing.article.title),
            "description": markup.plain(briefing.article.body[:160]),
        }
        files[f"briefings/{slug}.md"] = page(meta, render_briefing(briefing, corpus))
        files[f"api/briefings/{slug}.json"] = dumps(briefing_json(briefing))
    for actor in corpus.actors.values():
        meta = {"title": markup.plain(actor.name), "description": markup.plain(actor.description)}
        files[f"actors/{actor.id}.md"] = page(meta, render_actor(actor, corpus))
    for topic in corpus.topics:
        files[f"background/{topic.id}.md"] = page(
            {"title": markup.plain(topic.title)}, render_topic(topic, corpus)
        )
    # Index pages last: no briefing, actor or topic can take their place, whatever its id.
    files.update(
        {
            "briefings/index.md": page({"title": "Briefings"}, render_briefings_index(corpus)),
            "actors/index.md": page({"title": "Actors"}, render_actors_index(corpus)),
            "glossary.md": page({"title": "Glossary"}, render_glossary(corpus)),
            "timeline.md": page({"title": "Timeline"}, render_timeline(corpus)),
            "background/index.md": page({"title": "Background"}, render_topics_index(corpus)),
            "api/index.json": dumps(index_json(corpus)),
        }
    )
    return files
