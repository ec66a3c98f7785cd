"""Long lists cut into pages of a fixed size, so that no page grows with the archive.

Pages are counted from the oldest item: page 1 holds the oldest ``size`` items, page 2 the
next, and the newest items (at most ``size``) are on the front page, at the list's own URL
(``/actors/<id>/``, ``/briefings/``, ``/timeline/``). A full page never changes when a new
article comes in, so its URL (``/actors/<id>/page/<n>/``) keeps its content, and a rebuild
after adding an article renders the front page again, not every page after a shift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import markup as m
from .blocks import Html

T = TypeVar("T")

# Items per page: each kind's items are of about the same size, so these bound a page's HTML
# (about 250 KB at most for the longest kind; `make bench` checks the bound at 1,600 articles).
ACTOR_BRIEFINGS = 30  # briefings an actor page lists the sentences of
INDEX_BRIEFINGS = 300  # briefings on a page of the briefings index
TIMELINE_EVENTS = 250  # events on a page of the timeline
TOPIC_BRIEFINGS = 40  # briefings whose events, figures and headlines a topic page lists
PAGER_WINDOW = 3  # page links shown either side of the current one


@dataclass(frozen=True)
class Part(Sequence[T]):
    """One page of a paged list: its items (oldest first), its number (0: the front page,
    1 the oldest page) and how many older pages there are."""

    items: tuple[T, ...]
    number: int
    older: int

    def __getitem__(self, index: int) -> T:  # type: ignore[override]
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    @property
    def front(self) -> bool:
        return self.number == 0


def split(items: Sequence[T], size: int) -> list[Part[T]]:
    """``items`` (oldest first) cut into pages of ``size``, counted from the oldest: the
    front page (number 0) first, then the older pages 1, 2, ...; always at least the front
    page, which holds the newest items."""
    full = max(0, (len(items) - 1) // size)  # the older pages are full; the front is not empty
    parts = [Part(tuple(items[full * size :]), 0, full)]
    parts += [Part(tuple(items[(n - 1) * size : n * size]), n, full) for n in range(1, full + 1)]
    return parts


def page_uri(base: str, number: int) -> str:
    """Where page ``number`` of the list whose front page is ``base`` (``actors/x.md``,
    ``briefings/index.md``) sits under docs/: ``actors/x/page/2.md``."""
    if number == 0:
        return base
    folder = base.removesuffix(".md").removesuffix("/index")
    return f"{folder}/page/{number}.md"


def number_of(src_uri: str) -> int:
    """The number of an older page from its path (``actors/x/page/2.md``: 2); 0 otherwise."""
    head, _, tail = src_uri.removesuffix(".md").rpartition("/page/")
    return int(tail) if head and tail.isdigit() else 0


def page_url(base: str, number: int) -> str:
    """The URL of page ``number`` under the site root (``actors/x/page/2/``)."""
    path = page_uri(base, number).removesuffix(".md")
    return path.removesuffix("index") if path.endswith("/index") or path == "index" else path + "/"


def depth_of(src_uri: str) -> int:
    """How many folders deep a page's URL is (``actors/x.md`` -> ``/actors/x/``: 2)."""
    parts = src_uri.removesuffix(".md").split("/")
    return len(parts) - 1 if parts[-1] == "index" else len(parts)


def pager(base: str, part: Part[T], depth: int, label: str = "Pages") -> Html:
    """Links to the other pages of a list: the front page ("Latest"), the oldest and the
    newest older page and a few around this one; empty when the list has one page."""
    if part.older == 0:
        return Html("")
    up = "../" * depth
    shown = {1, part.older} | set(
        range(max(1, part.number - PAGER_WINDOW), min(part.older, part.number + PAGER_WINDOW) + 1)
    )
    if part.front:
        shown |= set(range(max(1, part.older - 2 * PAGER_WINDOW), part.older + 1))
    links: list[str] = []
    previous = 0
    for number in [0, *sorted(shown, reverse=True)]:
        if previous and number and previous - number > 1:
            links.append('<li aria-hidden="true">…</li>')
        previous = number or part.older + 1
        text = "Latest" if number == 0 else str(number)
        if number == part.number:
            links.append(f'<li><a aria-current="page">{text}</a></li>')
        else:
            href = up + "/".join(m.segment(step) for step in page_url(base, number).split("/"))
            links.append(f'<li><a href="{m.attr(href)}">{text}</a></li>')
    return Html(
        f'<nav class="briefing-pager" aria-label="{m.attr(label)}"><ul>{"".join(links)}</ul></nav>',
        searched=False,
    )
