"""The attribution vocabulary: cue lemmas, source nouns and dependency patterns, as data.

``cues.json`` (package data) holds what an editor of another beat would change; the
component receives it through ``initialize`` and serialises it with itself.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: Placeholders in the patterns for the cue lists they match.
_PLACEHOLDERS = {"$cues": "cues", "$speech": "speech_cues"}


@dataclass(frozen=True)
class Cues:
    """What attributes a statement, by lemma."""

    speech_cues: frozenset[str]
    stance_cues: frozenset[str]
    characterising_cues: frozenset[str]  # stances only with "as": "defended it as legal"
    evidence_cues: frozenset[str]
    object_cues: frozenset[str]
    source_nouns: frozenset[str]
    evidence_nouns: frozenset[str]
    body_nouns: frozenset[str]
    generic_body_nouns: frozenset[str]  # "the company": any body that spoke just before
    title_nouns: frozenset[str]
    document_nouns: frozenset[str]  # "the statement", "the release": what a body issues
    speech_nouns: frozenset[str]  # "the claim that S", "a statement urging S"
    issuing_verbs: frozenset[str]  # "X made the claim", "X issued a statement"
    hearsay_cues: frozenset[str]
    hearsay_adverbs: frozenset[str]
    patterns: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    data: str  # the JSON it was read from, for serialisation

    @property
    def cues(self) -> frozenset[str]:
        """Every verb that can attribute (speech, stance, evidence)."""
        return self.attributing | self.evidence_cues

    @property
    def attributing(self) -> frozenset[str]:
        """Verbs that attribute whatever their subject (not the evidence-only ones)."""
        return self.speech_cues | self.stance_cues | self.characterising_cues


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key, ()))


def _fill(value: Any, lists: dict[str, list[str]]) -> Any:
    """A pattern with its ``$placeholders`` replaced by the cue lists they name."""
    if isinstance(value, str) and value in _PLACEHOLDERS:
        return lists[_PLACEHOLDERS[value]]
    if isinstance(value, dict):
        return {k: _fill(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, lists) for v in value]
    return value


def parse_cues(text: str) -> Cues:
    """The vocabulary from the JSON text of a cues file; ValueError names what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"cues data is not valid JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), dict):
        raise ValueError("cues data needs an object with a 'patterns' object")
    speech, stance = _words(data, "speech_cues"), _words(data, "stance_cues")
    evidence = _words(data, "evidence_cues")
    characterising = _words(data, "characterising_cues")
    said = speech | stance | characterising
    lists = {"cues": sorted(said | evidence), "speech_cues": sorted(said)}
    patterns = tuple(
        (str(name), tuple(_fill(copy.deepcopy(p), lists) for p in pattern))
        for name, pattern in data["patterns"].items()
    )
    hearsay = data.get("hearsay") or {}
    return Cues(
        speech_cues=speech,
        stance_cues=stance,
        characterising_cues=characterising,
        evidence_cues=evidence,
        object_cues=_words(data, "object_cues"),
        source_nouns=_words(data, "source_nouns"),
        evidence_nouns=_words(data, "evidence_nouns"),
        body_nouns=_words(data, "body_nouns"),
        generic_body_nouns=_words(data, "generic_body_nouns"),
        title_nouns=_words(data, "title_nouns"),
        document_nouns=_words(data, "document_nouns"),
        speech_nouns=_words(data, "speech_nouns"),
        issuing_verbs=_words(data, "issuing_verbs"),
        hearsay_cues=_words(hearsay, "passive_cues"),
        hearsay_adverbs=_words(hearsay, "adverbs"),
        patterns=patterns,
        data=text,
    )


def default_data() -> str:
    """The JSON text of the packaged ``cues.json``."""
    return resources.files(__package__).joinpath("cues.json").read_text("utf-8")


@functools.cache
def default_cues() -> Cues:
    """The packaged vocabulary, read once."""
    return parse_cues(default_data())
