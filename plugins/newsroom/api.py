"""The JSON export: ``api/index.json`` and ``api/briefings/<slug>.json`` (see DESIGN.md)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from .corpus import Corpus
from .model import Actor, Briefing

API_VERSION = 1


def index_json(corpus: Corpus) -> dict[str, Any]:
    """The corpus index: every briefing and every actor, with URLs relative to the site root."""
    return {
        "briefings": [briefing_entry(b, corpus) for b in corpus.briefings],
        "actors": [actor_entry(a, corpus) for a in sorted(corpus.actors.values(), key=by_id)],
    }


def by_id(actor: Actor) -> str:
    """An actor's id: the index lists actors by it."""
    return actor.id


def briefing_entry(briefing: Briefing, corpus: Corpus) -> dict[str, Any]:
    """A briefing in the corpus index: its headline, date, URL, the actors it names and
    where it comes from."""
    article = briefing.article
    return {
        "slug": article.slug,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "url": f"briefings/{article.slug}/",
        "actors": sorted(corpus.actor_counts(briefing)),
        **provenance(briefing),
    }


def actor_entry(actor: Actor, corpus: Corpus) -> dict[str, Any]:
    """An actor in the corpus index: its name, type, URL, every way the briefings and the
    registry write it, the briefings naming it and how often."""
    refs = corpus.mentions.get(actor.id, ())
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "url": f"actors/{actor.id}/",
        "aliases": sorted(
            set(actor.aliases)
            | set(actor.demonyms)
            | {m.text for m in actor.metonyms}
            | {ref.mention.text for ref in refs} - {actor.name}
        ),
        "briefings": list(corpus.briefings_of(actor.id)),
        "mentions": len(refs),
        "description_source": description_source(actor),
    }


def index_export(corpus: Corpus, remember: bool = False) -> str:
    """``api/index.json`` as text: :func:`dumps` of :func:`index_json`, each entry encoded
    on its own and the entries joined. With ``remember`` (serve), an entry made from the
    same inputs in an earlier build is taken from there, and the same entries give the
    same text (the very string) as before."""
    briefings = tuple(
        entry_text(
            ("briefing", b.article.slug),
            (b,),
            functools.partial(briefing_entry, b, corpus),
            remember,
        )
        for b in corpus.briefings
    )
    actors = tuple(
        entry_text(
            ("actor", a.id),
            actor_inputs(a, corpus) if remember else (),
            functools.partial(actor_entry, a, corpus),
            remember,
        )
        for a in sorted(corpus.actors.values(), key=by_id)
    )
    if not remember:
        return joined(briefings, actors)
    if len(INDEXED) > len(briefings) + len(actors):  # some are of briefings or actors gone
        kept = {("briefing", b.article.slug) for b in corpus.briefings}
        kept.update(("actor", a) for a in corpus.actors)
        for key in INDEXED.keys() - kept:
            del INDEXED[key]
    if not INDEX_TEXT or INDEX_TEXT[0][0] != (briefings, actors):
        INDEX_TEXT[:] = [((briefings, actors), joined(briefings, actors))]
    return INDEX_TEXT[0][1]


def actor_inputs(actor: Actor, corpus: Corpus) -> tuple[object, ...]:
    """What an actor's entry is made from: the actor, and the briefings naming it with their
    annotations (its mentions, and so the ways they write it, are theirs)."""
    slugs = corpus.briefings_of(actor.id)
    return (actor, slugs, tuple(corpus.by_slug[s].annotation for s in slugs))


def entry_text(
    key: tuple[str, str],
    inputs: tuple[object, ...],
    entry: Callable[[], dict[str, Any]],
    remember: bool,
) -> str:
    """One entry of the index encoded as it stands in its list (its lines indented two
    levels), taken from :data:`INDEXED` when ``remember`` and its ``inputs`` are unchanged."""
    if remember:
        made = INDEXED.get(key)
        if made is not None and made[0] == inputs:
            return made[1]
    # JSON strings hold no line break: each one starts a line of the layout.
    text = json.dumps(entry(), ensure_ascii=False, indent=1).replace("\n", "\n  ")
    if remember:
        INDEXED[key] = (inputs, text)
    return text


def joined(briefings: Sequence[str], actors: Sequence[str]) -> str:
    """The index from its encoded entries, laid out as :func:`dumps` lays it out."""

    def listed(name: str, entries: Sequence[str]) -> str:
        if not entries:
            return f' "{name}": []'
        return f' "{name}": [\n  ' + ",\n  ".join(entries) + "\n ]"

    return "{\n" + listed("briefings", briefings) + ",\n" + listed("actors", actors) + "\n}\n"


# Each briefing's and actor's entry of the index as encoded in an earlier build of this
# process, with what it was made from (every name a briefing's mentions resolve to is an
# actor of the corpus: the briefing's annotation says which actors its entry lists).
INDEXED: dict[tuple[str, str], tuple[tuple[object, ...], str]] = {}
# The last index made with ``remember``, with the entries it was joined from.
INDEX_TEXT: list[tuple[tuple[tuple[str, ...], tuple[str, ...]], str]] = []


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
