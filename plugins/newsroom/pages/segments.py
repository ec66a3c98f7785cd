"""A run of annotated text as segments: plain text, an actor's mention linked to its page
with its one line (the tooltip), or a date. Briefing paragraphs and headings, a topic's
summary and its timeline's events are all written this way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import Actor, DateMention, Mention
from ..nlp.dates.values import is_calendar
from . import markup as m

Mark = tuple[int, int, "Segment"]


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph: plain text, or text marked as an actor's mention or a date."""

    text: str = ""
    actor: Actor | None = None
    href: str = ""
    tip: str = ""
    date: str | None = None


def actor_mark(actor: Actor, depth: int, note: str | None = None, surface: str = "") -> Segment:
    """A linked mention, on a page ``depth`` folders deep: the actor, its page and its one
    line (the tooltip), after the reader's note on the surface (a capital for its state)."""
    tip = f"{actor.name}: {actor.description}" if actor.description else actor.name
    if note:
        tip = f"{surface}: {note}. {tip}"
    return Segment(actor=actor, href=m.slug_url("actors", actor.id, depth), tip=tip)


def marks(
    mentions: Iterable[Mention],
    dates: Iterable[DateMention],
    actors: Mapping[str, Actor],
    depth: int,
) -> list[Mark]:
    """The linked mentions (of ``actors``) and calendar dates, in order; where two overlap,
    the first wins (mentions and dates never nest)."""
    found: list[Mark] = [
        (x.start, x.end, actor_mark(actors[x.actor], depth, x.note, x.text))
        for x in mentions
        if x.actor is not None and x.actor in actors
    ]
    found += [
        (d.start, d.end, Segment(date=d.value))
        for d in dates
        if d.value and is_calendar(d.value)  # a reference or a decade has no datetime
    ]
    found.sort(key=lambda mark: (mark[0], mark[1]))
    kept: list[Mark] = []
    for mark in found:
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def split(body: str, start: int, end: int, kept: list[Mark]) -> list[Segment]:
    """``body[start:end]`` as segments in order: plain text, and each marked range inside it
    with its mark (an actor link or a date)."""
    segments: list[Segment] = []
    position = start
    for mark_start, mark_end, mark in kept:
        if mark_start < start or mark_end > end:
            continue
        if mark_start > position:
            segments.append(Segment(body[position:mark_start]))
        text = body[mark_start:mark_end]  # the mark with its text (not replace(): 3x slower)
        segments.append(Segment(text, mark.actor, mark.href, mark.tip, mark.date))
        position = mark_end
    if end > position:
        segments.append(Segment(body[position:end]))
    return segments
