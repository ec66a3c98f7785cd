"""The resolver's topic knowledge, read from package data (``nlp/data/resolver.yml``):
Korean name shapes, words that are never actors, words that make a capital a place."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "resolver.yml"


@dataclass(frozen=True)
class Words:
    """The word lists, as the resolver uses them."""

    korean_surnames: tuple[str, ...]
    korean_syllable: str
    non_actor_labels: frozenset[str]
    not_actors: frozenset[str]
    motion_words: frozenset[str]
    place_nouns: frozenset[str]
    attack_words: frozenset[str]
    product_nouns: frozenset[str]
    non_actor_heads: frozenset[str]
    credit_words: frozenset[str]
    event_heads: frozenset[str]
    event_openers: frozenset[str]
    organization_heads: frozenset[str]
    feature_words: frozenset[str]
    place_heads: frozenset[str]


@functools.cache
def words(path: Path = DATA) -> Words:
    """The word lists of ``path``, loaded once; a missing list is an error naming the file."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}

    def get(key: str) -> list[str]:
        if key not in data:
            raise ValueError(f"{path}: list `{key}` is missing; restore it from the package")
        return [str(item) for item in data[key]]

    return Words(
        korean_surnames=tuple(get("korean_surnames")),
        korean_syllable=str(data.get("korean_syllable", "")),
        non_actor_labels=frozenset(get("non_actor_labels")),
        not_actors=frozenset(w.lower() for w in get("not_actors")),
        motion_words=frozenset(get("motion_words")),
        place_nouns=frozenset(get("place_nouns")),
        attack_words=frozenset(get("attack_words")),
        product_nouns=frozenset(w.lower() for w in get("product_nouns")),
        non_actor_heads=frozenset(get("non_actor_heads")),
        credit_words=frozenset(get("credit_words")),
        event_heads=frozenset(get("event_heads")),
        event_openers=frozenset(get("event_openers")),
        organization_heads=frozenset(get("organization_heads")),
        feature_words=frozenset(get("feature_words")),
        place_heads=frozenset(get("place_heads")),
    )
