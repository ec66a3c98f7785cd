"""The briefing page: headline, the annotated text, glossary, sources, figures, background,
timeline and related briefings."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from ..corpus import TYPE_NOUNS, Corpus, description_place
from ..model import Briefing, Mention
from ..nlp.dates.values import is_calendar
from . import markup as m
from .background import background_section
from .blocks import Html, Rendered, assemble
from .events import event_list
from .sources import claims_section, figures_section, key_points

WORDS_PER_MINUTE = 230
RELATED_LIMIT = 5
# Related briefings are found through shared actors; an actor named everywhere says little,
# and looking at only its most recent briefings keeps the work linear in the corpus.
RELATED_CANDIDATES_PER_ACTOR = 100


def render_briefing(briefing: Briefing, corpus: Corpus) -> Rendered:
    """One briefing page."""
    return assemble(sections(briefing, corpus))


def sections(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    article = briefing.article
    yield f"# {m.text(article.title)}"
    minutes = max(1, round(len(article.body.split()) / WORDS_PER_MINUTE))
    meta = [m.human_date(article.date)]
    if article.source:
        meta.append(m.text(article.source))
    if article.author:
        meta.append("by " + m.text(article.author))
    meta.append(f"{minutes} min read")
    yield Html('<p class="briefing-meta">' + " · ".join(meta) + "</p>")
    yield key_points(briefing, corpus)
    yield from annotated_text(briefing, corpus)
    yield from glossary(briefing, corpus)
    yield from claims_section(briefing, corpus)
    yield from figures_section(briefing, corpus)
    yield from background_section(briefing, corpus)
    yield from timeline_section(briefing, corpus)
    yield related(briefing, corpus)
    if article.url and article.url.startswith(("https://", "http://")):
        link = f'<a href="{m.attr(article.url)}" rel="nofollow noopener">{m.text(article.url)}</a>'
        yield Html(f'<p class="briefing-original">Original article: {link}</p>')


def annotated_text(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    """The article's blocks; paragraphs as HTML with actors linked and dates explained."""
    article, annotation = briefing.article, briefing.annotation
    marks: list[tuple[int, int, str]] = []
    for mention in annotation.mentions:
        if mention.actor in corpus.actors:
            marks.append((mention.start, mention.end, actor_link(mention, corpus)))
    for date in annotation.dates:
        if is_calendar(date.value):  # a reference or a decade has no datetime attribute
            open_tag = (
                f'<time class="briefing-date" datetime="{date.value}" '
                f'title="{m.human_date(date.value)}">'
            )
            marks.append((date.start, date.end, open_tag + "{}</time>"))
    marks.sort()
    kept: list[tuple[int, int, str]] = []
    for mark in marks:  # mentions and dates never nest; the first wins
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    for index, block in enumerate(article.blocks):
        inside = [k for k in kept if block.start <= k[0] and k[1] <= block.end]
        html = render_span(article.body, block.start, block.end, inside)
        if block.kind == "heading":
            yield f"## {html} {{: #{m.paragraph_id(index)} }}"
        else:
            yield Html(f'<p id="{m.paragraph_id(index)}" class="briefing-paragraph">{html}</p>')


def render_span(body: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    """Escape ``body[start:end]`` and wrap each marked range with its template."""
    out = []
    position = start
    for mark_start, mark_end, template in marks:
        out.append(m.text(body[position:mark_start]))
        out.append(template.format(m.text(body[mark_start:mark_end])))
        position = mark_end
    out.append(m.text(body[position:end]))
    return "".join(out)


def actor_link(mention: Mention, corpus: Corpus) -> str:
    """The template of a linked mention, with the actor's one line as its tooltip."""
    actor = corpus.actors[mention.actor or ""]
    tip = f"{actor.name}: {actor.description}" if actor.description else actor.name
    if mention.note:
        tip = f"{mention.text}: {mention.note}. {tip}"
    href = m.slug_url("actors", actor.id, 2)
    return (
        f'<a class="briefing-actor briefing-actor--{actor.type}" href="{href}" '
        f'title="{m.tooltip(tip)}">' + "{}</a>"
    )


def glossary(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    """Who is who in this briefing, grouped by type."""
    counts = corpus.actor_counts(briefing)
    if not counts:
        return
    yield "## Who is who"
    for actor_type, (_, heading) in TYPE_NOUNS.items():
        actors = sorted(
            (corpus.actors[a] for a in counts if corpus.actors[a].type == actor_type),
            key=lambda a: a.name.lower(),
        )
        if not actors:
            continue
        yield f"### {heading}"
        items = []
        for actor in actors:
            description = f" — {m.text(actor.description)}" if actor.description else ""
            quoted = description_place(corpus, actor)
            if quoted is not None:  # the article's own words, linked to where they are
                url = m.slug_url("briefings", quoted[0], 2, m.paragraph_id(quoted[1]))
                description = f' — “<a href="{url}">{m.text(actor.description)}</a>”'
            items.append(
                f'<li><a href="{m.slug_url("actors", actor.id, 2)}">{m.text(actor.name)}</a>'
                f"{description} · {m.plural(counts[actor.id], 'mention')}</li>"
            )
        yield Html('<ul class="briefing-glossary">' + "".join(items) + "</ul>")


def timeline_section(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    """The dated events this article itself reports."""
    events = corpus.events_of_briefing.get(briefing.article.slug, ())
    if not events:
        return
    yield "## Timeline"
    yield event_list(events, corpus, depth=2, link_briefing=False)


def related(briefing: Briefing, corpus: Corpus) -> str:
    """Briefings sharing the most distinctive actors with this one."""
    total = len(corpus.briefings)
    scores: dict[str, float] = defaultdict(float)
    for actor_id in corpus.actor_counts(briefing):
        slugs = corpus.briefings_of(actor_id)
        weight = math.log((total + 1) / len(slugs))
        for slug in slugs[:RELATED_CANDIDATES_PER_ACTOR]:
            if slug != briefing.article.slug:
                scores[slug] += weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best = [slug for slug, score in ranked[:RELATED_LIMIT] if score > 0]
    if not best:
        return ""
    items = [
        f"- [{m.text(corpus.by_slug[s].article.title)}]({s}.md) · "
        f"{m.human_date(corpus.by_slug[s].article.date)}"
        for s in best
    ]
    return "## Related briefings\n\n" + "\n".join(items)
