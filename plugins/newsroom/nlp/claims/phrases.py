"""Noun phrases of attribution: their bounds, and the actor a phrase names."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..indexes import MentionIndex
from .grammar import (
    _DEP_RANK,
    _LEFT_KEEP,
    _RIGHT_KEEP,
    _RIGHT_PREPS,
    OBJECT_PRONOUNS,
    PERSONAL_PRONOUNS,
)
from .vocabulary import Cues


def _subtree_bounds(token: Token, lo: int, hi: int) -> tuple[int, int]:
    idx = [t.i for t in token.subtree if lo <= t.i <= hi]
    if not idx:
        return (token.i, token.i)
    return (min(idx), max(idx))


def phrase_bounds(head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Token bounds (inclusive) of the noun phrase headed by ``head``, clipped to [lo, hi].

    Keeps determiners, possessors, compounds and adjectives contiguous to the left
    ("both countries’ state media", "Russia’s state-run Tass news agency") and
    "of/in/at/from" phrases, appositions and coordinations to the right; stops at
    anything else (so "a deployment South Korean intelligence" gives "South Korean
    intelligence").
    """
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ == "punct" and child.tag_ == "HYPH" and child.i == start - 1:
            start = child.i  # "Kim Yo-jong"
            continue
        # A name modifying the head is kept ("US and South Korean officials"), a common
        # noun is not ("a deployment South Korean intelligence").
        named = child.dep_ == "nmod" and (child.pos_ == "PROPN" or bool(child.ent_type_))
        if child.dep_ not in _LEFT_KEEP and not named:
            break
        c_lo, c_hi = _subtree_bounds(child, lo, hi)
        if c_hi < start - 1 or c_lo < lo:
            break
        start = c_lo
    end = head.i
    for child in head.rights:
        keep = child.dep_ in _RIGHT_KEEP or (child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS)
        # "a volunteer, named Justin,": the name belongs to the phrase
        keep = keep or (child.dep_ == "acl" and any(g.dep_ == "oprd" for g in child.children))
        if child.dep_ == "punct":
            continue
        if not keep:
            break
        c_lo, c_hi = _subtree_bounds(child, lo, hi)
        doc = head.doc
        gap = [doc[k] for k in range(end + 1, c_lo)]
        if any(not (t.is_punct or t.is_space) for t in gap) or c_hi > hi:
            break
        end = c_hi
    doc = head.doc
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].dep_ == "cc"):
        end -= 1  # "... of the ruling party and" (a coordination the parser left dangling)
    opened = sum(doc[k].text == "(" for k in range(start, end + 1))
    closed = sum(doc[k].text == ")" for k in range(start, end + 1))
    if opened > closed and end + 1 <= hi and doc[end + 1].text == ")":
        end += 1  # "National Intelligence Service (NIS)"
    return (start, end)


def _path_rank(token: Token, head: Token) -> int | None:
    rank = 0
    current = token
    while current.i != head.i:
        if current.dep_ == "conj":
            return None
        rank = max(rank, _DEP_RANK.get(current.dep_, 4))
        if current.head.i == current.i:
            return None
        current = current.head
    return rank


def resolve_actor(
    head: Token, start: int, end: int, mentions: MentionIndex, first_conjunct: bool = False
) -> str | None:
    """The actor of the phrase ``doc[start:end+1]`` headed by ``head``.

    The mention covering the head wins, then mentions in compounds ("Tass news
    agency"), then adjectives and appositions (demonyms: "South Korean
    assessments"), then possessors ("South Korea’s spy agency"), then anything else
    in the phrase ("officials in Seoul"). The best-placed name decides even when it
    is unresolved (then there is no actor): "Russia’s Tass" is never Russia. Coordinated
    heads naming different actors ("Kim and Putin") have no single actor, unless
    ``first_conjunct`` (for "according to A and B") asks for the first one's.
    """
    conjuncts = [c for c in head.children if c.dep_ == "conj" and start <= c.i <= end]
    actor = _resolve_one(head, start, end, mentions)
    if first_conjunct:
        return actor
    for conj in conjuncts:
        other = _resolve_one(conj, start, end, mentions)
        if other != actor:
            return None
    return actor


def _resolve_one(head: Token, start: int, end: int, mentions: MentionIndex) -> str | None:
    best: tuple[int, int, str | None] | None = None
    for token in head.subtree:
        if not start <= token.i <= end or not mentions.is_source_mention(token):
            continue
        mention = mentions.get(token)
        rank = _path_rank(token, head)
        if mention is None or rank is None:
            continue
        key = (rank, abs(head.i - token.i), mention.actor)
        if best is None or key[:2] < best[:2]:
            best = key
    # An unresolved name nearer the head wins too: "Kim's sister, Kim Yo-jong" is not Kim.
    return best[2] if best else None


def _words(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def _has_mention(start: int, end: int, doc: Doc, mentions: MentionIndex) -> bool:
    return any(mentions.is_source_mention(doc[k]) for k in range(start, end + 1))


def _qualified_source(
    head: Token, start: int, end: int, mentions: MentionIndex, cues: Cues
) -> bool:
    """An "according to" object: an actor mention, or a source noun qualified by one."""
    if mentions.is_source_mention(head):
        return True  # "according to Yonhap"
    if head.lower_ in OBJECT_PRONOUNS:
        return True  # "according to him": the person named before
    if not _words(head) & cues.source_nouns:
        return False
    # "according to South Korean assessments", "according to Russia’s Tass news agency",
    # "according to the ministry" (the one named before); not "according to officials"
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return _has_mention(start, end, head.doc, mentions) or definite


def _plausible_subject(
    head: Token, start: int, end: int, mentions: MentionIndex, cues: Cues
) -> bool:
    """A speaker: a mention, a source noun, a personal pronoun or a proper noun."""
    if _has_mention(start, end, head.doc, mentions):
        return True
    if _words(head) & (cues.source_nouns | cues.title_nouns):
        return True  # "officials said", "the governor said"
    if head.pos_ == "PRON":
        return head.lower_ in PERSONAL_PRONOUNS
    return head.pos_ == "PROPN"


def speaker_head(head: Token, mentions: MentionIndex, cues: Cues) -> bool:
    """Whether the head of a participle's subject can speak: a name, a pronoun, or a noun of
    people, bodies or documents ("officials", "the ministry", "the report"), not a thing
    that only names a place ("the war in Ukraine")."""
    if mentions.get(head) is not None or head.pos_ in {"PRON", "PROPN"}:
        return True
    return bool(_words(head) & (cues.source_nouns | cues.title_nouns | cues.body_nouns))
