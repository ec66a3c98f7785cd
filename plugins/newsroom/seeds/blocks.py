"""An article's body text to blocks: paragraphs and sub-headings, page furniture dropped."""

from __future__ import annotations

import re

from ..furniture import DATELINE_SEARCH, is_furniture, strip_dateline
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
    text: str, markdown: bool = False, headline: str | None = None
) -> list[tuple[str, str]]:
    """Body text to (kind, text) blocks: paragraphs and sub-headings, furniture dropped."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if markdown:
        raw: list[tuple[str, str]] = []
        paragraph: list[str] = []
        for line in [*lines, ""]:
            heading = re.match(r"#{1,6}\s+(.*?)\s*#*$", line)
            if heading or not line:
                if paragraph:
                    raw.append(("paragraph", " ".join(paragraph)))
                    paragraph = []
                if heading and heading.group(1):
                    raw.append(("heading", heading.group(1)))
            else:
                paragraph.append(line)
    else:
        raw = [("paragraph", line) for line in lines if line]
    raw = [
        (kind, line) for kind, line in raw if kind == "heading" or not is_furniture(line, headline)
    ]
    for index, (kind, line) in enumerate(raw[:DATELINE_SEARCH]):
        if kind == "paragraph" and (stripped := strip_dateline(line)) != line:
            raw[index] = ("paragraph", stripped)
            break
    return [
        ("heading", text_)
        if kind == "paragraph" and 0 < index < len(raw) - 1 and is_subheading(text_)
        else (kind, text_)
        for index, (kind, text_) in enumerate(raw)
    ]


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
