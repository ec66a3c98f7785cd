"""What changed since the corpus before: found once per corpus, so that a serve rebuild
asks of each page whether anything it shows changed in time proportional to the change,
not to the archive.

A corpus is compared with the one seen just before it in this process (serve builds one
per rebuild). Each corpus gets a number; something kept from an earlier build holds for
a corpus when it was made or checked for the one before (its number is one less) and
nothing it depends on is among the changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..corpus import Corpus
from ..model import Briefing
from ..timeline import Event, first_days


@dataclass(frozen=True)
class Changes:
    """``corpus`` against the corpus seen before it.

    ``rank``: each briefing's place in ``corpus.briefings`` (0: the newest);
    ``unchanged_from``: the place from which on every briefing, and every older one, is
    the same as before as other pages see it (:func:`seen_as`: nothing earlier was added,
    removed, re-dated, retitled, or names other actors);
    ``briefings``: slugs of the briefings added, edited or removed;
    ``actors``: ids of the actors added, removed or changed (name, type, description, or
    the briefing their description is quoted from);
    ``topic_days``: for each topic whose timeline changed, the first days of its events
    added or removed and of its events told by a retitled briefing, in order (``date.max``
    for events without a day, which come before no dated briefing), or None where the
    timeline is out of day order (anything may have changed); topics not listed are
    unchanged;
    ``editorial``: the topics and their annotated text are the same as before;
    ``events``: slugs of the briefings with an event added to the timeline or gone from it
    (a new article's event can take the place of an earlier one's: see
    :func:`.merge_groups`);
    ``actor_pages``: ids of the actors whose pages may show something changed: those
    changed, those named in, quoting or on the events of a changed briefing (before or
    after), and those appearing with a changed actor."""

    corpus: Corpus
    rank: Mapping[str, int]
    unchanged_from: int
    number: int
    briefings: frozenset[str]
    actors: frozenset[str]
    topic_days: Mapping[str, tuple[dt.date, ...] | None]
    editorial: bool
    events: frozenset[str]
    actor_pages: frozenset[str]


_LAST: list[Changes] = []


def changes_of(corpus: Corpus) -> Changes:
    """The :class:`Changes` of ``corpus`` against the corpus seen before it."""
    if _LAST and _LAST[0].corpus is corpus:
        return _LAST[0]
    before = _LAST[0].corpus if _LAST else None
    now = corpus.briefings
    last = before.briefings if before is not None else ()
    same = 0  # how many of the oldest are unchanged, as other pages see them
    for new, old in zip(reversed(now), reversed(last), strict=False):
        if new is not old and seen_as(new) != seen_as(old):
            break
        same += 1
    rank = {b.article.slug: i for i, b in enumerate(now)}
    number = _LAST[0].number + 1 if _LAST else 0
    if before is None:
        nothing: frozenset[str] = frozenset()
        found = Changes(
            corpus, rank, len(now) - same, number, nothing, nothing, {}, False, nothing, nothing
        )
    else:
        briefings = changed_briefings(before, corpus)
        actors = changed_actors(before, corpus, briefings)
        events = changed_events(before, corpus)
        found = Changes(
            corpus,
            rank,
            len(now) - same,
            number,
            briefings,
            actors,
            changed_topics(before, corpus, briefings),
            before.topics == corpus.topics and before.backgrounds == corpus.backgrounds,
            events,
            actors_shown_changed(before, corpus, briefings | events, actors),
        )
    _LAST[:] = [found]
    return found


def seen_as(briefing: Briefing) -> tuple[object, ...]:
    """What pages other than its own show of a briefing, or find related through: its
    slug, date, headline and the actors it names (an edit of its text alone changes none)."""
    article = briefing.article
    named = frozenset(m.actor for m in briefing.annotation.mentions if m.actor)
    return (article.slug, article.date, article.title, named)


def forget() -> None:
    """Start afresh: the next corpus is compared with none (everything counts as changed)."""
    _LAST.clear()


def changed_briefings(before: Corpus, after: Corpus) -> frozenset[str]:
    """Slugs of the briefings added, removed or different."""
    slugs = before.by_slug.keys() | after.by_slug.keys()
    return frozenset(
        s
        for s in slugs
        if (old := before.by_slug.get(s)) is not (new := after.by_slug.get(s)) and old != new
    )


def changed_actors(before: Corpus, after: Corpus, briefings: frozenset[str]) -> frozenset[str]:
    """Ids of the actors added, removed or different, or described in a changed briefing's
    words (the paragraph they are quoted from may have moved)."""
    ids = before.actors.keys() | after.actors.keys()
    changed = set()
    for actor_id in ids:
        old, new = before.actors.get(actor_id), after.actors.get(actor_id)
        quoted = getattr(new.description_source, "briefing", None) if new else None
        if (old is not new and old != new) or quoted in briefings:
            changed.add(actor_id)
    return frozenset(changed)


def changed_events(before: Corpus, after: Corpus) -> frozenset[str]:
    """Slugs of the briefings with an event on the timeline or off it since: the timelines'
    events compared by identity first (those of unchanged briefings are mostly the same
    objects), then by value."""
    old_ids, new_ids = {id(e) for e in before.events}, {id(e) for e in after.events}
    gone = Counter(e for e in before.events if id(e) not in new_ids)
    gone.subtract(e for e in after.events if id(e) not in old_ids)
    return frozenset(e.slug for e, count in gone.items() if count and e.slug)


def actors_shown_changed(
    before: Corpus, after: Corpus, briefings: frozenset[str], actors: frozenset[str]
) -> frozenset[str]:
    """Ids of the actors whose pages may differ: the changed ``actors``, the actors named
    in or quoted by the changed ``briefings`` or on their events on the timeline (as they
    were and as they are), and the actors sharing sentences with a changed actor (their
    pages name it)."""
    found = set(actors)
    for corpus in (before, after):
        for slug in briefings:
            briefing = corpus.by_slug.get(slug)
            if briefing is not None:
                found.update(m.actor for m in briefing.annotation.mentions if m.actor)
                found.update(c.source for c in briefing.annotation.claims if c.source)
        for event in corpus.events:
            if event.slug in briefings:
                found.update(event.actors)
        for actor_id in actors:
            found.update(partner for partner, _ in corpus.co_mentions.get(actor_id, ()))
    return frozenset(found)


def changed_topics(
    before: Corpus, after: Corpus, briefings: frozenset[str]
) -> dict[str, tuple[dt.date, ...] | None]:
    """For each topic whose timeline changed, the first days of the events that differ
    (see :attr:`Changes.topic_days`)."""
    retitled = {s for s in briefings if headline(before, s) != headline(after, s)}
    found: dict[str, tuple[dt.date, ...] | None] = {}
    for topic in {t.id for t in before.topics} | {t.id for t in after.topics}:
        old = before.events_of_topic.get(topic, ())
        new = after.events_of_topic.get(topic, ())
        old_days = before.first_days_of_topic.get(topic, ())
        new_days = after.first_days_of_topic.get(topic, ())
        if old_days is None or new_days is None:
            if old != new or any(e.slug in retitled for e in (*old, *new)):
                found[topic] = None
            continue
        days = differing_days(old, old_days, new, new_days)
        days += [day for events, firsts in ((old, old_days), (new, new_days))
                 for event, day in zip(events, firsts, strict=True) if event.slug in retitled]  # fmt: skip
        if days:
            found[topic] = tuple(sorted(set(days)))
    return found


def differing_days(
    old: tuple[Event, ...],
    old_days: tuple[dt.date, ...],
    new: tuple[Event, ...],
    new_days: tuple[dt.date, ...],
) -> list[dt.date]:
    """The first days of the events in one timeline and not the other, both in day order
    (``*_days``: each event's first day), walked side by side day by day."""
    days: list[dt.date] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and (old[i] is new[j] or old[i] == new[j]):
            i, j = i + 1, j + 1
            continue
        day = min(old_days[i] if i < len(old) else dt.date.max,
                  new_days[j] if j < len(new) else dt.date.max)  # fmt: skip
        start_i, start_j = i, j
        while i < len(old) and old_days[i] == day:
            i += 1
        while j < len(new) and new_days[j] == day:
            j += 1
        if Counter(old[start_i:i]) != Counter(new[start_j:j]):
            days.append(day)
    return days


def headline(corpus: Corpus, slug: str) -> str | None:
    """A briefing's headline, None where the corpus has no such briefing."""
    briefing = corpus.by_slug.get(slug)
    return briefing.article.title if briefing is not None else None


def first_day(event: Event) -> dt.date:
    """The event's first day; ``date.max`` when the calendar places it nowhere (timelines
    sort such events last: they come before no dated briefing)."""
    days = first_days((event,))
    return days[0] if days else dt.date.max
