"""The actor page: who it is, how it is written, every sentence naming it, who it appears
with, what it said and its timeline.

Each sentence naming the actor is shown once, under "Mentioned in"; the timeline gives the
curated events in full and the dated sentences of briefings by their first words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence, Set
from itertools import groupby
from typing import Any

from ..corpus import TYPE_NOUNS, Corpus, MentionRef
from ..model import Actor
from . import markup as m
from . import paging
from .background import in_the_background
from .blocks import Html, Rendered, assemble
from .changes import Changes, changes_of
from .orientation import anchor, breadcrumb
from .templating import DEFAULT, Templates

APPEARS_WITH_LIMIT = 15


def render_actor(actor: Actor, corpus: Corpus, templates: Templates = DEFAULT) -> Rendered:
    """One actor's front page (its newest briefings); see :func:`render_actor_pages`."""
    return render_actor_pages(actor, corpus, templates)[actor_uri(actor.id)]


def actor_uri(actor_id: str) -> str:
    """Where an actor's front page sits under docs/."""
    return f"actors/{actor_id}.md"


# An actor's pages made in an earlier build of this process, with what they were made
# from and the number of the corpus they hold for (see :mod:`.changes`): a serve rebuild
# makes again only the pages of actors whose inputs changed (those the new or edited
# article names, mostly), not those of every actor.
MADE: dict[str, tuple[tuple[object, ...], dict[str, Rendered], int]] = {}


def actor_inputs(actor: Actor, corpus: Corpus, templates_key: object) -> tuple[object, ...]:
    """Everything an actor's pages are made from (what :func:`actor_sections` reads)."""
    refs = corpus.mentions.get(actor.id, ())
    claims = corpus.claims.get(actor.id, ())
    events = corpus.events_of_actor.get(actor.id, ())
    slugs = dict.fromkeys(
        [r.slug for r in refs] + [c.slug for c in claims] + [e.slug for e in events if e.slug]
    )
    briefings = tuple(
        (s, corpus.by_slug[s].article.title, corpus.by_slug[s].article.date) for s in slugs
    )
    partners = tuple(
        (a, n, corpus.actors[a].name if a in corpus.actors else None)
        for a, n in corpus.co_mentions.get(actor.id, ())
    )
    background = corpus.background.get(actor.id, ())
    topics = tuple(t for t in corpus.topics if any(r.topic == t.id for r in background))
    return (templates_key, actor, refs, claims, events, briefings, partners, background, topics)


def render_actor_pages(
    actor: Actor, corpus: Corpus, templates: Templates = DEFAULT, templates_key: object = None
) -> dict[str, Rendered]:
    """Every page of an actor by its path under docs/: the front page with who it is and
    its newest briefings, and one page per :data:`.paging.ACTOR_BRIEFINGS` older ones, each
    with their sentences naming it, its claims and its events from them. With a
    ``templates_key`` (what the templates are), pages made from the same inputs before are
    given again."""
    if templates_key is None:
        return make_actor_pages(actor, corpus, templates)
    changes = changes_of(corpus)
    made = MADE.get(actor.id)
    now = (templates_key, actor)
    if (
        made is not None
        and kept_for(made[0][:2], made[2], now, changes)
        and actor.id not in changes.actor_pages
    ):
        MADE[actor.id] = (made[0], made[1], changes.number)
        return made[1]
    inputs = actor_inputs(actor, corpus, templates_key)
    if made is not None and made[0] == inputs:
        MADE[actor.id] = (inputs, made[1], changes.number)
        return made[1]
    pages = make_actor_pages(actor, corpus, templates, templates_key)
    MADE[actor.id] = (inputs, pages, changes.number)
    return pages


def kept_for(
    made_from: tuple[object, ...], number: int, now: tuple[object, ...], changes: Changes
) -> bool:
    """Whether something made from ``made_from`` for corpus ``number`` is made from the same
    ``now`` and held for the corpus just before this one, with the same topics: then only
    :attr:`.Changes.actor_pages` and :attr:`.Changes.briefings` tell what changed since."""
    if number == changes.number:
        return made_from == now
    return number == changes.number - 1 and changes.editorial and made_from == now


