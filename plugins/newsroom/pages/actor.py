"""The actor page: who it is, how it is written, every sentence naming it, who it appears
with, what it said and its timeline."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..corpus import TYPE_NOUNS, Corpus, MentionRef
from ..model import Actor
from . import markup as m
from .blocks import Html, Rendered, assemble
from .events import event_list

APPEARS_WITH_LIMIT = 15


def render_actor(actor: Actor, corpus: Corpus) -> Rendered:
    """One actor page."""
    return assemble(actor_sections(actor, corpus))


def actor_sections(actor: Actor, corpus: Corpus) -> Iterator[str | Html]:
    refs = corpus.mentions.get(actor.id, ())
    yield f"# {m.text(actor.name)}"
    facts = [f'<span class="briefing-badge">{TYPE_NOUNS[actor.type][0]}</span>']
    if actor.kind:
        facts.append(
            f'<span class="briefing-badge briefing-badge--source">{m.text(actor.kind)}</span>'
        )
    if actor.role:
        since = f" (since {m.human_date(actor.role.since)})" if actor.role.since else ""
        facts.append(m.text(actor.role.title) + since)
    if actor.wikidata:
        facts.append(
            f'<a href="https://www.wikidata.org/wiki/{actor.wikidata}">Wikidata {actor.wikidata}</a>'
        )
    yield Html('<p class="briefing-meta">' + " · ".join(facts) + "</p>")
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
    yield from mentioned_in(refs, corpus)
    yield appears_with(actor, corpus)
    yield from what_it_said(actor, corpus)
    events = corpus.events_of_actor.get(actor.id, ())
    if events:
        yield "## Timeline"
        yield event_list(events, corpus, depth=2)


def mentioned_in(refs: tuple[MentionRef, ...], corpus: Corpus) -> Iterator[str | Html]:
    """Every sentence naming the actor, grouped by briefing, each linking to its paragraph.
    The briefings' headlines are not in the page's table of contents: for a country named
    in hundreds of briefings it would be longer than the page."""
    if not refs:
        return
    yield f"## Mentioned in {m.plural(len({r.slug for r in refs}), 'briefing')}"
    for slug, group in groupby(refs, key=lambda r: r.slug):
        article = corpus.by_slug[slug].article
        heading = (
            f'<h3 class="briefing-group"><a href="{m.slug_url("briefings", slug, 2)}">'
            f"{m.text(article.title)}</a></h3><p>{m.human_date(article.date)}</p>"
        )
        items = []
        for sentence, same in groupby(group, key=lambda r: (r.sentence_start, r.block)):
            mentions = list(same)
            items.append(
                f'<li><a href="{m.slug_url("briefings", slug, 2, m.paragraph_id(sentence[1]))}">'
                f"{highlight(mentions)}</a></li>"
            )
        items_html = "".join(items)
        yield Html(f'{heading}<ul class="briefing-mentions">{items_html}</ul>', searched=False)


def highlight(mentions: list[MentionRef]) -> str:
    """The sentence with the actor's mentions marked."""
    ref = mentions[0]
    out, position = [], 0
    for item in mentions:
        start = item.mention.start - ref.sentence_start
        end = item.mention.end - ref.sentence_start
        out.append(m.text(ref.sentence[position:start]))
        out.append(f"<mark>{m.text(ref.sentence[start:end])}</mark>")
        position = end
    out.append(m.text(ref.sentence[position:]))
    return "".join(out)


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


def what_it_said(actor: Actor, corpus: Corpus) -> Iterator[str | Html]:
    """Every claim attributed to the actor, newest first."""
    claims = corpus.claims.get(actor.id, ())
    if not claims:
        return
    yield "## What it said"
    items = []
    for ref in claims:
        article = corpus.by_slug[ref.slug].article
        href = m.slug_url("briefings", ref.slug, 2, m.paragraph_id(ref.block))
        via = f" (citing {m.text(ref.claim.via_text)})" if ref.claim.via_text else ""
        items.append(
            f"<li><q>{m.text(ref.claim.text)}</q> <small>— {m.text(ref.claim.cue)}{via}, "
            f'<a href="{href}">{m.text(article.title)}</a>, {m.human_date(article.date)}</small></li>'
        )
    yield Html('<ul class="briefing-claims">' + "".join(items) + "</ul>", searched=False)
