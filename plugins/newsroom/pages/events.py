"""Timeline entries, shared by briefings, actors, topics and the timeline page."""

from __future__ import annotations

from collections.abc import Iterable

from ..corpus import Corpus
from ..timeline import Event
from . import markup as m
from .blocks import Html
from .segments import actor_mark, split
from .templating import DEFAULT, Templates


def event_anchor(number: int) -> str:
    """The anchor of a curated event on its topic's page; actor pages link to it."""
    return f"event-{number}"


def event_text(event: Event, corpus: Corpus, depth: int, templates: Templates = DEFAULT) -> str:
    """An event's text as HTML, the actors it names linked (a curated event's; the sentences
    of briefings are linked in their briefing)."""
    named = [
        (start, end, actor_mark(corpus.actors[actor], depth))
        for start, end, actor in event.mentions
        if actor in corpus.actors
    ]
    if not named:
        return m.text(event.text)
    return templates.render("segments", segments=split(event.text, 0, len(event.text), named))


def event_item(
    event: Event,
    corpus: Corpus,
    depth: int,
    link_briefing: bool = True,
    unsearched_if_extracted: bool = False,
    anchored: bool = False,
) -> str:
    """One timeline entry as an HTML list item, on a page ``depth`` folders deep; with
    ``unsearched_if_extracted``, an event from a briefing is left out of search (search
    finds it in its briefing); ``anchored`` (on its topic's page), a curated event has its
    anchor."""
    where = ""
    if event.slug:
        anchor = m.paragraph_id(event.block or 0)
        if link_briefing:
            title = m.text(corpus.by_slug[event.slug].article.title)
            where = f' — <a href="{m.slug_url("briefings", event.slug, depth, anchor)}">{title}</a>'
        else:
            where = f' — <a href="#{anchor}">in the text</a>'
    if event.source:  # a curated event, perhaps joined by the briefing that tells it too
        source = m.text(event.source)
        if event.url and event.url.startswith(("https://", "http://")):
            source = f'<a href="{m.attr(event.url)}" rel="nofollow noopener">{source}</a>'
        where += f' — <span class="briefing-source">{source}</span>'
    kind = "curated" if event.curated else "from the briefing"
    attributes = m.NOT_SEARCHED if unsearched_if_extracted and not event.curated else ""
    if anchored and event.number is not None:
        attributes += f' id="{event_anchor(event.number)}"'
    return (
        f"<li{attributes}><strong>{m.human_date(event.date)}</strong> · "
        f"{event_text(event, corpus, depth)}{where} <small>({kind})</small></li>"
    )


def event_list(
    events: Iterable[Event],
    corpus: Corpus,
    depth: int,
    link_briefing: bool = True,
    searched: bool = False,
) -> Html:
    """Timeline entries as one HTML list, left out of search unless ``searched`` (the one
    page where a curated event is found, with its anchor: its topic's; events from
    briefings are found in their briefing)."""
    items = "".join(
        event_item(e, corpus, depth, link_briefing, searched, anchored=searched) for e in events
    )
    return Html(f'<ul class="briefing-events">{items}</ul>' if items else "", searched)
