"""Where a capital is a place: "talks in Moscow", "flew to Pyongyang", "a Moscow airport",
rather than its government ("Moscow said"). The word lists are package data."""

from __future__ import annotations

from slugify import slugify
from spacy.tokens import Span, Token

from ..schema import MAX_ID_CHARS
from .words import words


def names_a_place(span: Span) -> bool:
    """Whether a capital is used as a place ("talks in Moscow", "flew to Pyongyang",
    "between Moscow and Pyongyang") rather than for its government ("Moscow said")."""
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in {"compound", "poss"} and head.lemma_ in words().place_nouns:
        return True  # "the Pyongyang area", "a Moscow airport", "Moscow's main airport"
    if token.dep_ == "pobj":
        if head.lower_ in {"in", "into", "inside", "outside", "near", "via"}:
            return True
        if head.lower_ in {"to", "from", "between", "for"}:
            return moving(head.head)
        if head.lower_ in {"on", "against", "over"}:
            return head.head.lemma_ in words().attack_words
    return token.dep_ == "dobj" and head.lemma_ in words().motion_words


def moving(word: Token) -> bool:
    """A word of motion ("flights", "train services"), or a copula whose subject is one
    ("his trips are (set to be) to Paris"): the subject may sit on the verb it completes."""
    motion = words().motion_words
    if word.lemma_ in motion:
        return True
    if any(c.dep_ == "compound" and c.lemma_ in motion for c in word.children):
        return True  # "train services between Moscow and Pyongyang"
    if word.lemma_ != "be":
        return False
    verbs = [word, word.head] if word.dep_ == "xcomp" else [word]
    return any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_ in motion
        for verb in verbs
        for child in verb.children
    )


def is_modifier(span: Span) -> bool:
    """A one-word place used as an adjective ("a Pacific port") names no actor."""
    return (
        len(span) == 1
        and span.label_ in {"LOC", "GPE"}
        and span.root.dep_ in {"compound", "amod"}
        and span.root.head.pos_ == "NOUN"
    )


def place_id(text: str) -> str:
    """The id of a capital named as a place."""
    return slugify(text, max_length=MAX_ID_CHARS)
