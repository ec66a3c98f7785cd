"""Canonical actors for entity mentions: the registry ruler and our resolver component.

Order of decisions for each entity: registry names (span ruler, pattern id = actor id)
override the model's label; possessives and quotes are trimmed; non-actors are dropped;
a short name resolves to the one full name introduced earlier in the same article; an
acronym resolves to the name it was defined beside; anything else becomes an actor the
registry does not know, keyed by its normalised text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from slugify import slugify
from spacy.language import Language
from spacy.util import registry
from spacy.tokens import Doc, Span

from ..model import Actor, ActorType

MENTIONS_KEY = "briefings_mentions"
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
# The model's labels that never name an actor unless the registry says so.
NON_ACTOR_LABELS = {
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "PRODUCT",
    "WORK_OF_ART", "LANGUAGE", "LAW", "NORP",
}  # fmt: skip
NOT_ACTORS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "today", "advertisement", "reuters", "ap", "afp", "state", "media", "the", "mr", "ms",
    "president", "minister", "leader",
}  # fmt: skip
TRIM_TOKENS = {"'s", "’s", "'", "’", '"', "“", "”", "‘", "(", ")", ",", "."}
LEADING_WORDS = {"the", "The"}
# Prepositions after which a capital is a place someone goes to or is in, not a government.
PLACE_PREPOSITIONS = {"in", "to", "from", "at", "near", "into", "outside", "via", "around", "toward", "towards"}


def surface_variants(text: str) -> set[str]:
    """The spellings of one registry surface that should match: quotes and 'the' variants."""
    variants = {text, text.replace("'", "’"), text.replace("’", "'")}
    for variant in list(variants):
        if variant.startswith("the "):
            variants.add("The " + variant[4:])
            variants.add(variant[4:])
    return {v for v in variants if v}


def registry_patterns(actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """Span-ruler patterns for every name, alias, demonym and metonym of the registry."""
    patterns: list[dict[str, Any]] = []
    for actor in actors:
        label = LABEL_OF_TYPE[actor.type]
        for surface in (actor.name, *actor.aliases):
            for variant in surface_variants(surface):
                patterns.append({"label": label, "pattern": variant, "id": actor.id})
        for surface in actor.demonyms:
            patterns.append({"label": "NORP", "pattern": surface, "id": actor.id})
        for metonym in actor.metonyms:
            patterns.append({"label": "GPE", "pattern": metonym.text, "id": actor.id})
    return patterns


def registry_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Registry matches override the model's entities they overlap; among overlapping
    matches the longest wins, then one not starting with "the" ("North Korean" beats
    "The North"), then the earliest."""

    def preference(span: Span) -> tuple[int, bool, int]:
        return (len(span), span[0].lower_ != "the", -span.start)

    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=preference, reverse=True):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    kept = [e for e in entities if not taken.intersection(range(e.start, e.end))]
    return kept + chosen


@registry.misc("briefings.registry_ents_filter.v1")
def make_registry_ents_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    return registry_ents_filter


def build_resolver(actors: Sequence[Actor], nlp: Language | None = None) -> Language:
    """A pipeline that maps a parsed Doc's entities to actors: ruler + resolver.

    It runs on Docs parsed by the statistical model (or restored from the cache), and needs
    no model itself, so a registry change re-derives actors without re-parsing.
    """
    import spacy

    resolver = nlp or spacy.blank("en")
    ruler = resolver.add_pipe(
        "span_ruler",
        name="registry_ruler",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "ents_filter": {"@misc": "briefings.registry_ents_filter.v1"},
            "phrase_matcher_attr": "ORTH",
        },
    )
    ruler.add_patterns(registry_patterns(actors))  # type: ignore[attr-defined]
    component = resolver.add_pipe("briefings_actors", after="registry_ruler")
    component.initialize(lambda: [], nlp=resolver, actors=actors)  # type: ignore[attr-defined]
    return resolver


def run_resolver(resolver: Language, doc: Doc) -> Doc:
    """Apply the resolver pipeline's components to an already parsed Doc."""
    for _, component in resolver.pipeline:
        doc = component(doc)
    return doc


