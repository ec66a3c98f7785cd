"""Background: a topic's page, and the background section of the briefings that belong to it.

The editors' text is linked like an article: each actor it names links to the actor's page
(the annotation of the topic's text, :mod:`newsroom.topics`, says where), and the actor's
page lists the sentence, linked back to its section here.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

from markdown.extensions.toc import unique

from ..corpus import Corpus
from ..model import Actor, Briefing, Topic
from ..nlp.dates.values import calendar_span
from ..timeline import Event, first_days
from ..topics import BackgroundRef, mentions_in, source_span
from . import markup as m
from .blocks import Html, Rendered, assemble
from .events import event_anchor, event_list
from .orientation import anchor, breadcrumb
from .segments import marks, split
from .sources import topic_figures
from .templating import DEFAULT, Templates

BACKGROUND_EVENTS = 8
DEPTH = 2  # a topic's page, like a briefing's, is two folders deep


def render_topic(topic: Topic, corpus: Corpus, templates: Templates = DEFAULT) -> Rendered:
    """The topic page: the editors' text, its briefings and the whole timeline."""
    return assemble(topic_sections(topic, corpus, templates))


def topic_sections(topic: Topic, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    yield breadcrumb([("Home", "../../"), ("Background", "../")], templates)
    yield f"# {m.text(topic.title)}"
    if topic.summary:
        yield summary(topic, corpus, templates, DEPTH)
    yield linked_prose(topic, corpus, templates)
    events = corpus.events_of_topic.get(topic.id, ())
    if events:
        # One heading a year: search finds an event in its year, not in one long section.
        yield "## Timeline"
        for year, group in groupby(events, key=lambda e: e.date[:4]):
            yield f"### {m.text(year)}"
            yield event_list(group, corpus, depth=DEPTH, searched=True)
    yield from topic_figures(topic, corpus)
    members = [b for b in corpus.briefings if topic.id in corpus.topics_of[b.article.slug]]
    if members:
        yield "## Briefings on this topic"
        yield briefing_list(members, depth=DEPTH)


def summary(topic: Topic, corpus: Corpus, templates: Templates, depth: int) -> Html:
    """The topic's summary as a paragraph, the actors it names linked."""
    annotated = corpus.backgrounds.get(topic.id)
    segments = split(topic.summary, 0, len(topic.summary), [])
    if annotated is not None and annotated[0].parts and annotated[0].parts[0].kind == "summary":
        text, annotation = annotated
        block = text.article.blocks[0]
        found = marks(
            mentions_in(text, annotation, ("summary",), corpus.actors), (), corpus.actors, depth
        )
        segments = split(text.article.body, block.start, block.end, found)
    return Html(templates.render("summary", segments=segments))


def linked_prose(topic: Topic, corpus: Corpus, templates: Templates) -> str:
    """The editors' Markdown with a link put around each actor it names, where the name is
    written as it is (not inside a link, code or emphasis markers)."""
    annotated = corpus.backgrounds.get(topic.id)
    if annotated is None:
        return topic.body
    text, annotation = annotated
    found = marks(
        mentions_in(text, annotation, ("prose", "heading"), corpus.actors), (), corpus.actors, DEPTH
    )
    pieces, position = [], 0
    for start, end, mark in found:
        span = source_span(text, start, end)
        if span is None or span[0] < position:
            continue
        pieces.append(topic.body[position : span[0]])
        segment = split(topic.body, span[0], span[1], [(span[0], span[1], mark)])
        pieces.append(templates.render("segments", segments=segment))
        position = span[1]
    pieces.append(topic.body[position:])
    return "".join(pieces)


def section_anchors(topic: Topic, corpus: Corpus) -> list[str]:
    """The anchors MkDocs gives the headings of a topic's prose, in order (after the page's
    title, as its table of contents makes them)."""
    annotated = corpus.backgrounds.get(topic.id)
    if annotated is None:
        return []
    text = annotated[0]
    used: set[str] = {anchor(topic.title)}
    anchors = []
    for block, part in zip(text.article.blocks, text.parts, strict=True):
        if part.kind == "heading":
            anchors.append(unique(anchor(text.article.body[block.start : block.end]), used))
    return anchors


def in_the_background(actor: Actor, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    """On an actor page: the sentences of the topics' summaries and text naming the actor,
    each linked to where it stands on its topic's page (the curated events naming it are
    on the page's timeline, in full)."""
    refs = [r for r in corpus.background.get(actor.id, ()) if r.part.kind != "event"]
    if not refs:
        return
    topics = {t.id: t for t in corpus.topics}
    yield "## In the background"
    for topic_id, group in groupby(refs, key=lambda r: r.topic):
        topic = topics[topic_id]
        anchors = section_anchors(topic, corpus)
        sentences = []
        for _, same in groupby(group, key=lambda r: r.sentence_start):
            mentions = list(same)
            href = background_href(mentions[0], anchors)
            sentences.append({"href": href, "parts": highlighted(mentions)})
        yield Html(
            templates.render(
                "mentions",
                href=m.slug_url("background", topic_id, DEPTH),
                title=topic.title,
                date=None,
                sentences=sentences,
            ),
            searched=False,  # search finds these sentences on the topic's page
        )


def background_href(ref: BackgroundRef, anchors: list[str]) -> str:
    """Where a sentence of a topic's text stands on the topic's page."""
    where: str | None
    if ref.part.kind == "event":
        where = event_anchor(ref.part.index + 1)
    elif ref.section is not None and ref.section < len(anchors):
        where = anchors[ref.section]
    else:
        where = None
    return m.slug_url("background", ref.topic, DEPTH, where)


def highlighted(refs: list[BackgroundRef]) -> list[tuple[str, str]]:
    """The sentence cut at the actor's mentions: (text before, mention) pairs, the last
    mention empty."""
    sentence, origin = refs[0].sentence, refs[0].sentence_start
    parts, position = [], 0
    for ref in refs:
        start, end = ref.mention.start - origin, ref.mention.end - origin
        parts.append((sentence[position:start], sentence[start:end]))
        position = end
    parts.append((sentence[position:], ""))
    return parts


def briefing_list(briefings: Iterable[Briefing], depth: int) -> Html:
    """Briefings as an HTML list, each its linked headline and date, on a page ``depth``
    folders deep."""
    items = "".join(
        f'<li><a href="{m.slug_url("briefings", b.article.slug, depth)}">'
        f"{m.text(b.article.title)}</a> · {m.human_date(b.article.date)}</li>"
        for b in briefings
    )
    return Html(f'<ul class="briefing-list">{items}</ul>' if items else "")


def render_topics_index(corpus: Corpus) -> Rendered:
    """The list of background topics."""
    topics = "\n".join(
        f"- [{m.text(t.title)}]({t.id}.md) — {m.text(t.summary)}" for t in corpus.topics
    )
    return assemble(
        [
            "# Background",
            "The long-running stories behind the news, written by the editors.",
            topics or "No topics yet.",
        ]
    )


def background_section(
    briefing: Briefing, corpus: Corpus, templates: Templates = DEFAULT
) -> Iterator[str | Html]:
    """For a briefing in a topic: the summary and the events before the article's date."""
    date = briefing.article.date.isoformat() if briefing.article.date else None
    for topic_id in corpus.topics_of.get(briefing.article.slug, ()):
        topic = next(t for t in corpus.topics if t.id == topic_id)
        yield f"## Background: {m.text(topic.title)}"
        if topic.summary:
            yield summary(topic, corpus, templates, DEPTH)
        recent = events_before(
            corpus.events_of_topic.get(topic.id, ()),
            date,
            briefing.article.slug,
            corpus.first_days_of_topic.get(topic.id),
        )
        yield event_list(recent, corpus, depth=DEPTH)
        yield f"[The whole background and timeline →](../background/{topic.id}.md)"


def events_before(
    events: Sequence[Event],
    date: str | None,
    slug: str,
    days: Sequence[dt.date] | None = None,
) -> list[Event]:
    """The most recent events before ``date`` (not from the briefing itself), oldest first
    like every timeline. ``days``, each event's first day in order (:func:`.first_days`),
    finds where ``date`` falls by bisection, instead of going back through the events
    after it: for every briefing of a long-running topic, that walk grew with the square
    of the archive."""
    day = dt.date.fromisoformat(date) if date else None
    if days is None:
        days = first_days(events)
    candidates: Sequence[Event]
    if days is None:  # not in timeline order: every event is looked at
        candidates = [
            e for e in events if day is None or ((s := calendar_span(e.date)) and s[0] < day)
        ]
    else:  # before ``day``: the events up to the first that starts on it or later
        candidates = events[: len(events) if day is None else bisect.bisect_left(days, day)]
    recent: list[Event] = []
    for event in reversed(candidates):
        if event.slug != slug:
            recent.append(event)
            if len(recent) == BACKGROUND_EVENTS:
                break
    return recent[::-1]
