"""The cross-article index: actors and their mentions, co-mentions, claims by source,
topics per briefing and the timeline. Linear in the size of the corpus."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .model import Actor, ActorType, Briefing, Claim, Editorial, Figure, Mention, Topic
from .nlp.actors import TYPE_OF_LABEL

TYPE_NOUNS: dict[ActorType, tuple[str, str]] = {
    "person": ("Person", "People"),
    "organization": ("Organization", "Organizations"),
    "country": ("Country", "Countries"),
    "place": ("Place", "Places"),
    "group": ("Group", "Groups"),
    "event": ("Event", "Events"),
    "other": ("Other", "Other"),
}


@dataclass(frozen=True)
class MentionRef:
    """A mention seen from an actor page: which briefing, which sentence and paragraph."""

    slug: str
    mention: Mention
    sentence: str
    sentence_start: int
    block: int


@dataclass(frozen=True)
class ClaimRef:
    slug: str
    date: dt.date | None
    claim: Claim
    block: int


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

    @property
    def curated(self) -> bool:
        return self.topic is not None


@dataclass(frozen=True)
class Corpus:
    """Everything the pages need, indexed once."""

    briefings: tuple[Briefing, ...]  # newest first
    actors: Mapping[str, Actor]  # every actor named at least once, registry or not
    mentions: Mapping[str, tuple[MentionRef, ...]]
    co_mentions: Mapping[str, tuple[tuple[str, int], ...]]
    claims: Mapping[str, tuple[ClaimRef, ...]]  # by source actor, newest first
    topics: tuple[Topic, ...]
    topics_of: Mapping[str, tuple[str, ...]]  # briefing slug -> topic ids
    events: tuple[Event, ...]  # in date order
    by_slug: Mapping[str, Briefing] = field(default_factory=dict)
    appearances: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    events_of_briefing: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    events_of_actor: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    events_of_topic: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)

    def briefings_of(self, actor_id: str) -> tuple[str, ...]:
        """Slugs of the briefings that name an actor, newest first."""
        return self.appearances.get(actor_id, ())

    def actor_counts(self, briefing: Briefing) -> Counter[str]:
        """Mentions per actor in one briefing."""
        return Counter(
            m.actor for m in briefing.annotation.mentions if m.actor and m.actor in self.actors
        )

    def figures_of(self, topic: Topic) -> list[tuple[Briefing, Figure]]:
        """The key figures of the briefings of a topic, oldest first."""
        members = [
            b for b in reversed(self.briefings) if topic.id in self.topics_of[b.article.slug]
        ]
        return [(b, f) for b in members for f in b.annotation.figures]


def build_corpus(briefings: Sequence[Briefing], editorial: Editorial) -> Corpus:
    """Index every briefing: one pass over the mentions, one over the claims."""
    ordered = sorted(
        briefings, key=lambda b: (b.article.date or dt.date.min, b.article.slug), reverse=True
    )
    registry = editorial.actor_map()
    mentions: dict[str, list[MentionRef]] = defaultdict(list)
    co_counts: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    claims: dict[str, list[ClaimRef]] = defaultdict(list)
    events: list[Event] = []
    topics_of: dict[str, tuple[str, ...]] = {}
    for briefing in ordered:
        article, annotation = briefing.article, briefing.annotation
        by_sentence: dict[int, list[str]] = defaultdict(list)
        for mention in annotation.mentions:
            if mention.actor is None:
                continue
            sentence = annotation.sentences[mention.sentence]
            mentions[mention.actor].append(
                MentionRef(
                    article.slug,
                    mention,
                    article.body[sentence.start : sentence.end],
                    sentence.start,
                    sentence.block,
                )
            )
            by_sentence[mention.sentence].append(mention.actor)
            labels[mention.actor][mention.label] += 1
            surfaces[mention.actor][mention.text] += 1
        for actors_here in by_sentence.values():
            distinct = set(actors_here)
            for actor_id in distinct:
                co_counts[actor_id].update(distinct - {actor_id})
        for claim in annotation.claims:
            if claim.source:
                block = annotation.sentences[claim.sentence].block
                claims[claim.source].append(ClaimRef(article.slug, article.date, claim, block))
        named = {m.actor for m in annotation.mentions if m.actor}
        topics_of[article.slug] = tuple(
            t.id for t in editorial.topics if t.actors and set(t.actors) <= named
        )
        events.extend(extract_events(briefing, by_sentence))
    for topic in editorial.topics:
        events.extend(
            Event(e.date, e.text, e.actors, topic=topic.id, source=e.source, url=e.url)
            for e in topic.timeline
        )
    actors: dict[str, Actor] = {}
    for actor_id, counter in surfaces.items():
        if actor_id in registry:
            actors[actor_id] = registry[actor_id]
        else:
            label = labels[actor_id].most_common(1)[0][0]
            name = counter.most_common(1)[0][0]
            actors[actor_id] = Actor(
                actor_id, name, TYPE_OF_LABEL.get(label, "other"), registered=False
            )
    for actor_id, actor in list(actors.items()):
        if not actor.description:
            count = len({ref.slug for ref in mentions[actor_id]})
            noun = TYPE_NOUNS[actor.type][0]
            plural = "briefing" if count == 1 else "briefings"
            actors[actor_id] = Actor(
                **{**actor.__dict__, "description": f"{noun} named in {count} {plural}"}
            )
    timeline = tuple(sorted(events, key=lambda e: (e.date, not e.curated, e.slug or "")))
    by_briefing: dict[str, list[Event]] = defaultdict(list)
    by_actor: dict[str, list[Event]] = defaultdict(list)
    by_topic: dict[str, list[Event]] = defaultdict(list)
    for event in timeline:
        if event.slug:
            by_briefing[event.slug].append(event)
        for actor_id in event.actors:
            by_actor[actor_id].append(event)
        for topic_id in (event.topic,) if event.topic else topics_of.get(event.slug or "", ()):
            by_topic[topic_id].append(event)
    return Corpus(
        briefings=tuple(ordered),
        actors=actors,
        mentions={k: tuple(v) for k, v in mentions.items()},
        co_mentions={
            k: tuple(sorted(v.items(), key=lambda item: (-item[1], item[0])))
            for k, v in co_counts.items()
        },
        claims={k: tuple(v) for k, v in claims.items()},
        topics=editorial.topics,
        topics_of=topics_of,
        events=timeline,
        by_slug={b.article.slug: b for b in ordered},
        events_of_briefing={k: tuple(v) for k, v in by_briefing.items()},
        events_of_actor={k: tuple(v) for k, v in by_actor.items()},
        events_of_topic={k: tuple(v) for k, v in by_topic.items()},
        appearances={k: tuple(dict.fromkeys(ref.slug for ref in v)) for k, v in mentions.items()},
    )


def extract_events(briefing: Briefing, actors_by_sentence: Mapping[int, list[str]]) -> list[Event]:
    """One event per sentence that holds a resolved date: the sentence, dated, with its actors."""
    article, annotation = briefing.article, briefing.annotation
    events = []
    done: set[int] = set()
    for date in annotation.dates:
        if date.value is None or date.sentence in done or not annotation.sentences:
            continue
        done.add(date.sentence)
        sentence = annotation.sentences[date.sentence]
        events.append(
            Event(
                date=date.value,
                text=article.body[sentence.start : sentence.end],
                actors=tuple(dict.fromkeys(actors_by_sentence.get(date.sentence, []))),
                slug=article.slug,
                block=sentence.block,
            )
        )
    return events
