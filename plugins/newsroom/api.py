"""The JSON export: ``api/index.json`` and ``api/briefings/<slug>.json`` (see DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any

from .corpus import Corpus
from .model import Actor, Briefing

API_VERSION = 1


def index_json(corpus: Corpus) -> dict[str, Any]:
    """The corpus index: every briefing and every actor, with URLs relative to the site root."""
    return {
        "briefings": [
            {
                "slug": b.article.slug,
                "title": b.article.title,
                "date": b.article.date.isoformat() if b.article.date else None,
                "url": f"briefings/{b.article.slug}/",
                "actors": sorted(corpus.actor_counts(b)),
                **provenance(b),
            }
            for b in corpus.briefings
        ],
        "actors": [
            {
                "id": actor.id,
                "name": actor.name,
                "type": actor.type,
                "url": f"actors/{actor.id}/",
                "aliases": sorted(
                    set(actor.aliases)
                    | set(actor.demonyms)
                    | {m.text for m in actor.metonyms}
                    | {ref.mention.text for ref in corpus.mentions.get(actor.id, ())} - {actor.name}
                ),
                "briefings": list(corpus.briefings_of(actor.id)),
                "mentions": len(corpus.mentions.get(actor.id, ())),
                "description_source": description_source(actor),
            }
            for actor in sorted(corpus.actors.values(), key=lambda a: a.id)
        ],
    }


def provenance(briefing: Briefing) -> dict[str, Any]:
    """Where a briefing comes from: outlet, author, the original's URL, and its tags."""
    article = briefing.article
    return {
        "source": article.source,
        "author": article.author,
        "original_url": article.url,
        "tags": [str(tag) for tag in article.tags],
    }


def briefing_json(briefing: Briefing) -> dict[str, Any]:
    """One briefing: its body and every annotation, offsets into the body."""
    article, annotation = briefing.article, briefing.annotation
    return {
        "slug": article.slug,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "tags": [str(tag) for tag in article.tags],
        "body": article.body,
        "mentions": [
            {"text": m.text, "start": m.start, "end": m.end, "label": m.label, "actor": m.actor}
            for m in annotation.mentions
        ],
        "dates": [
            {"text": d.text, "start": d.start, "end": d.end, "value": d.value}
            for d in annotation.dates
        ],
        "claims": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "source": c.source,
                "source_text": c.source_text,
                "cue": c.cue,
                "kind": c.kind,
                **({"via": c.via, "via_text": c.via_text} if c.via_text else {}),
            }
            for c in annotation.claims
        ],
        "figures": [
            {
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "counts": f.counts,
                "value": int(f.value) if f.value is not None and f.value.is_integer() else f.value,
                "source": f.source,
            }
            for f in annotation.figures
        ],
    }


# The export of a briefing is a function of the briefing alone: a serve rebuild takes it
# from here when the briefing is the same (equal; usually the very object) as last time.
EXPORTED: dict[str, tuple[Briefing, str]] = {}


def briefing_export(briefing: Briefing) -> str:
    """``api/briefings/<slug>.json`` of a briefing, as text."""
    slug = briefing.article.slug
    previous = EXPORTED.get(slug)
    if previous is not None and (previous[0] is briefing or previous[0] == briefing):
        return previous[1]
    text = dumps(briefing_json(briefing))
    EXPORTED[slug] = (briefing, text)
    return text


def dumps(data: dict[str, Any]) -> str:
    """Stable, readable JSON."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def description_source(actor: Actor) -> str | dict[str, object] | None:
    """Where the description comes from: "registry", "gazetteer", the briefing span that
    says it ({"briefing", "start", "end"}), or None for the placeholder."""
    source = actor.description_source
    if source is None:
        return None
    if source.kind == "article":
        return {"briefing": source.briefing, "start": source.start, "end": source.end}
    return source.kind
