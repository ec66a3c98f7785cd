"""Where a generated page sits: the section whose tab it lights, its breadcrumb, and its
table of contents for screens where Material hides the sidebar that holds it.

Briefings and actor pages are kept out of the navigation (it would grow with the corpus);
each belongs to the section of its index page, which Material then shows as active.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify

from .blocks import Html
from .templating import Templates

if TYPE_CHECKING:
    from mkdocs.structure.toc import AnchorLink

# A generated page's folder -> the index page of its section (its tab).
SECTION_INDEXES = {
    "briefings/": "briefings/index.md",
    "actors/": "actors/index.md",
    "background/": "background/index.md",
    "timeline/": "timeline.md",  # the timeline's earlier pages
}
# The pages that get a table of contents of their own on small screens.
TOC_SECTIONS = ("briefings/", "actors/", "background/")


def section_index(src_uri: str) -> str | None:
    """The index page of the section a generated page belongs to; None for an index page
    or a page outside the sections."""
    for folder, index in SECTION_INDEXES.items():
        if src_uri.startswith(folder) and src_uri != index:
            return index
    return None


def wants_toc(src_uri: str) -> bool:
    """Whether the page (a briefing, an actor or a topic) gets the small-screen contents."""
    return src_uri.startswith(TOC_SECTIONS) and section_index(src_uri) is not None


def anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading of this text (its default slugify)."""
    return str(slugify(html.unescape(heading), "-"))


def breadcrumb(crumbs: Sequence[tuple[str, str]], templates: Templates) -> Html:
    """The trail above a generated page's headline: (text, URL) from the section down."""
    rows = [{"text": text, "href": href} for text, href in crumbs]
    return Html(templates.render("breadcrumb", crumbs=rows))


def with_toc(content: str, toc: Iterable[AnchorLink], templates: Templates) -> str:
    """The page's HTML with its contents (the headings under its title) after the title."""
    items = list(toc)
    if items and items[0].level == 1:
        items = list(items[0].children)
    if len(items) < 2:
        return content
    position = content.find("</h1>")
    if position < 0:
        return content
    position += len("</h1>")
    return content[:position] + "\n" + templates.render("toc", toc=items) + content[position:]
