"""An article's body text to blocks: paragraphs and sub-headings, page furniture dropped."""

from __future__ import annotations

import re

from ..furniture import DATELINE_SEARCH, is_furniture, is_known_furniture, strip_dateline
from ..model import Block
from .errors import SeedError

# Lines that web pages leave at the end of a pasted article; dropped only at the very end.
# A sub-heading is a short line without end punctuation, inside the body.
SUBHEADING_MAX_CHARS = 90


SUBHEADING_MAX_WORDS = 12


END_PUNCTUATION = tuple(".!?:;,\"'”’)…»")


def split_headline(text: str) -> tuple[str, str, int]:
    """A .txt article: the first non-empty line is the headline."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            return " ".join(line.split()), "\n".join(lines[index + 1 :]), index + 1
    raise SeedError(
        "file is empty (it holds only whitespace); paste the article text or delete the file"
    )


def parse_blocks(
    text: str,
    markdown: bool = False,
    headline: str | None = None,
    dropped: list[tuple[int, str]] | None = None,
) -> list[tuple[str, str]]:
    """Body text to (kind, text) blocks: paragraphs and sub-headings, furniture dropped (each
    dropped line added to ``dropped`` with its line in ``text``, from 1)."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    raw: list[tuple[str, str, int]] = []  # kind, text, line of its start
    if markdown:
        paragraph: list[str] = []
        start = 0
        for number, line in enumerate([*lines, ""], start=1):
            heading = re.match(r"#{1,6}\s+(.*?)\s*#*$", line)
            if heading or not line:
                if paragraph:
                    raw.append(("paragraph", " ".join(paragraph), start))
                    paragraph = []
                if heading and heading.group(1):
                    raw.append(("heading", heading.group(1), number))
            else:
                if not paragraph:
                    start = number
                paragraph.append(line)
    else:
        raw = [("paragraph", line, number) for number, line in enumerate(lines, start=1) if line]
    raw = _without_furniture(raw, headline, dropped)
    blocks = [(kind, line) for kind, line, _ in raw]
    for index, (kind, line) in enumerate(blocks[:DATELINE_SEARCH]):
        if kind == "paragraph" and (stripped := strip_dateline(line)) != line:
            blocks[index] = ("paragraph", stripped)
            break
    return [
        ("heading", text_)
        if kind == "paragraph" and 0 < index < len(blocks) - 1 and is_subheading(text_)
        else (kind, text_)
        for index, (kind, text_) in enumerate(blocks)
    ]


def _without_furniture(
    raw: list[tuple[str, str, int]],
    headline: str | None,
    dropped: list[tuple[int, str]] | None,
) -> list[tuple[str, str, int]]:
    """Drop furniture: any kind in the leading and trailing runs of furniture, only known
    shapes between the first and last paragraph of text."""
    edge = [kind == "paragraph" and is_furniture(line, headline) for kind, line, _ in raw]
    first = next((i for i, drop in enumerate(edge) if not drop), len(raw))
    last = next((i for i in range(len(raw) - 1, -1, -1) if not edge[i]), -1)
    kept = []
    for index, (kind, line, number) in enumerate(raw):
        inside = first <= index <= last
        if kind == "paragraph" and (is_known_furniture(line) if inside else edge[index]):
            if dropped is not None:
                dropped.append((number, line))
            continue
        kept.append((kind, line, number))
    return kept


def is_subheading(line: str) -> bool:
    """A short line without end punctuation reads as a sub-heading."""
    return (
        len(line) <= SUBHEADING_MAX_CHARS
        and len(line.split()) <= SUBHEADING_MAX_WORDS
        and not line.endswith(END_PUNCTUATION)
        and line[:1].isupper()
    )


def join_blocks(blocks: list[tuple[str, str]]) -> tuple[str, tuple[Block, ...]]:
    """The body is the blocks joined by blank lines; each block records its span."""
    parts: list[str] = []
    spans: list[Block] = []
    position = 0
    for kind, text in blocks:
        if parts:
            position += 2
        spans.append(
            Block("heading" if kind == "heading" else "paragraph", position, position + len(text))
        )
        parts.append(text)
        position += len(text)
    return "\n\n".join(parts), tuple(spans)