# An actor's older pages made in an earlier build of this process, with their inputs and
# the number of the corpus they hold for: a new article naming the actor changes its front
# page, not the full pages before it.
OLDER: dict[str, tuple[tuple[object, ...], Rendered, int]] = {}


def make_actor_pages(
    actor: Actor, corpus: Corpus, templates: Templates, templates_key: object = None
) -> dict[str, Rendered]:
    """Every page of an actor, made now (with a ``templates_key``, an older page made from
    the same inputs before is given again)."""
    newest_first = corpus.briefings_of(actor.id)
    base = actor_uri(actor.id)
    pages: dict[str, Rendered] = {}
    changes = changes_of(corpus) if templates_key is not None else None
    changed = (changes.briefings | changes.events) if changes is not None else frozenset()
    grouped: dict[str, list[object]] | None = None
    for part in paging.split(newest_first[::-1], paging.ACTOR_BRIEFINGS):
        uri = paging.page_uri(base, part.number)
        inputs = None
        if changes is not None and not part.front:
            made = OLDER.get(uri)
            now = (templates_key, actor, part)
            if (
                made is not None
                and kept_for(made[0][:3], made[2], now, changes)
                and changed.isdisjoint(part)
            ):
                OLDER[uri] = (made[0], made[1], changes.number)
                pages[uri] = made[1]
                continue
            grouped = grouped if grouped is not None else by_briefing(actor, corpus)
            inputs = part_inputs(actor, corpus, part, templates_key, grouped)
            if made is not None and made[0] == inputs:
                OLDER[uri] = (inputs, made[1], changes.number)
                pages[uri] = made[1]
                continue
        pages[uri] = assemble(actor_sections(actor, corpus, templates, part, len(newest_first)))
        if inputs is not None and changes is not None:
            OLDER[uri] = (inputs, pages[uri], changes.number)
    return pages


def by_briefing(actor: Actor, corpus: Corpus) -> dict[str, list[object]]:
    """The actor's mentions, claims and events, by the briefing they are in."""
    grouped: dict[str, list[object]] = defaultdict(list)
    for ref in corpus.mentions.get(actor.id, ()):
        grouped[ref.slug].append(ref)
    for claim in corpus.claims.get(actor.id, ()):
        grouped[claim.slug].append(claim)
    for event in corpus.events_of_actor.get(actor.id, ()):
        if event.slug:
            grouped[event.slug].append(event)
    return grouped


def part_inputs(
    actor: Actor,
    corpus: Corpus,
    part: paging.Part[str],
    templates_key: object,
    grouped: Mapping[str, list[object]],
) -> tuple[object, ...]:
    """Everything an older page of an actor is made from: the actor, which page of how
    many, and its briefings' headlines, sentences naming it, claims and events
    (``grouped``: those by briefing, see :func:`by_briefing`)."""
    briefings = tuple(
        (s, corpus.by_slug[s].article.title, corpus.by_slug[s].article.date, *grouped.get(s, ()))
        for s in part
    )
    return (templates_key, actor, part, briefings)


