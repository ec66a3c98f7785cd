"""A topic's background as a text to annotate like an article, and its mentions read back.

The summary, the editors' prose and each event of the curated timeline become the blocks
of one :class:`~newsroom.model.Article`, so the annotate stage (its cache, the model, the
registry's resolver) treats a topic as it treats a seed. The prose is Markdown: it is read
as plain text (markers, emphasis, link targets, code and tags left out) with, for every
character kept, its offset in the editor's source, so that a page can put a link around a
name exactly where the editor wrote it. No spaCy here: this runs on every build.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .model import Annotation, Article, Block, Mention, Topic

PartKind = Literal["summary", "prose", "heading", "event"]
NOT_IN_SOURCE = -1  # a character the source holds elsewhere or not at all: never linked

HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
ATTR_LIST = re.compile(r"^[ \t]*\{:?[^}]*\}[ \t]*$")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s")  # a link's target, defined on its own line
# Inline Markdown read as plain text: what is dropped, and what keeps its text unlinkable.
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I)
CODE = re.compile(r"`+[^`]*`+")
TAG = re.compile(r"<[^>\n]*>")
EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


@dataclass(frozen=True)
class Part:
    """Where one block of a topic's text comes from: its summary, a prose paragraph or list
    item, a prose heading (``index``: its place among the headings) or a timeline event
    (``index``: its place in the topic's timeline)."""

    kind: PartKind
    index: int = 0


@dataclass(frozen=True)
class TopicText:
    """A topic as an article: one block per part, and the prose's map back to its source."""

    topic: Topic
    article: Article
    parts: tuple[Part, ...]  # one per block of ``article``
    source: tuple[int, ...]  # per character of the body: its offset in ``topic.body``


@dataclass(frozen=True)
class BackgroundRef:
    """A sentence of a topic's text naming an actor, as an actor page lists it."""

    topic: str
    part: Part
    sentence: str
    sentence_start: int
    mention: Mention
    section: int | None  # the prose heading it sits under (by its place among them), if any


def topic_text(topic: Topic) -> TopicText:
    """The summary, the prose and the timeline of ``topic`` as one annotatable article."""
    pieces: list[tuple[Part, str, list[int]]] = []
    if topic.summary:
        pieces.append((Part("summary"), topic.summary, [NOT_IN_SOURCE] * len(topic.summary)))
    headings = 0
    for kind, text, offsets in prose_blocks(topic.body):
        pieces.append((Part(kind, headings if kind == "heading" else 0), text, offsets))
        headings += kind == "heading"
    for index, event in enumerate(topic.timeline):
        pieces.append((Part("event", index), event.text, [NOT_IN_SOURCE] * len(event.text)))
    body: list[str] = []
    source: list[int] = []
    blocks: list[Block] = []
    for part, text, offsets in pieces:
        if body:
            body.append("\n\n")
            source += [NOT_IN_SOURCE] * 2
        start = len(source)
        blocks.append(
            Block("heading" if part.kind == "heading" else "paragraph", start, start + len(text))
        )
        body.append(text)
        source += offsets
    article = Article(
        path=Path("topics") / f"{topic.id}.md",  # as corrections.yml may name it
        slug=f"background/{topic.id}",  # never a briefing's slug: those hold no slash
        title=topic.title,
        body="".join(body),
        blocks=tuple(blocks),
    )
    return TopicText(topic, article, tuple(p for p, _, _ in pieces), tuple(source))


def topic_texts(topics: Iterable[Topic]) -> list[TopicText]:
    """Every topic with any text to annotate."""
    return [t for t in map(topic_text, topics) if t.article.blocks]


def prose_blocks(markdown: str) -> list[tuple[PartKind, str, list[int]]]:
    """The editor's Markdown as plain blocks (headings, paragraphs, list items), each with
    the source offset of every character (a line break read as a space keeps its own)."""
    blocks: list[tuple[PartKind, str, list[int]]] = []
    chars: list[str] = []
    offsets: list[int] = []

    def close() -> None:
        text = "".join(chars).strip()
        if text:
            lead = len("".join(chars)) - len("".join(chars).lstrip())
            blocks.append(("prose", text, offsets[lead : lead + len(text)]))
        chars.clear()
        offsets.clear()

    position, fenced = 0, False
    for line in markdown.split("\n"):
        start, position = position, position + len(line) + 1
        if FENCE.match(line):
            close()
            fenced = not fenced
            continue
        if fenced or ATTR_LIST.match(line) or REFERENCE.match(line):
            continue
        if not line.strip():
            close()
            continue
        heading = HEADING.match(line)
        if heading:
            close()
            text, where = inline_text(heading[2], start + heading.start(2))
            if text.strip():
                lead = len(text) - len(text.lstrip())
                blocks.append(("heading", text.strip(), where[lead : lead + len(text.strip())]))
            continue
        item = LIST_ITEM.match(line)
        if item:
            close()
        marker = item or QUOTE.match(line)
        skip = marker.end() if marker else len(line) - len(line.lstrip())
        text, where = inline_text(line[skip:], start + skip)
        if chars:  # a line break inside the block: a name may run across it
            chars.append(" ")
            offsets.append(start - 1 if skip == 0 else NOT_IN_SOURCE)
        chars.extend(text)
        offsets.extend(where)
    close()
    return blocks


def inline_text(line: str, start: int) -> tuple[str, list[int]]:
    """One line's inline Markdown as plain text, with each character's source offset; a
    link's text is kept but never linked again (:data:`NOT_IN_SOURCE`)."""
    dropped = [False] * len(line)
    unlinkable = [False] * len(line)
    for pattern in (IMAGE, CODE, TAG):
        for found in pattern.finditer(line):
            dropped[found.start() : found.end()] = [True] * (found.end() - found.start())
    for found in LINK.finditer(line):
        if any(dropped[found.start() : found.end()]):
            continue  # inside code or a tag
        for i in range(found.start(), found.end()):
            dropped[i] = not found.start(1) <= i < found.end(1)
            unlinkable[i] = True
    for found in HTML_LINK.finditer(line):  # its tags are dropped already, its text is kept
        unlinkable[found.start(1) : found.end(1)] = [True] * (found.end(1) - found.start(1))
    for found in EMPHASIS.finditer(line):
        dropped[found.start() : found.end()] = [True] * (found.end() - found.start())
    text, where = [], []
    for i, char in enumerate(line):
        if not dropped[i]:
            text.append(char)
            where.append(NOT_IN_SOURCE if unlinkable[i] else start + i)
    return "".join(text), where


def source_span(text: TopicText, start: int, end: int) -> tuple[int, int] | None:
    """Where ``body[start:end]`` of a topic's text is in the editor's source, if it is there
    as it is (no markup inside it, not in a link already); else None."""
    offsets = text.source[start:end]
    if not offsets or offsets[0] == NOT_IN_SOURCE:
        return None
    first = offsets[0]
    if any(o != first + i for i, o in enumerate(offsets)):
        return None
    return first, first + len(offsets)


def background_refs(
    text: TopicText, annotation: Annotation, known: Container[str]
) -> dict[str, list[BackgroundRef]]:
    """The sentences of a topic's text naming each ``known`` actor, in text order."""
    body = text.article.body
    headings = [
        (b.start, p.index)
        for b, p in zip(text.article.blocks, text.parts, strict=True)
        if p.kind == "heading"
    ]
    refs: dict[str, list[BackgroundRef]] = defaultdict(list)
    for mention in annotation.mentions:
        if mention.actor not in known or mention.actor is None:
            continue
        sentence = annotation.sentences[mention.sentence]
        part = text.parts[sentence.block]
        above = [index for start, index in headings if start <= sentence.start]
        section = above[-1] if above and part.kind != "event" else None
        refs[mention.actor].append(
            BackgroundRef(
                text.topic.id,
                part,
                body[sentence.start : sentence.end],
                sentence.start,
                mention,
                section,
            )
        )
    return refs


def event_mentions(
    text: TopicText, annotation: Annotation, known: Container[str]
) -> dict[int, tuple[tuple[int, int, str], ...]]:
    """For each timeline event of the topic (by index): the first mention of each ``known``
    actor in it as (start, end, actor id), offsets into the event's text."""
    out: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for mention in mentions_in(text, annotation, ("event",), known):
        block_index = annotation.sentences[mention.sentence].block
        part, block = text.parts[block_index], text.article.blocks[block_index]
        inside = block.start <= mention.start and mention.end <= block.end
        if mention.actor is not None and inside:
            start, end = mention.start - block.start, mention.end - block.start
            out[part.index].append((start, end, mention.actor))
    return {k: tuple(v) for k, v in out.items()}


def mentions_in(
    text: TopicText, annotation: Annotation, kinds: Sequence[PartKind], known: Container[str]
) -> list[Mention]:
    """The first mention of each ``known`` actor in each block of the given kinds: the
    background's paragraphs name the same few states again and again, and one link a
    paragraph reaches each (a link is a tooltip too, which the theme sets up one by one)."""
    wanted = {i for i, p in enumerate(text.parts) if p.kind in kinds}
    seen: set[tuple[int, str]] = set()
    first = []
    for mention in annotation.mentions:
        block = annotation.sentences[mention.sentence].block
        if mention.actor is None or mention.actor not in known or block not in wanted:
            continue
        if (block, mention.actor) not in seen:
            seen.add((block, mention.actor))
            first.append(mention)
    return first


def index_backgrounds(
    backgrounds: Iterable[tuple[TopicText, Annotation]], known: Container[str]
) -> tuple[dict[str, list[BackgroundRef]], dict[tuple[str, int], tuple[tuple[int, int, str], ...]]]:
    """For the annotated topics: the sentences naming each ``known`` actor, and the mentions
    of each timeline event by (topic id, event index)."""
    refs: dict[str, list[BackgroundRef]] = defaultdict(list)
    events: dict[tuple[str, int], tuple[tuple[int, int, str], ...]] = {}
    for text, annotation in backgrounds:
        for actor_id, found in background_refs(text, annotation, known).items():
            refs[actor_id].extend(found)
        for index, spans in event_mentions(text, annotation, known).items():
            events[(text.topic.id, index)] = spans
    return refs, events
