"""The cross-article index: actors and their mentions, co-mentions, claims by source,
topics per briefing and the timeline. Linear in the size of the corpus."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from slugify import slugify

from .model import (
    TYPE_OF_LABEL,
    Actor,
    ActorType,
    Annotation,
    Briefing,
    Claim,
    DescriptionSource,
    Editorial,
    Figure,
    Mention,
    Topic,
)
from .nlp.clubs import clubs
from .nlp.gazetteer import Place, gazetteer
from .nlp.titles import described_kind
from .timeline import (
    Event,
    events_by_briefing,
    extract_events,
    first_days,
    merge_groups,
    timeline_key,
)
from .topics import BackgroundRef, TopicText, index_backgrounds

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
    # The topics' own text (summary, prose, timeline) as annotated, and its sentences that
    # name each actor: the background is linked like a briefing.
    backgrounds: Mapping[str, tuple[TopicText, Annotation]] = field(default_factory=dict)
    background: Mapping[str, tuple[BackgroundRef, ...]] = field(default_factory=dict)

    @functools.cached_property
    def first_days_of_topic(self) -> Mapping[str, tuple[dt.date, ...] | None]:
        """The first day of each event of each topic's timeline, in the timeline's order
        (:func:`.timeline.first_days`), worked out once for every briefing's background."""
        return {topic: first_days(events) for topic, events in self.events_of_topic.items()}

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


@dataclass(frozen=True)
class BriefingParts:
    """What one briefing adds to the corpus's indexes, by actor in the order the briefing
    first names each (counts as mappings never changed once made)."""

    mentions: tuple[tuple[str, tuple[MentionRef, ...]], ...]
    labels: tuple[tuple[str, Mapping[str, int]], ...]
    surfaces: tuple[tuple[str, Mapping[str, int]], ...]
    co_mentions: tuple[tuple[str, Mapping[str, int]], ...]  # sentences shared with others
    claims: tuple[tuple[str, tuple[ClaimRef, ...]], ...]  # by source
    named: frozenset[str]
    events: tuple[Event, ...]


# Serve: each briefing's parts by id of its article, with the briefing they were made from.
PARTS: dict[int, tuple[Briefing, BriefingParts]] = {}


def briefing_parts(briefing: Briefing) -> BriefingParts:
    """One pass over a briefing's mentions and claims, and its events."""
    article, annotation = briefing.article, briefing.annotation
    by_sentence: dict[int, list[str]] = defaultdict(list)
    mentions: dict[str, list[MentionRef]] = defaultdict(list)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
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
    co_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for actors_here in by_sentence.values():
        distinct = set(actors_here)
        for actor_id in distinct:
            co_counts[actor_id].update(distinct - {actor_id})
    claims: dict[str, list[ClaimRef]] = defaultdict(list)
    for claim in annotation.claims:
        if claim.source:
            block = annotation.sentences[claim.sentence].block
            claims[claim.source].append(ClaimRef(article.slug, article.date, claim, block))
    return BriefingParts(
        mentions=tuple((k, tuple(v)) for k, v in mentions.items()),
        labels=tuple(labels.items()),
        surfaces=tuple(surfaces.items()),
        co_mentions=tuple(co_counts.items()),
        claims=tuple((k, tuple(v)) for k, v in claims.items()),
        named=frozenset(m.actor for m in annotation.mentions if m.actor),
        events=tuple(extract_events(briefing, by_sentence)),
    )