def actor_sections(
    actor: Actor,
    corpus: Corpus,
    templates: Templates,
    part: paging.Part[str] | None = None,
    total: int | None = None,
) -> Iterator[str | Html]:
    """The sections of one page of an actor; ``part`` names the briefings it covers (None:
    all of them, on one page)."""
    refs = corpus.mentions.get(actor.id, ())
    slugs = set(part) if part is not None else {ref.slug for ref in refs}
    front = part is None or part.front
    base = actor_uri(actor.id)
    depth = paging.depth_of(paging.page_uri(base, part.number if part else 0))
    up = "../" * depth
    kinds = TYPE_NOUNS[actor.type][1]
    index = "../" * (depth - 1)  # the actors index, from this page's folder
    crumbs = [("Home", up), ("Actors", index), (kinds, f"{index}#{anchor(kinds)}")]
    if not front:
        crumbs.append((actor.name, m.slug_url("actors", actor.id, depth)))
    yield breadcrumb(crumbs, templates)
    if not front and part is not None:
        yield f"# {m.text(actor.name)}: earlier briefings, page {part.number}"
        yield from mentioned_in([r for r in refs if r.slug in slugs], corpus, templates, depth)
    else:
        yield f"# {m.text(actor.name)}"
        yield from actor_facts(actor, refs, templates)
        shown = [r for r in refs if r.slug in slugs]
        yield from mentioned_in(shown, corpus, templates, depth, total)
        yield from in_the_background(actor, corpus, templates)
    if part is not None:
        yield paging.pager(base, part, depth, f"Pages of {actor.name}")
    if front:
        yield appears_with(actor, corpus)
    yield from what_it_said(actor, corpus, templates, slugs, depth)
    yield from timeline(actor, corpus, templates, slugs, depth, curated=front)


def actor_facts(
    actor: Actor, refs: tuple[MentionRef, ...], templates: Templates
) -> Iterator[str | Html]:
    """Who the actor is, how it is written and what it was: the front page's head."""
    kind = TYPE_NOUNS[actor.type][0]
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


def mentioned_in(
    refs: Sequence[MentionRef],
    corpus: Corpus,
    templates: Templates,
    depth: int = 2,
    total: int | None = None,
) -> Iterator[str | Html]:
    """Every sentence naming the actor, grouped by briefing, each linking to its paragraph.
    The briefings' headlines are not in the page's table of contents: for a country named
    in hundreds of briefings it would be longer than the page. ``total``: how many
    briefings name the actor in all, when these are the newest of them."""
    if not refs:
        return
    count = len({r.slug for r in refs})
    yield f"## Mentioned in {m.plural(total or count, 'briefing')}"
    if total and total > count:
        yield f"The newest {count} here; the earlier ones on the pages below."
    for slug, group in groupby(refs, key=lambda r: r.slug):
        article = corpus.by_slug[slug].article
        sentences = [
            {
                "href": m.slug_url("briefings", slug, depth, m.paragraph_id(key[1])),
                "parts": highlight(list(same)),
            }
            for key, same in groupby(group, key=lambda r: (r.sentence_start, r.block))
        ]
        block = templates.render(
            "mentions",
            href=m.slug_url("briefings", slug, depth),
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


def what_it_said(
    actor: Actor, corpus: Corpus, templates: Templates, slugs: Set[str], depth: int = 2
) -> Iterator[str | Html]:
    """Every claim attributed to the actor in the briefings ``slugs``, newest first."""
    claims = [ref for ref in corpus.claims.get(actor.id, ()) if ref.slug in slugs]
    if not claims:
        return
    yield "## What it said"
    rows = [
        {
            "text": ref.claim.text,
            "cue": ref.claim.cue,
            "via": ref.claim.via_text,
            "href": m.slug_url("briefings", ref.slug, depth, m.paragraph_id(ref.block)),
            "title": corpus.by_slug[ref.slug].article.title,
            "date": corpus.by_slug[ref.slug].article.date,
        }
        for ref in claims
    ]
    yield Html(templates.render("said", claims=rows), searched=False)


def timeline(
    actor: Actor,
    corpus: Corpus,
    templates: Templates,
    slugs: Set[str],
    depth: int = 2,
    curated: bool = True,
) -> Iterator[str | Html]:
    """The actor's dated events from the briefings ``slugs`` by their first words (the
    whole sentence is under "Mentioned in"), and with ``curated`` the curated ones in full."""
    events = [
        e
        for e in corpus.events_of_actor.get(actor.id, ())
        if (e.slug in slugs if e.slug else curated)
    ]
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
            row["href"] = m.slug_url(
                "briefings", event.slug, depth, m.paragraph_id(event.block or 0)
            )
            row["title"] = corpus.by_slug[event.slug].article.title
        rows.append(row)
    yield Html(templates.render("timeline", events=rows), searched=False)
