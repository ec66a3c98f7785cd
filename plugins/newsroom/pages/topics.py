"""A background topic's pages: the front page (the editors' text, the curated timeline and
the newest briefings on the topic) and one page per :data:`.paging.TOPIC_BRIEFINGS` older
briefings, with their events, figures and headlines, so that a topic followed for years
stays a page a reader can load."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from ..corpus import Corpus
from ..model import Briefing, Topic
from ..timeline import Event
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
    topic: Topic, corpus: Corpus, templates: Templates = DEFAULT, templates_key: object = None
) -> dict[str, Rendered]:
    """Every page of a topic by its path under docs/. With a ``templates_key`` (what the
    templates are), a page made from the same inputs in an earlier build is given again."""
    members = [b for b in corpus.briefings if topic.id in corpus.topics_of[b.article.slug]]
    parts = paging.split(members[::-1], paging.TOPIC_BRIEFINGS)
    pages: dict[str, Rendered] = {}
    for part, events in zip(parts, events_by_part(topic, corpus, parts), strict=True):
        uri = paging.page_uri(topic_uri(topic.id), part.number)
        inputs = None
        if templates_key is not None:
            inputs = page_inputs(topic, corpus, part, events, templates_key)
            made = MADE.get(uri)
            if made is not None and made[0] == inputs:
                pages[uri] = made[1]
                continue
        view = part_view(topic, corpus, part, events)
        if part.front:
            pager = paging.pager(topic_uri(topic.id), part, 2, f"Pages of {topic.title}")
            pages[uri] = followed_by(render_topic(topic, view, templates), pager)
        else:
            pages[uri] = assemble(older_sections(topic, view, part))
        if inputs is not None:
            MADE[uri] = (inputs, pages[uri])
    return pages


# Topic pages made in an earlier build of this process, by path, with what each was made
# from: a new article changes its topics' front pages, not the full older pages before them.
MADE: dict[str, tuple[tuple[object, ...], Rendered]] = {}


def events_by_part(
    topic: Topic, corpus: Corpus, parts: Sequence[paging.Part[Briefing]]
) -> list[tuple[Event, ...]]:
    """The topic's events each page shows, in timeline order, a tuple per page of ``parts``:
    those told by the page's briefings, and the curated ones told by none on the front page."""
    page_of = {b.article.slug: index for index, part in enumerate(parts) for b in part.items}
    shown: list[list[Event]] = [[] for _ in parts]
    for event in corpus.events_of_topic.get(topic.id, ()):
        index = page_of.get(event.slug) if event.slug else 0  # the front page comes first
        if index is not None:
            shown[index].append(event)
    return [tuple(events) for events in shown]


def page_inputs(
    topic: Topic,
    corpus: Corpus,
    part: paging.Part[Briefing],
    events: tuple[Event, ...],
    templates_key: object,
) -> tuple[object, ...]:
    """Everything one page of a topic is made from: the topic, which page of how many, its
    briefings and events, and the actors its events, figures and (on the front page) the
    editors' text link to; the front page also its templates and the annotated text."""
    named = {actor for event in events for _, _, actor in event.mentions}
    named.update(f.source for b in part.items for f in b.annotation.figures if f.source)
    if not part.front:
        actors = tuple((a, corpus.actors.get(a)) for a in sorted(named))
        return (topic.id, topic.title, part.number, part.older, part.items, events, actors)
    background = corpus.backgrounds.get(topic.id)
    if background is not None:
        named.update(x.actor for x in background[1].mentions if x.actor)
    actors = tuple((a, corpus.actors.get(a)) for a in sorted(named))
    return (templates_key, topic, background, part.number, part.older, part.items, events, actors)


def followed_by(page: Rendered, block: Html) -> Rendered:
    """``page`` with one more HTML block at its end (none if the block is empty)."""
    if not block.html:
        return page
    index = len(page.html)
    unsearched = page.unsearched if block.searched else page.unsearched | {index}
    markdown = page.markdown.rstrip("\n") + "\n\n" + MARKER.format(index) + "\n"
    return Rendered(markdown, (*page.html, block.html), unsearched)


def part_view(
    topic: Topic, corpus: Corpus, part: paging.Part[Briefing], events: tuple[Event, ...]
) -> Corpus:
    """The corpus as one page of a topic sees it: only the page's briefings, and the
    topic's ``events`` from them (see :func:`events_by_part`)."""
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
