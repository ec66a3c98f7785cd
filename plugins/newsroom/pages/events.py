"""Timeline entries, shared by briefings, actors, topics and the timeline page."""

from __future__ import annotations

from collections.abc import Iterable

from ..corpus import Corpus, Event
from . import markup as m
from .blocks import Html


def event_item(
    event: Event,
    corpus: Corpus,
    depth: int,
    link_briefing: bool = True,
    unsearched_if_extracted: bool = False,
) -> str:
    """One timeline entry as an HTML list item, on a page ``depth`` folders deep; with
    ``unsearched_if_extracted``, an event from a briefing is left out of search (search
    finds it in its briefing)."""
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
    excluded = m.NOT_SEARCHED if unsearched_if_extracted and not event.curated else ""
    return (
        f"<li{excluded}><strong>{m.human_date(event.date)}</strong> · {m.text(event.text)}{where} "
        f"<small>({kind})</small></li>"
    )


def event_list(
    events: Iterable[Event],
    corpus: Corpus,
    depth: int,
    link_briefing: bool = True,
    searched: bool = False,
) -> Html:
    """Timeline entries as one HTML list, left out of search unless ``searched`` (the one
    page where a curated event is found: its topic's; events from briefings are found in
    their briefing)."""
    items = "".join(event_item(e, corpus, depth, link_briefing, searched) for e in events)
    return Html(f'<ul class="briefing-events">{items}</ul>' if items else "", searched)
