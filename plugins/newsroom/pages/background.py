"""Background: a topic's page, and the background section of the briefings that belong to it."""

from __future__ import annotations

import bisect

from ..corpus import Corpus, Event
from ..model import Briefing, Topic
from . import markup as m
from .events import event_item
from .sources import topic_figures

BACKGROUND_EVENTS = 8


def render_topic(topic: Topic, corpus: Corpus) -> str:
    """The topic page: the editors' text, its briefings and the whole timeline."""
    parts = [
        f"# {m.text(topic.title)}",
        f"*{m.text(topic.summary)}*" if topic.summary else "",
        topic.body,
    ]
    events = corpus.events_of_topic.get(topic.id, ())
    if events:
        parts.append("## Timeline")
        parts.append("\n".join(event_item(e, corpus, depth=2) for e in events))
    parts.append(topic_figures(topic, corpus))
    members = [b for b in corpus.briefings if topic.id in corpus.topics_of[b.article.slug]]
    if members:
        parts.append("## Briefings on this topic")
        parts.append(
            "\n".join(
                f"- [{m.text(b.article.title)}](../briefings/{b.article.slug}.md) · {m.human_date(b.article.date)}"
                for b in members
            )
        )
    return "\n\n".join(p for p in parts if p) + "\n"


def render_topics_index(corpus: Corpus) -> str:
    """The list of background topics."""
    parts = ["# Background", "The long-running stories behind the news, written by the editors."]
    parts.append(
        "\n".join(f"- [{m.text(t.title)}]({t.id}.md) — {m.text(t.summary)}" for t in corpus.topics)
        or "No topics yet."
    )
    return "\n\n".join(parts) + "\n"


def background_section(briefing: Briefing, corpus: Corpus) -> str:
    """For a briefing in a topic: the summary and the events before the article's date."""
    parts = []
    date = briefing.article.date.isoformat() if briefing.article.date else None
    for topic_id in corpus.topics_of.get(briefing.article.slug, ()):
        topic = next(t for t in corpus.topics if t.id == topic_id)
        parts.append(f"## Background: {m.text(topic.title)}")
        if topic.summary:
            parts.append(m.text(topic.summary))
        recent = events_before(
            corpus.events_of_topic.get(topic.id, ()), date, briefing.article.slug
        )
        if recent:
            parts.append("\n".join(event_item(e, corpus, depth=2) for e in recent))
        parts.append(f"[The whole background and timeline →](../background/{topic.id}.md)")
    return "\n\n".join(parts)


def events_before(events: tuple[Event, ...], date: str | None, slug: str) -> list[Event]:
    """The most recent events before ``date`` (not from the briefing itself), newest first."""
    end = bisect.bisect_left(events, date, key=lambda e: e.date) if date else len(events)
    recent: list[Event] = []
    for event in reversed(events[:end]):
        if event.slug != slug:
            recent.append(event)
        if len(recent) == BACKGROUND_EVENTS:
            break
    return recent
