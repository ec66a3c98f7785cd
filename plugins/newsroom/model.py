"""The data that flows between the stages: frozen dataclasses, no behaviour beyond views.

load (seeds/, editorial/) -> annotate (nlp/, annotate/) -> index (corpus.py, timeline.py)
-> render (pages/).
Every offset is a character offset into ``Article.body``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ActorType = Literal["person", "organization", "country", "place", "group", "event", "other"]
ACTOR_TYPES: tuple[ActorType, ...] = (
    "person",
    "organization",
    "country",
    "place",
    "group",
    "event",
    "other",
)

# The entity labels of spaCy's English pipelines, to and from actor types.
LABEL_OF_TYPE: dict[str, str] = {
    "person": "PERSON",
    "organization": "ORG",
    "country": "GPE",
    "place": "LOC",
    "group": "NORP",
    "event": "EVENT",
    "other": "MISC",
}
TYPE_OF_LABEL: dict[str, ActorType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}


SourceKind = Literal[
    "state media",
    "government",
    "intelligence service",
    "independent media",
    "international body",
    "expert",
    "military",
]
SOURCE_KINDS: tuple[SourceKind, ...] = (
    "state media",
    "government",
    "intelligence service",
    "independent media",
    "international body",
    "expert",
    "military",
)

Pronoun = Literal["he", "she", "they"]
PRONOUNS: tuple[Pronoun, ...] = ("he", "she", "they")


# --- articles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One paragraph or sub-heading of an article body, as a span of ``Article.body``."""

    kind: Literal["paragraph", "heading"]
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One article from ``seeds/``, normalised: headline, metadata and body text."""

    path: Path  # relative to the seeds folder
    slug: str
    title: str
    body: str
    blocks: tuple[Block, ...]
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()

    def block_text(self, block: Block) -> str:
        """The text of one block."""
        return self.body[block.start : block.end]


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input file: reported, never fatal to the rest of the build."""

    path: str
    message: str
    line: int | None = None
    severity: Literal["error", "warning", "info"] = "error"  # info: a note, never a failure

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


# --- the editorial layer ----------------------------------------------------------------------


@dataclass(frozen=True)
class Metonym:
    """A capital or seat used for a government ("Pyongyang"), with the note shown to readers."""

    text: str
    note: str


@dataclass(frozen=True)
class Role:
    """An office an actor holds, from a date on where it changes."""

    title: str
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class DescriptionSource:
    """Where an actor's description comes from: the registry, the gazetteer, or the span of
    a briefing's body that says it (``briefing`` is its slug; ``start``/``end`` index the body)."""

    kind: Literal["registry", "gazetteer", "article"]
    briefing: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Actor:
    """Who is who: one entry of ``briefings/actors.yml``, or an actor the registry lacks."""

    id: str
    name: str
    type: ActorType
    description: str = ""
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[Metonym, ...] = ()
    roles: tuple[Role, ...] = ()
    wikidata: str | None = None
    kind: SourceKind | None = None
    pronoun: Pronoun | None = None  # how the press refers to a person
    registered: bool = True
    description_source: DescriptionSource | None = None  # None: no description, or a placeholder

    @property
    def role(self) -> Role | None:
        """The current role: the last one without an end date."""
        current = [r for r in self.roles if not r.until]
        return current[-1] if current else None


@dataclass(frozen=True)
class Correction:
    """An editor's ruling on one surface in one article: it is ``actor``, or not an entity."""

    article: str  # slug or seed file name
    text: str
    actor: str | None  # None: not an entity
    occurrence: int | None = None  # 1-based; None: every occurrence


@dataclass(frozen=True)
class TopicEvent:
    """One dated event of a topic's curated timeline."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    text: str
    source: str
    actors: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Topic:
    """A background topic written by editors in ``briefings/topics/<id>.md``."""

    id: str
    title: str
    summary: str
    body: str  # Markdown written by the editor (trusted)
    actors: tuple[str, ...]  # an article mentioning all of these belongs to the topic
    timeline: tuple[TopicEvent, ...] = ()


@dataclass(frozen=True)
class Editorial:
    """Everything under ``briefings/``."""

    actors: tuple[Actor, ...] = ()
    topics: tuple[Topic, ...] = ()
    corrections: tuple[Correction, ...] = ()

    def actor_map(self) -> dict[str, Actor]:
        """Registry actors by id."""
        return {a.id: a for a in self.actors}


# --- annotations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Article.blocks


@dataclass(frozen=True)
class Mention:
    """An entity mention; ``actor`` is the canonical actor id, or None where unresolved."""

    text: str
    start: int
    end: int
    label: str
    actor: str | None
    sentence: int
    note: str | None = None  # e.g. the metonym note shown to readers
    # The words of the body that say who the actor is ("Kremlin spokesman"), as offsets.
    description_start: int | None = None
    description_end: int | None = None


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # a TimeML value (YYYY, YYYY-MM-DD, YYYY-Www, PRESENT_REF...) or None
    sentence: int
    reported: bool = False  # the date of a report ("said Wednesday"), not of what happened


@dataclass(frozen=True)
class Claim:
    """An attributed statement: who says so, through which cue, citing whom."""

    text: str
    start: int
    end: int
    source: str | None  # actor id
    source_text: str
    cue: str
    sentence: int
    via: str | None = None  # the actor the source cites ("Tass, citing the Kremlin")
    via_text: str | None = None
    # "claim": a statement of fact; "stance": an evaluation ("Putin praised ..."), shown as such.
    kind: str = "claim"


@dataclass(frozen=True)
class Figure:
    """A number with what it counts and who says so."""

    text: str
    start: int
    end: int
    counts: str
    value: float | None
    source: str | None
    sentence: int
    # The number and what it counts as written ("thousands of ... workers"); "" where the
    # counted words are not next to the number.
    phrase: str = ""


@dataclass(frozen=True)
class Annotation:
    """Everything the NLP stage found in one article."""

    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Briefing:
    """An article with its annotation: the unit the corpus indexes and the pages render."""

    article: Article
    annotation: Annotation = field(default_factory=Annotation)
