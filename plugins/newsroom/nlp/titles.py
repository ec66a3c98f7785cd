"""Titles, ranks and the nouns that say what a description describes, from the package's
data file (``nlp/data/titles.yml``); the credit words of a wire credit line."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

TITLES = Path(__file__).parent / "data" / "titles.yml"


@functools.cache
def titles() -> frozenset[str]:
    """Titles and ranks that go before a name, from the package's data file."""
    data = yaml.safe_load(TITLES.read_text("utf-8")) or {}
    return frozenset(str(t) for t in (*data.get("titles", ()), *data.get("person_titles", ())))


@functools.cache
def person_titles() -> frozenset[str]:
    """The titles that only a person bears ("Prof", "Gen", "Chair"), from the data file."""
    data = yaml.safe_load(TITLES.read_text("utf-8")) or {}
    return frozenset(str(t) for t in data.get("person_titles", ()))


def is_person_title(word: str) -> bool:
    """Whether a word is a title only a person bears ("Mr", "Prof", "President")."""
    return word.rstrip(".") in person_titles()


def is_title(word: str) -> bool:
    """Whether a word is a title or rank ("President", "Gen.", "Chair")."""
    return word.rstrip(".") in titles()


@functools.cache
def credit_words() -> frozenset[str]:
    """Words of a wire credit line ("Reporting", "Editing"), from the resolver's data."""
    from .words import words

    return words().credit_words


@functools.cache
def kinds_after() -> frozenset[str]:
    """Nouns for a kind of organisation or place that may follow its name, from the data."""
    data = yaml.safe_load(TITLES.read_text("utf-8")) or {}
    return frozenset(str(n) for n in data.get("kinds_after", ()))


@functools.cache
def kind_nouns() -> dict[str, str]:
    """Noun -> the type it gives what it describes ("analyst" -> person), from the data file."""
    data = yaml.safe_load(TITLES.read_text("utf-8")) or {}
    kinds = {str(n): "person" for n in data.get("person_nouns", ())}
    kinds.update({str(n): "place" for n in data.get("place_nouns", ())})
    return kinds


def described_kind(description: str) -> str | None:
    """What a description's first kind noun says its actor is ("person", "place"), if any:
    "an analyst at SemiAnalysis" -> person; "Poland's largest defense company" -> None."""
    kinds = kind_nouns()
    for written in description.replace(",", " ").split():
        word = written.strip(".'’")
        if not word.islower():
            continue  # a name inside the description ("Stoke City boss")
        if word in kinds:
            return kinds[word]
        if word.endswith("s") and word[:-1] in kinds:
            return kinds[word[:-1]]
        if word in {"of", "at", "in", "for", "who", "with"}:
            return None  # past the head of the phrase
    return None