@Language.factory("briefings_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(name)


class ActorResolver:
    """Writes ``doc.spans[MENTIONS_KEY]``: one span per actor mention, ``span.id_`` = actor id
    ("" where the mention is ambiguous and left unresolved)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.actors: dict[str, Actor] = {}
        self.metonyms: dict[str, str] = {}

    def initialize(self, get_examples: Any, *, nlp: Language, actors: Sequence[Actor] = ()) -> None:
        """Receive the registry (data arrives here, not in the constructor)."""
        self.actors = {a.id: a for a in actors}
        self.metonyms = {m.text: a.id for a in actors for m in a.metonyms}

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Span] = []
        seen_people: dict[str, list[str]] = {}  # actor id -> its names' tokens
        acronyms: dict[str, str] = {}
        for ent in doc.ents:
            span = trim(ent)
            if span is None:
                continue
            actor_id = ent.ent_id_
            if actor_id:
                actor_id = self._place_or_government(span, actor_id)
            else:
                if ent.label_ in NON_ACTOR_LABELS or not is_name(span):
                    continue
                actor_id = self._resolve_unknown(span, seen_people, acronyms)
            if actor_id and self._is_person(actor_id, span):
                seen_people.setdefault(actor_id, []).extend(self._names(actor_id, span.text))
            definition = acronym_after(span)
            if definition and actor_id:
                acronyms[definition] = actor_id
            mention = Span(doc, span.start, span.end, label=span.label_ or ent.label_)
            mention.id_ = actor_id or ""
            mentions.append(mention)
        doc.spans[MENTIONS_KEY] = mentions
        return doc

    def _is_person(self, actor_id: str, span: Span) -> bool:
        actor = self.actors.get(actor_id)
        return actor.type == "person" if actor else span.label_ == "PERSON"

    def _names(self, actor_id: str, text: str) -> list[str]:
        actor = self.actors.get(actor_id)
        names = [actor.name, *actor.aliases] if actor else [text]
        return [names_token for name in names for names_token in name.replace("-", " ").split()]

    def _place_or_government(self, span: Span, actor_id: str) -> str:
        # "arrived in Pyongyang" is the city; "Pyongyang said" is the government.
        if span.text in self.metonyms and span.root.dep_ == "pobj":
            if span.root.head.lower_ in PLACE_PREPOSITIONS:
                return place_id(span.text)
        return actor_id

    def _resolve_unknown(
        self, span: Span, seen_people: dict[str, list[str]], acronyms: dict[str, str]
    ) -> str | None:
        text = span.text
        if text in acronyms:
            return acronyms[text]
        tokens = text.replace("-", " ").split()
        if len(tokens) <= 2:
            # A short name ("Kim", "Putin") is the full name introduced earlier, if only one fits.
            candidates = [
                actor_id
                for actor_id, names in seen_people.items()
                if all(token in names for token in tokens)
            ]
            if len(candidates) == 1:
                return candidates[0]
            if len(candidates) > 1:
                return None
        return slugify(text) or None


def place_id(text: str) -> str:
    """The id of a capital named as a place."""
    return slugify(text)


def trim(ent: Span) -> Span | None:
    """The entity without possessive endings, quotes or a leading 'the'."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and doc[end - 1].text in TRIM_TOKENS:
        end -= 1
    while start < end and (doc[start].text in TRIM_TOKENS or (doc[start].text in LEADING_WORDS and not ent.ent_id_)):
        start += 1
    if start >= end:
        return None
    span = Span(doc, start, end, label=ent.label_)
    span.id_ = ent.ent_id_
    return span


def is_name(span: Span) -> bool:
    """Whether an unregistered entity text can be an actor's name at all."""
    text = span.text
    return (
        len(text) > 1
        and text.lower() not in NOT_ACTORS
        and any(c.isupper() for c in text)
        and not text.isdigit()
        and "\n" not in text
    )


def acronym_after(span: Span) -> str | None:
    """The acronym defined in parentheses right after a name: "National Intelligence Service (NIS)"."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        candidate = doc[span.end + 1].text
        if candidate.isupper() and 2 <= len(candidate) <= 8:
            return candidate
    return None


def unknown_actor(actor_id: str, text: str, label: str) -> Actor:
    """An actor the registry does not know, typed from the model's label."""
    return Actor(id=actor_id, name=text, type=TYPE_OF_LABEL.get(label, "other"), registered=False)
