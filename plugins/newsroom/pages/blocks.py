"""A generated page: Markdown for what MkDocs should read, and finished HTML for the rest.

Headings, links to other pages and short lists stay Markdown, so MkDocs builds the table
of contents, checks and rewrites the links, and Material styles them. The long parts (an
article's paragraphs, every sentence naming an actor, timelines, claim lists) are made as
HTML, already escaped, and reach the page after Markdown has run: Python-Markdown would
only parse them to copy them through unchanged, and for a country named in hundreds of
articles that parse was most of the build. Each such block leaves a marker in the Markdown
(an HTML comment, which Markdown passes through as it is) that :meth:`Rendered.fill`
replaces; :attr:`Rendered.standalone` is the same page as one Markdown document.

A block that only repeats what search finds elsewhere (the sentences of the briefings on
an actor page, timelines of events from briefings) is not searched: its marker stays in
the page until the site's search has indexed it, and :meth:`Rendered.fill_unsearched` puts
the block in the finished HTML. Search then neither indexes nor even reads it, which was
half of what it read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

MARKER = "<!-- briefings-html {} -->"
MARKER_PATTERN = re.compile(r"<!-- briefings-html (\d+) -->")


@dataclass(frozen=True)
class Html:
    """A block of finished HTML: every text in it escaped with :mod:`.markup`."""

    html: str
    searched: bool = True  # False: added after the site's search has indexed the page


@dataclass(frozen=True)
class Rendered:
    """A page: its Markdown, with a marker where each of its HTML blocks goes."""

    markdown: str
    html: tuple[str, ...] = ()
    unsearched: frozenset[int] = frozenset()  # the blocks (by index) search does not read

    def fill(self, content: str) -> str:
        """The page's HTML (what Markdown made of :attr:`markdown`) with its searched blocks
        in; the markers of the others stay for :meth:`fill_unsearched`."""
        return self._fill(content, lambda index: index not in self.unsearched)[0]

    def fill_unsearched(self, output: str) -> tuple[str, int]:
        """The finished page (after search has read it) with the unsearched blocks in, and
        how many of them found no marker left to go to."""
        filled, count = self._fill(output, lambda index: index in self.unsearched)
        return filled, len(self.unsearched) - count

    @property
    def standalone(self) -> str:
        """The page as one Markdown document, its HTML blocks written in as raw HTML."""
        return self._fill(self.markdown, lambda index: True)[0]

    def with_front_matter(self, front_matter: str) -> Rendered:
        return Rendered(front_matter + self.markdown, self.html, self.unsearched)

    def _fill(self, text: str, wanted: Callable[[int], bool]) -> tuple[str, int]:
        """``text`` with the wanted blocks in, and how many markers were replaced."""
        if not self.html:
            return text, 0
        filled: set[int] = set()

        def block(found: re.Match[str]) -> str:
            index = int(found[1])
            if index >= len(self.html) or not wanted(index):
                return found[0]
            filled.add(index)
            return self.html[index]

        return MARKER_PATTERN.sub(block, text), len(filled)


def assemble(parts: Iterable[str | Html]) -> Rendered:
    """Join a page's parts (empty ones dropped) with blank lines; consecutive HTML blocks
    become one, if search reads all of them or none."""
    markdown: list[str] = []
    html: list[list[str]] = []  # joined at the end: adding to a growing string is quadratic
    unsearched: set[int] = set()
    previous: Html | None = None
    for part in parts:
        if isinstance(part, Html):
            if not part.html:
                continue
            if previous is not None and previous.searched == part.searched:
                html[-1].append(part.html)
            else:
                markdown.append(MARKER.format(len(html)))
                if not part.searched:
                    unsearched.add(len(html))
                html.append([part.html])
            previous = part
        elif part:
            # An editor's Markdown (a topic's text) that happens to hold a marker keeps it
            # as the comment it is, never as a block of this page.
            markdown.append(MARKER_PATTERN.sub(lambda found: found[0].replace("-->", " -->"), part))
            previous = None
    blocks = tuple("\n".join(block) for block in html)
    return Rendered("\n\n".join(markdown) + "\n", blocks, frozenset(unsearched))
