"""What a figure counts, from the dependency parse: the noun its number modifies, the
object of "of", the subject whose level it is, or the noun it shares with a coordinated
figure ("300 soldiers have been killed and 2,700 wounded")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .words import (
    CHANGE_VERBS,
    CURRENCIES,
    EXCLUDED_ADJECTIVES,
    LEVEL_PREP_VERBS,
    LEVEL_PREPS,
    LEVEL_VERBS,
    NOUNS,
    PAIR_SKIP,
    PAIR_STATES,
)


def _counted_phrase(noun: Token, after: int) -> tuple[int, int]:
    """Bounds of what ``noun`` counts: its adjacent modifiers and coordinated nouns."""
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.i <= after or child.dep_ not in {"compound", "amod", "nmod"}:
            break
        if child.lower_ in EXCLUDED_ADJECTIVES:
            break
        lefts = [t.i for t in child.subtree]
        if max(lefts) != start - 1 or min(lefts) <= after:
            break
        start = min(lefts)
    end = noun.i
    for child in noun.rights:
        if child.dep_ == "conj" and child.pos_ in NOUNS:
            end = child.i
        elif child.dep_ != "cc" and child.dep_ != "punct":
            break
    return (start, end)


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "worth"}:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and (objs[0].pos_ in NOUNS or objs[0].ent_type_ == "NORP"):
                return objs[0]  # "12% of its exports", "40% of North Koreans"
    return None


def noun_of(span: Span) -> Token | None:
    """The noun a number phrase counts by itself: "300 soldiers", "12% of its troops"."""
    root = span.root
    obj = _of_object(root)
    if obj is not None:
        return obj
    head = root.head
    if (
        root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"}
        and head.i > span[-1].i
        and head.pos_ in NOUNS
    ):
        return head
    return None


def _level_subject(root: Token) -> Token | None:
    """The subject a number is the level of: "casualties have reached about 3,000"."""
    verb = root.head
    if root.dep_ in {"dobj", "attr", "oprd"} and verb.lemma_.lower() in LEVEL_VERBS:
        pass
    elif (
        root.dep_ == "pobj"
        and verb.lower_ in LEVEL_PREPS
        and verb.head.lemma_.lower() in LEVEL_PREP_VERBS
    ):
        verb = verb.head  # "stands at 300", "rose to 3,000"
    else:
        return None
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ not in {"PRON", "NUM"}:
            return None if child.like_num else child
    return None


def what_it_counts(span: Span, label: str) -> tuple[int, int] | str | None:
    """What the figure ``span`` counts: token bounds, a fixed word, or None.

    Amounts of money fall back on their currency. A percentage or a quantity with a unit
    ("about 1,000 kilometers") counts what it measures ("a range of ...", "exports rose
    12%"), else nothing more than its own text says: "".
    """
    root = span.root
    last = span[-1].i
    noun = noun_of(span)
    if noun is not None:
        return _counted_phrase(noun, last)
    subject = _level_subject(root)
    if subject is not None:
        return _counted_phrase(subject, -1)
    head = root.head
    if label == "MONEY":
        for token in span:
            if token.lower_ in CURRENCIES:
                return CURRENCIES[token.lower_]
        return "money"
    if label in {"PERCENT", "QUANTITY"}:
        if label == "PERCENT" and head.lemma_.lower() in CHANGE_VERBS and head.i < root.i:
            subjects = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in NOUNS]
            if subjects:
                return _counted_phrase(subjects[0], -1)
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUNS:
            return _counted_phrase(head.head, -1)  # "a flight distance of 1,000 km"
        return ""
    return None


@dataclass
class Item:
    """A figure under construction."""

    span: Span
    label: str
    sentence: int
    counted: tuple[int, int] | str | None
    noun: Token | None
    counts: str = ""


def _participle_after(span: Span) -> Token | None:
    """The participle a bare number shares a noun through: "2,700 wounded", "thousands more
    wounded", "another 1,000 were wounded"."""
    doc = span.doc
    k = span.end
    while k < len(doc) and (doc[k].lower_ in PAIR_SKIP or doc[k].pos_ == "AUX"):
        k += 1
    if k >= len(doc):
        return None
    token = doc[k]
    if token.tag_ == "VBN" or token.lower_ in PAIR_STATES:
        return token
    if token.pos_ in {"ADJ", "VERB"} and token.lower_.endswith("ed"):
        return token
    return None


def pair(item: Item, items: Sequence[Item]) -> tuple[Item, Token, Token] | None:
    """For a number without a noun, the figure it is coordinated with, the participle it
    takes and the partner's verb: "300 soldiers have been killed and 2,700 wounded"."""
    participle = _participle_after(item.span)
    if participle is None:
        return None
    doc = item.span.doc
    for other in reversed(items):
        noun = other.noun
        if other.sentence != item.sentence or noun is None or noun.i >= item.span.start:
            continue
        verb = noun.head
        if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if not verb.is_ancestor(item.span.root):
            continue
        if not any(doc[k].dep_ == "cc" for k in range(noun.i + 1, item.span.start)):
            continue
        return other, participle, verb
    return None
