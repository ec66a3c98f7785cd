"""The registry's span-ruler patterns, and the filter that merges its matches into the model's
entities (registry names win, except inside a longer name the model found)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.tokens import Span
from spacy.util import registry

from ...model import LABEL_OF_TYPE, Actor
from ..names import join_split_names
from ..words import Words, words
from .scope import capitals, surface_variants


def korean_name_patterns(lists: Words) -> list[dict[str, Any]]:
    """Korean personal names are rare in the model's training data: a surname and a
    hyphenated given name ("Han Ye-rin"), or KCNA's three words ("Pak Thae Song"), a surname
    and two romanised syllables ("Park Avenue Hotel" is no name)."""
    surname = {"ORTH": {"IN": list(lists.korean_surnames)}}
    syllable = {"IS_TITLE": True, "LOWER": {"REGEX": lists.korean_syllable}}
    hyphenated = [
        surname,
        {"IS_TITLE": True, "IS_ALPHA": True, "LENGTH": {"<=": 6}},
        {"ORTH": "-"},
        {"IS_LOWER": True, "IS_ALPHA": True, "LENGTH": {"<=": 5}},
    ]
    return [
        {"label": "PERSON", "pattern": hyphenated},
        {"label": "PERSON", "pattern": [surname, syllable, syllable]},
    ]


def registry_patterns(actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """Span-ruler patterns for every name, alias, demonym and metonym of the registry."""
    patterns: list[dict[str, Any]] = korean_name_patterns(words())
    for actor in actors:
        label = LABEL_OF_TYPE[actor.type]
        for surface in (actor.name, *actor.aliases):
            for variant in surface_variants(surface):
                patterns.append({"label": label, "pattern": variant, "id": actor.id})
        for surface in actor.demonyms:
            patterns.append({"label": "NORP", "pattern": surface, "id": actor.id})
    for capital, country in capitals(list(actors)).items():
        patterns.append({"label": "GPE", "pattern": capital, "id": country})
    return patterns


def registry_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Merge registry matches into the model's entities.

    Registry matches override the model's entities they overlap, except where the model
    found a longer name of a body that merely contains a country or demonym ("Security
    Service of Ukraine", "Russian Railways"), and except that a match by shape alone (a
    Korean name, no actor id) gives way to a longer name the model found around it. Among
    overlapping matches the longest wins, then one with an actor id, then one not starting
    with "the" ("North Korean" beats "The North"), then the earliest.
    """
    entities = join_split_names(list(entities))
    matches = list(spans)
    protected = [
        e
        for e in entities
        if contains_only_places(e, matches) or longer_place(e, matches) or longer_body(e, matches)
    ]
    # "the South" before a proper noun begins a longer name ("the South Pyongan Province").
    matches = [s for s in matches if not context_alias_in_name(s)]
    matches = [
        s for s in matches if not any(p.start <= s.start and s.end <= p.end for p in protected)
    ]
    # "Pak Thae Song" is a person, but "Kim Chol Ung University" a body.
    bodies = [e for e in entities if e.label_ in NAMED_BODY_LABELS or e.label_ == "FAC"]
    matches = [s for s in matches if s.id_ or not any(_inside(s, b) for b in bodies)]

    def preference(span: Span) -> tuple[int, bool, bool, int]:
        return (len(span), bool(span.id_), span[0].lower_ != "the", -span.start)

    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(matches, key=preference, reverse=True):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    kept = [e for e in entities if not taken.intersection(range(e.start, e.end))]
    return kept + chosen


NAMED_BODY_LABELS = {"ORG", "EVENT", "WORK_OF_ART", "LAW"}


def _inside(span: Span, entity: Span) -> bool:
    """Whether ``span`` lies inside ``entity`` and is shorter."""
    return entity.start <= span.start and span.end <= entity.end and len(span) < len(entity)


def contains_only_places(entity: Span, matches: Sequence[Span]) -> bool:
    """A model name whose head word lies outside the registry matches inside it, all of
    which are countries, places or demonyms."""
    inside = [s for s in matches if s.start < entity.end and entity.start < s.end]
    return (
        entity.label_ in NAMED_BODY_LABELS
        and bool(inside)
        and all(
            entity.start <= s.start
            and s.end <= entity.end
            and (s.start, s.end) != (entity.start, entity.end)
            for s in inside
        )
        and all(s.label_ in {"GPE", "LOC", "NORP"} for s in inside)
        and not any(s.start <= entity.root.i < s.end for s in inside)
        # "the Polish" is no body's name: a word besides "the" lies outside the matches.
        and any(
            t.lower_ != "the" and not any(s.start <= t.i < s.end for s in inside) for t in entity
        )
    )


def longer_place(entity: Span, matches: Sequence[Span]) -> bool:
    """A place the model found that strictly contains a country's name: "North America"
    holds "America", "South Kordofan" is no South Korea."""
    return entity.label_ in {"GPE", "LOC", "FAC"} and any(
        _inside(s, entity) and s.label_ in {"GPE", "NORP"} for s in matches
    )


def longer_body(entity: Span, matches: Sequence[Span]) -> bool:
    """A body the model found whose name begins with a registry name and goes on to its own
    head word: "United Nations Command" is no "United Nations" with a "Command" after it."""
    inside = [s for s in matches if s.start < entity.end and entity.start < s.end]
    root = entity.root
    start = entity.start + (entity[0].lower_ == "the")
    return (
        entity.label_ in {"ORG", "FAC"}
        and len(inside) == 1
        and inside[0].start == start
        and inside[0].end < entity.end
        and root.i >= inside[0].end
        and all(t.text[:1].isupper() for t in entity[inside[0].end - entity.start :])
    )


def context_alias_in_name(span: Span) -> bool:
    """A match of "the X" (a name only in context) followed by a capitalised proper noun."""
    doc = span.doc
    if span[0].lower_ != "the" or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "PROPN" and after.text[:1].isupper()


@registry.misc("briefings.registry_ents_filter.v1")
def make_registry_ents_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    return registry_ents_filter
