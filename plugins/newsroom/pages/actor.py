"""The actor page: who it is, how it is written, every sentence naming it, who it appears
with, what it said and its timeline.

Each sentence naming the actor is shown once, under "Mentioned in"; the timeline gives the
curated events in full and the dated sentences of briefings by their first words.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from ..corpus import TYPE_NOUNS, Corpus, MentionRef
from ..model import Actor
from . import markup as m
from .background import in_the_background
from .blocks import Html, Rendered, assemble
from .orientation import anchor, breadcrumb
from .templating import DEFAULT, Templates

APPEARS_WITH_LIMIT = 15


def render_actor(actor: Actor, corpus: Corpus, templates: Templates = DEFAULT) -> Rendered:
    """One actor page."""
    return assemble(actor_sections(actor, corpus, templates))


def actor_sections(actor: Actor, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    refs = corpus.mentions.get(actor.id, ())
    kind, kinds = TYPE_NOUNS[actor.type]
    yield breadcrumb(
        [("Home", "../../"), ("Actors", "../"), (kinds, f"../#{anchor(kinds)}")], templates
    )
    yield f"# {m.text(actor.name)}"
    yield Html(templates.render("actor-facts", actor=actor, type=kind))
    if actor.description:
        yield m.text(actor.description)
    if not actor.registered:
        yield (
            '!!! note "Not in the registry"\n\n'
            "    The model found this name; editors have not described it yet. "
            "`briefings check` prints a ready-to-paste entry for `briefings/actors.yml`."
        )
    surfaces = sorted(({ref.mention.text for ref in refs} | set(actor.aliases)) - {actor.name})
    if surfaces:
        yield "**Also written as:** " + ", ".join(m.text(s) for s in surfaces)
    if actor.metonyms:
        yield "\n".join(f"- *{m.text(n.text)}*: {m.text(n.note)}" for n in actor.metonyms)
    past_roles = [r for r in actor.roles if r.until]
    if past_roles:
        yield "**Earlier:** " + "; ".join(
            f"{m.text(r.title)} (until {m.human_date(r.until)})" for r in past_roles
        )
    yield from mentioned_in(refs, corpus, templates)
    yield from in_the_background(actor, corpus, templates)
    yield appears_with(actor, corpus)
    yield from what_it_said(actor, corpus, templates)
    yield from timeline(actor, corpus, templates)


def mentioned_in(
    refs: tuple[MentionRef, ...], corpus: Corpus, templates: Templates
) -> Iterator[str | Html]:
    """Every sentence naming the actor, grouped by briefing, each linking to its paragraph.
    The briefings' headlines are not in the page's table of contents: for a country named
    in hundreds of briefings it would be longer than the page."""
    if not refs:
        return
    yield f"## Mentioned in {m.plural(len({r.slug for r in refs}), 'briefing')}"
    for slug, group in groupby(refs, key=lambda r: r.slug):
        article = corpus.by_slug[slug].article
        sentences = [
            {
                "href": m.slug_url("briefings", slug, 2, m.paragraph_id(key[1])),
                "parts": highlight(list(same)),
            }
            for key, same in groupby(group, key=lambda r: (r.sentence_start, r.block))
        ]
        block = templates.render(
            "mentions",
            href=m.slug_url("briefings", slug, 2),
            title=article.title,
            date=article.date,
            sentences=sentences,
        )
        yield Html(block, searched=False)


def highlight(mentions: list[MentionRef]) -> list[tuple[str, str]]:
    """The sentence cut at the actor's mentions: (text before, mention) pairs, the last
    mention empty."""
    ref = mentions[0]
    parts, position = [], 0
    for item in mentions:
        start = item.mention.start - ref.sentence_start
        end = item.mention.end - ref.sentence_start
        parts.append((ref.sentence[position:start], ref.sentence[start:end]))
        position = end
    parts.append((ref.sentence[position:], ""))
    return parts


def appears_with(actor: Actor, corpus: Corpus) -> str:
    """The actors sharing sentences with this one, with counts."""
    partners = [(a, n) for a, n in corpus.co_mentions.get(actor.id, ()) if a in corpus.actors]
    if not partners:
        return ""
    items = [
        f"- [{m.text(corpus.actors[a].name)}]({a}.md) · {m.plural(n, 'shared sentence')}"
        for a, n in partners[:APPEARS_WITH_LIMIT]
    ]
    return "## Appears with\n\n" + "\n".join(items)


def what_it_said(actor: Actor, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    """Every claim attributed to the actor, newest first."""
    claims = corpus.claims.get(actor.id, ())
    if not claims:
        return
    yield "## What it said"
    rows = [
        {
            "text": ref.claim.text,
            "cue": ref.claim.cue,
            "via": ref.claim.via_text,
            "href": m.slug_url("briefings", ref.slug, 2, m.paragraph_id(ref.block)),
            "title": corpus.by_slug[ref.slug].article.title,
            "date": corpus.by_slug[ref.slug].article.date,
        }
        for ref in claims
    ]
    yield Html(templates.render("said", claims=rows), searched=False)


def timeline(actor: Actor, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    """The actor's dated events: curated ones in full, those from briefings by their first
    words (the whole sentence is under "Mentioned in")."""
    events = corpus.events_of_actor.get(actor.id, ())
    if not events:
        return
    yield "## Timeline"
    rows: list[dict[str, Any]] = []
    for event in events:
        row: dict[str, Any] = {
            "curated": event.curated,
            "date": event.date,
            "text": event.text,
            "source": event.source,
            "url": event.url
            if event.url and event.url.startswith(("https://", "http://"))
            else None,
            "href": "",
            "title": None,
        }
        if event.slug:
            row["href"] = m.slug_url("briefings", event.slug, 2, m.paragraph_id(event.block or 0))
            row["title"] = corpus.by_slug[event.slug].article.title
        rows.append(row)
    yield Html(templates.render("timeline", events=rows), searched=False)
