"""A generated page: Markdown for what MkDocs should read, and finished HTML for the rest.

Headings, links to other pages and short lists stay Markdown, so MkDocs builds the table
of contents, checks and rewrites the links, and Material styles them. The long parts (an
article's paragraphs, every sentence naming an actor, timelines, claim lists) are made as
HTML, already escaped, and reach the page after Markdown has run: Python-Markdown would
only parse them to copy them through unchanged, and for a country named in hundreds of
articles that parse was most of the build. Each such block leaves a marker in the Markdown
(an HTML comment, which Markdown passes through as it is) that :meth:`Rendered.fill`
replaces; :attr:`Rendered.standalone` is the same page as one Markdown document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MARKER = "<!-- briefings-html {} -->"
MARKER_PATTERN = re.compile(r"<!-- briefings-html (\d+) -->")


@dataclass(frozen=True)
class Html:
    """A block of finished HTML: every text in it escaped with :mod:`.markup`."""

    html: str


@dataclass(frozen=True)
class Rendered:
    """A page: its Markdown, with a marker where each of its HTML blocks goes."""

    markdown: str
    html: tuple[str, ...] = ()

    def fill(self, content: str) -> str:
        """The page's HTML (what Markdown made of :attr:`markdown`) with its blocks in."""
        if not self.html:
            return content
        return MARKER_PATTERN.sub(lambda found: self._block(found), content)

    @property
    def standalone(self) -> str:
        """The page as one Markdown document, its HTML blocks written in as raw HTML."""
        return self.fill(self.markdown)

    def with_front_matter(self, front_matter: str) -> Rendered:
        return Rendered(front_matter + self.markdown, self.html)

    def _block(self, found: re.Match[str]) -> str:
        index = int(found[1])
        return self.html[index] if index < len(self.html) else found[0]


def assemble(parts: Iterable[str | Html]) -> Rendered:
    """Join a page's parts (empty ones dropped) with blank lines; consecutive HTML blocks
    become one."""
    markdown: list[str] = []
    html: list[list[str]] = []  # joined at the end: adding to a growing string is quadratic
    previous_html = False
    for part in parts:
        if isinstance(part, Html):
            if not part.html:
                continue
            if previous_html:
                html[-1].append(part.html)
            else:
                markdown.append(MARKER.format(len(html)))
                html.append([part.html])
            previous_html = True
        elif part:
            # An editor's Markdown (a topic's text) that happens to hold a marker keeps it
            # as the comment it is, never as a block of this page.
            markdown.append(MARKER_PATTERN.sub(lambda found: found[0].replace("-->", " -->"), part))
            previous_html = False
    return Rendered("\n\n".join(markdown) + "\n", tuple("\n".join(block) for block in html))