def build_corpus(
    briefings: Sequence[Briefing],
    editorial: Editorial,
    backgrounds: Sequence[tuple[TopicText, Annotation]] = (),
    remember: bool = False,
) -> Corpus:
    """Index every briefing (one pass over the mentions, one over the claims) and the
    topics' annotated ``backgrounds``. With ``remember`` (serve), what each briefing adds
    (:func:`briefing_parts`) is kept for the next build, which takes it again for the same
    article and annotation objects (the loader and the annotator give those again for an
    unchanged file)."""
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
    made: dict[int, tuple[Briefing, BriefingParts]] = {}
    for briefing in ordered:
        # PARTS holds each article it is keyed by, so an id found there is that article's.
        kept = PARTS.get(id(briefing.article)) if remember else None
        if kept is not None and kept[0].annotation is briefing.annotation:
            parts = kept[1]
        else:
            parts = briefing_parts(briefing)
        if remember:
            made[id(briefing.article)] = (briefing, parts)
        for actor_id, refs in parts.mentions:
            mentions[actor_id].extend(refs)
        for actor_id, counts in parts.labels:
            labels[actor_id].update(counts)
        for actor_id, counts in parts.surfaces:
            surfaces[actor_id].update(counts)
        for actor_id, counts in parts.co_mentions:
            co_counts[actor_id].update(counts)
        for source_id, claim_refs in parts.claims:
            claims[source_id].extend(claim_refs)
        topics_of[briefing.article.slug] = tuple(
            t.id for t in editorial.topics if t.actors and parts.named.issuperset(t.actors)
        )
        events.extend(parts.events)
    if remember:  # what the next build can take again: this build's briefings, no others
        PARTS.clear()
        PARTS.update(made)
    # Registry actors named only in a background get a page too; other names found there
    # are linked where a briefing gave them one.
    background, named_in_events = index_backgrounds(backgrounds, set(surfaces) | set(registry))
    for topic in editorial.topics:
        for number, e in enumerate(topic.timeline, 1):
            spans = named_in_events.get((topic.id, number - 1), ())
            actors_of_event = tuple(dict.fromkeys([*e.actors, *(a for _, _, a in spans)]))
            event = Event(e.date, e.text, actors_of_event, topic=topic.id, source=e.source,
                          url=e.url, number=number, mentions=spans)  # fmt: skip
            events.append(event)
    places = capital_descriptions(editorial)
    bodies = {b.article.slug: b.article.body for b in ordered}
    actors: dict[str, Actor] = {}
    dates = {b.article.slug: b.article.date for b in ordered}
    for actor_id, counter in surfaces.items():
        briefing_count = len({ref.slug for ref in mentions[actor_id]})
        first_named = dates[mentions[actor_id][-1].slug]  # refs run newest first
        if actor_id in registry:
            actor = registry[actor_id]
            if actor.description:
                actor = replace(actor, description_source=DescriptionSource("registry"))
            actors[actor_id] = actor
        else:
            actors[actor_id] = discovered_actor(
                actor_id, counter, labels[actor_id], briefing_count, places.get(actor_id)
            )
        if not actors[actor_id].description:
            actors[actor_id] = described_in_text(actors[actor_id], mentions[actor_id], bodies)
        if not actors[actor_id].description:
            actors[actor_id] = replace(
                actors[actor_id],
                description=neutral_description(actors[actor_id].type, first_named),
            )
    for actor_id in sorted(background.keys() - actors.keys()):  # from the registry (``known``)
        actor = registry[actor_id]
        source = DescriptionSource("registry") if actor.description else None
        described = actor.description or f"{TYPE_NOUNS[actor.type][0]} named in the background"
        actors[actor_id] = replace(actor, description=described, description_source=source)
    groups = merge_groups(sorted(events, key=timeline_key))
    timeline = tuple(kept for kept, _ in groups)
    by_briefing = events_by_briefing(groups)
    by_actor: dict[str, list[Event]] = defaultdict(list)
    by_topic: dict[str, list[Event]] = defaultdict(list)
    for event in timeline:
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
        backgrounds={text.topic.id: (text, annotation) for text, annotation in backgrounds},
        background={k: tuple(v) for k, v in background.items()},
    )


