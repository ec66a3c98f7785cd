"""The timeline's events: one per dated sentence of a briefing or curated in a topic, and
the merge that tells one event once when several sources report it."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .model import Briefing, DateMention
from .nlp.dates.values import calendar_span, is_calendar, sort_key


@dataclass(frozen=True)
class Event:
    """A dated event on a timeline: extracted from a briefing or curated in a topic."""

    date: str
    text: str
    actors: tuple[str, ...] = ()
    slug: str | None = None  # the briefing it comes from
    block: int | None = None
    topic: str | None = None  # the topic whose curated timeline holds it
    source: str | None = None
    url: str | None = None
    reported: bool = False  # dated by the report ("said Wednesday"): it happened by then
    number: int | None = None  # a curated event's place in its topic's timeline, from 1
    mentions: tuple[tuple[int, int, str], ...] = ()  # (start, end, actor id) in ``text``

    @property
    def curated(self) -> bool:
        return self.topic is not None


def extract_events(briefing: Briefing, actors_by_sentence: Mapping[int, list[str]]) -> list[Event]:
    """One event per sentence that holds a calendar date: the sentence, dated by what happened
    where the sentence says so, else by its report ("state media said Wednesday")."""
    article, annotation = briefing.article, briefing.annotation
    if not annotation.sentences:
        return []
    dates_of: dict[int, list[DateMention]] = defaultdict(list)
    for date in annotation.dates:
        if is_calendar(date.value):
            dates_of[date.sentence].append(date)
    events = []
    for index, dates in dates_of.items():
        date = next((d for d in dates if not d.reported), dates[0])
        sentence = annotation.sentences[index]
        events.append(
            Event(
                date=date.value or "",
                text=article.body[sentence.start : sentence.end],
                actors=tuple(dict.fromkeys(actors_by_sentence.get(index, []))),
                slug=article.slug,
                block=sentence.block,
                reported=date.reported,
            )
        )
    return events


# Events that share this many actors and fall on the same day, or a reported one within this
# many days after the other, are one event told twice.
SAME_EVENT_ACTORS = 2
REPORT_DELAY_DAYS = 3


def merge_events(events: Sequence[Event]) -> tuple[Event, ...]:
    """The timeline with each event once: an event from one source that another source already
    has (same actors, same day, or reported within days of it) joins it, which keeps the date
    of what happened and gains the link to the briefing."""
    return tuple(kept for kept, _ in merge_groups(events))


def merge_groups(events: Sequence[Event]) -> list[tuple[Event, list[Event]]]:
    """Each entry of the merged timeline with the events it stands for, in timeline order.
    An event is compared only with the entries dated within a few days of it (the only ones
    :func:`same_event` can match), found by day: comparing it with every entry took time
    growing with the square of the archive."""
    groups: list[tuple[Event, list[Event]]] = []
    by_day: dict[dt.date, list[int]] = defaultdict(list)  # day of an entry -> its indexes
    for event in events:
        day = single_day(event.date)
        candidates: Iterable[int] = ()
        if day is not None:
            near = (
                day + dt.timedelta(days=d) for d in range(-REPORT_DELAY_DAYS, REPORT_DELAY_DAYS + 1)
            )
            candidates = sorted(i for other in near for i in by_day.get(other, ()))
        twin = next((i for i in candidates if same_event(groups[i][0], event)), None)
        if twin is None:
            if day is not None:
                by_day[day].append(len(groups))
            groups.append((event, [event]))
            continue
        (first, members), second = groups[twin], event
        keep, other = (second, first) if first.reported and not second.reported else (first, second)
        if keep.slug is None and other.slug is not None:
            keep = replace(keep, slug=other.slug, block=other.block)
        if keep.date != first.date:  # the entry moves to the day of what happened
            old, new = single_day(first.date), single_day(keep.date)
            if old is not None:
                by_day[old].remove(twin)
            if new is not None:
                by_day[new].append(twin)
        groups[twin] = (keep, [*members, event])
    return sorted(groups, key=lambda g: timeline_key(g[0]))


def first_days(events: Sequence[Event]) -> tuple[dt.date, ...] | None:
    """The first day of each event (``date.max`` for one no calendar places, as timelines
    sort it), or None if the events are not in that order."""
    days = tuple(span[0] if (span := calendar_span(e.date)) else dt.date.max for e in events)
    return days if all(a <= b for a, b in itertools.pairwise(days)) else None


def single_day(value: str) -> dt.date | None:
    """The day a date value names, or None when it spans more (a month) or is no date."""
    span = calendar_span(value)
    return span[0] if span is not None and span[0] == span[1] else None


def timeline_key(event: Event) -> tuple[tuple[dt.date, dt.date], bool, str]:
    """Timeline order: oldest first, a curated event before one from a briefing."""
    return sort_key(event.date), not event.curated, event.slug or ""


def events_by_briefing(groups: Sequence[tuple[Event, list[Event]]]) -> dict[str, list[Event]]:
    """Each briefing's own events: the merged entry where it carries the briefing's link, else
    the briefing's own sentence (another briefing told the same event first)."""
    out: dict[str, list[Event]] = defaultdict(list)
    for kept, members in groups:
        for member in members:
            if not member.slug:
                continue
            chosen = kept if kept.slug == member.slug else member
            if chosen not in out[member.slug]:
                out[member.slug].append(chosen)
    return {slug: sorted(events, key=timeline_key) for slug, events in out.items()}


def same_event(a: Event, b: Event) -> bool:
    """Whether two events from different sources tell of one thing that happened."""
    if (a.slug and a.slug == b.slug) or (a.curated and b.curated):
        return False
    if len(set(a.actors) & set(b.actors)) < SAME_EVENT_ACTORS:
        return False
    span_a, span_b = calendar_span(a.date), calendar_span(b.date)
    if span_a is None or span_b is None or span_a[0] != span_a[1] or span_b[0] != span_b[1]:
        return False  # only days are compared: a month holds many events
    gap = (span_b[0] - span_a[0]).days
    if gap == 0:
        return True
    later_reported = b.reported if gap > 0 else a.reported
    return later_reported and abs(gap) <= REPORT_DELAY_DAYS
