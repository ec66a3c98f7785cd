"""A background topic's pages: the front page (the editors' text, the curated timeline and
the newest briefings on the topic) and one page per :data:`.paging.TOPIC_BRIEFINGS` older
briefings, with their events, figures and headlines, so that a topic followed for years
stays a page a reader can load."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..corpus import Corpus
from ..model import Briefing, Topic
from . import markup as m
from . import paging
from .background import briefing_list, render_topic
from .blocks import MARKER, Html, Rendered, assemble
from .events import event_list
from .sources import topic_figures
from .templating import DEFAULT, Templates


def topic_uri(topic_id: str) -> str:
    """Where a topic's front page sits under docs/."""
    return f"background/{topic_id}.md"


def render_topic_pages(
    topic: Topic, corpus: Corpus, templates: Templates = DEFAULT
) -> dict[str, Rendered]:
    """Every page of a topic by its path under docs/."""
    members = [b for b in corpus.briefings if topic.id in corpus.topics_of[b.article.slug]]
    pages: dict[str, Rendered] = {}
    for part in paging.split(members[::-1], paging.TOPIC_BRIEFINGS):
        view = part_view(topic, corpus, part)
        uri = paging.page_uri(topic_uri(topic.id), part.number)
        if part.front:
            pager = paging.pager(topic_uri(topic.id), part, 2, f"Pages of {topic.title}")
            pages[uri] = followed_by(render_topic(topic, view, templates), pager)
        else:
            pages[uri] = assemble(older_sections(topic, view, part))
    return pages


def followed_by(page: Rendered, block: Html) -> Rendered:
    """``page`` with one more HTML block at its end (none if the block is empty)."""
    if not block.html:
        return page
    index = len(page.html)
    unsearched = page.unsearched if block.searched else page.unsearched | {index}
    markdown = page.markdown.rstrip("\n") + "\n\n" + MARKER.format(index) + "\n"
    return Rendered(markdown, (*page.html, block.html), unsearched)


def part_view(topic: Topic, corpus: Corpus, part: paging.Part[Briefing]) -> Corpus:
    """The corpus as one page of a topic sees it: only the page's briefings, and the
    topic's events from them (the curated ones on the front page)."""
    slugs = {b.article.slug for b in part}
    events = tuple(
        e
        for e in corpus.events_of_topic.get(topic.id, ())
        if (e.slug in slugs if e.slug else part.front)
    )
    return dataclasses.replace(
        corpus,
        briefings=tuple(part.items[::-1]),
        events_of_topic={**corpus.events_of_topic, topic.id: events},
    )


def older_sections(topic: Topic, view: Corpus, part: paging.Part[Briefing]) -> Iterator[str | Html]:
    """An older page of a topic: its briefings' events, figures and headlines."""
    depth = paging.depth_of(paging.page_uri(topic_uri(topic.id), part.number))
    yield f"# {m.text(topic.title)}: earlier briefings, page {part.number}"
    yield f"[The topic's background and latest briefings →]({'../' * 2}{topic.id}.md)"
    events = view.events_of_topic.get(topic.id, ())
    if events:
        yield "## Timeline"
        yield event_list(events, view, depth=depth, searched=True)
    yield from topic_figures(topic, view, depth)
    yield "## Briefings on this topic"
    yield briefing_list(view.briefings, depth=depth)
    yield paging.pager(topic_uri(topic.id), part, depth, f"Pages of {topic.title}")
