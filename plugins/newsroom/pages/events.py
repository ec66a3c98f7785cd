"""Timeline entries, shared by briefings, actors, topics and the timeline page."""

from __future__ import annotations

from ..corpus import Corpus, Event
from . import markup as m


def event_item(event: Event, corpus: Corpus, depth: int, link_briefing: bool = True) -> str:
    """One timeline entry as a Markdown list item (links relative to ``depth``)."""
    prefix = "../" * (depth - 1)
    where = ""
    if event.slug:
        anchor = m.paragraph_id(event.block or 0)
        if link_briefing:
            title = m.text(corpus.by_slug[event.slug].article.title)
            where = f" — [{title}]({prefix}briefings/{event.slug}.md#{anchor})"
        else:
            where = f" — [in the text](#{anchor})"
    elif event.source:
        source = m.text(event.source)
        if event.url and event.url.startswith(("https://", "http://")):
            source = f'<a href="{m.attr(event.url)}" rel="nofollow noopener">{source}</a>'
        where = f' — <span class="briefing-source">{source}</span>'
    kind = "curated" if event.curated else "from the briefing"
    return f"- **{m.human_date(event.date)}** · {m.text(event.text)}{where} <small>({kind})</small>"
