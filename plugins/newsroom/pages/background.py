"""Background: a topic's page, and the background section of the briefings that belong to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..corpus import Corpus, Event
from ..model import Briefing, Topic
from ..nlp.dates.values import calendar_span
from . import markup as m
from .blocks import Html, Rendered, assemble
from .events import event_list
from .sources import topic_figures

BACKGROUND_EVENTS = 8


def render_topic(topic: Topic, corpus: Corpus) -> Rendered:
    """The topic page: the editors' text, its briefings and the whole timeline."""
    return assemble(topic_sections(topic, corpus))


def topic_sections(topic: Topic, corpus: Corpus) -> Iterator[str | Html]:
    yield f"# {m.text(topic.title)}"
    if topic.summary:
        yield f"*{m.text(topic.summary)}*"
    yield topic.body
    events = corpus.events_of_topic.get(topic.id, ())
    if events:
        yield "## Timeline"
        yield event_list(events, corpus, depth=2, searched=True)
    yield from topic_figures(topic, corpus)
    members = [b for b in corpus.briefings if topic.id in corpus.topics_of[b.article.slug]]
    if members:
        yield "## Briefings on this topic"
        yield briefing_list(members, depth=2)


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


def background_section(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    """For a briefing in a topic: the summary and the events before the article's date."""
    date = briefing.article.date.isoformat() if briefing.article.date else None
    for topic_id in corpus.topics_of.get(briefing.article.slug, ()):
        topic = next(t for t in corpus.topics if t.id == topic_id)
        yield f"## Background: {m.text(topic.title)}"
        if topic.summary:
            yield m.text(topic.summary)
        recent = events_before(
            corpus.events_of_topic.get(topic.id, ()), date, briefing.article.slug
        )
        yield event_list(recent, corpus, depth=2)
        yield f"[The whole background and timeline →](../background/{topic.id}.md)"


def events_before(events: tuple[Event, ...], date: str | None, slug: str) -> list[Event]:
    """The most recent events before ``date`` (not from the briefing itself), oldest first
    like every timeline."""
    day = dt.date.fromisoformat(date) if date else None
    recent: list[Event] = []
    for event in reversed(events):
        span = calendar_span(event.date)
        if day is not None and (span is None or span[0] >= day):
            continue  # on or after the briefing's day: not background
        if event.slug != slug:
            recent.append(event)
        if len(recent) == BACKGROUND_EVENTS:
            break
    return recent[::-1]