def discovered_actor(
    actor_id: str,
    surfaces: Counter[str],
    labels: Counter[str],
    briefing_count: int,
    place_note: str | None = None,
) -> Actor:
    """An actor the registry lacks: named by its fullest surface, typed by the model's
    most frequent label (a capital named as a place is a place, described as one)."""
    full = [text for text in surfaces if slugify(text) == actor_id]
    name = full[0] if full else max(surfaces, key=lambda text: (len(text), surfaces[text]))
    if place_note:  # from the registry's metonym note
        source = DescriptionSource("registry")
        return Actor(
            actor_id, name, "place", place_note, registered=False, description_source=source
        )
    club = clubs().by_id.get(actor_id)  # the resolver names clubs only in football news
    if club is not None:
        source = DescriptionSource("gazetteer")
        return Actor(actor_id, club.name, "organization", club.description, registered=False,
                     description_source=source)  # fmt: skip
    label = labels.most_common(1)[0][0]
    actor_type = TYPE_OF_LABEL.get(label, "other")
    place = gazetteer_place(name, surfaces, label)
    if place is not None:
        source = DescriptionSource("gazetteer")
        return Actor(actor_id, name, place.type, place.description, registered=False,
                     description_source=source)  # fmt: skip
    return Actor(actor_id, name, actor_type, registered=False)


# The model's labels under which a name the gazetteer knows is taken to be that place (a
# person's name is never a city: "Austin", "Jackson" and "Florence" are both).
PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}


def gazetteer_place(name: str, surfaces: Counter[str], label: str) -> Place | None:
    """The country or place a discovered actor's name (or one of its surfaces) is, where its
    label allows: a country under any label but a person's, a city under a place label."""
    book = gazetteer()
    for text in (name, *sorted(surfaces, key=lambda t: -surfaces[t])):
        place = book.lookup(text)
        if place is None:
            continue
        if place.type == "country" and label != "PERSON":
            return place
        if label in PLACE_LABELS:
            return place
    return None


def described_in_text(actor: Actor, refs: Sequence[MentionRef], bodies: Mapping[str, str]) -> Actor:
    """The actor with the first description a briefing gives of it (the oldest briefing's:
    a new article never rewrites the pages of the earlier ones naming the actor), in that
    briefing's words ("Kremlin spokesman"), and where it says so; an actor the registry
    lacks takes the type the description's head noun gives ("an analyst at ..." is a
    person). ``refs`` run newest first, as the corpus keeps them."""
    for ref in reversed(refs):
        start, end = ref.mention.description_start, ref.mention.description_end
        if start is not None and end is not None:
            source = DescriptionSource("article", ref.slug, start, end)
            words = bodies[ref.slug][start:end]
            kind = None if actor.registered else described_kind(words)
            return replace(
                actor,
                type="person" if kind == "person" else "place" if kind == "place" else actor.type,
                description=words,
                description_source=source,
            )
    return actor


def description_place(corpus: Corpus, actor: Actor) -> tuple[str, int] | None:
    """The briefing and paragraph (block index) whose words describe an actor, if any."""
    source = actor.description_source
    slug = source.briefing if source is not None and source.kind == "article" else None
    if slug is None or slug not in corpus.by_slug:
        return None
    blocks = corpus.by_slug[slug].article.blocks
    start = source.start or 0 if source is not None else 0
    block = next((i for i, b in enumerate(blocks) if b.start <= start < b.end), 0)
    return slug, block


def neutral_description(actor_type: ActorType, first_named: dt.date | None) -> str:
    """'Person named in the briefings since May 2024': all we can say of an actor editors
    have not described. No count: it would change every page naming the actor with each
    new article (the actor's page gives the count)."""
    since = f" since {first_named:%B %Y}" if first_named else ""
    return f"{TYPE_NOUNS[actor_type][0]} named in the briefings{since}"


def capital_descriptions(editorial: Editorial) -> dict[str, str]:
    """For capitals named as places: "Capital of North Korea", from the metonym's note."""
    out = {}
    for actor in editorial.actors:
        for metonym in actor.metonyms:
            first = metonym.note.split(",")[0].strip()
            out[slugify(metonym.text)] = first[:1].upper() + first[1:] + "."
    return out
