"""Source resolution for phrases that name no one: "he", "the minister", "the agency", "it",
"the statement"; the antecedents themselves are found in :mod:`.antecedents`."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...model import Actor
from ..indexes import MentionIndex, SentenceIndex
from .antecedents import (
    BodyIndex,
    _Body,
    _Person,
    antecedent,
    named_later,
    same_sentence_body,
    titled_before,
)
from .grammar import ANAPHORIC_PRONOUNS, PRONOUN_ANAPHORS
from .phrases import _has_mention, _subtree_bounds, resolve_actor
from .vocabulary import Cues


def _definite(head: Token) -> bool:
    """Whether ``head`` has "the" as its determiner."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _is_body_anaphor(head: Token, start: int, end: int, mentions: MentionIndex, cues: Cues) -> bool:
    """ "the agency", "the news agency", "the ministry" naming no one."""
    return (
        head.lower_ in cues.body_nouns
        and head.tag_ == "NN"
        and _definite(head)
        and not _has_mention(start, end, head.doc, mentions)
    )


def _is_anaphoric(head: Token, start: int, end: int, mentions: MentionIndex, cues: Cues) -> bool:
    """ "he", "she", "him", or a bare definite title ("the president") naming no one."""
    if head.lower_ in PRONOUN_ANAPHORS:
        return True
    if head.lower_ not in cues.title_nouns or head.tag_ not in {"NN", "NNP"}:
        return False
    if not _definite(head):
        return False
    return not _has_mention(start, end, head.doc, mentions)


def _title_words(head: Token) -> list[str]:
    """The title a phrase names: its head and the words that qualify it ("prime minister")."""
    mods = [c.lower_ for c in head.lefts if c.dep_ in {"compound", "amod"} and not c.ent_type_]
    return [*mods, head.lower_]


def _is_description(head: Token, start: int, end: int, mentions: MentionIndex, cues: Cues) -> bool:
    """ "Russia's foreign minister", "the CDU leader": a title naming no person."""
    if head.lower_ not in cues.title_nouns or head.tag_ not in {"NN", "NNP"}:
        return False
    doc = head.doc
    return not any(
        (mention := mentions.get(doc[k])) is not None and mention.label == "PERSON"
        for k in range(start, end + 1)
    )


def _described(head: Token, persons: list[_Person], actors: Mapping[str, Actor]) -> str | None:
    """The one person of the article whose registry description or role has the title."""
    words = _title_words(head)
    found: set[str] = set()
    for person in persons:
        actor = actors.get(person.actor or "")
        if actor is None:
            continue
        text = " ".join((actor.description, *(r.title for r in actor.roles))).lower()
        if all(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            found.add(actor.id)
    return found.pop() if len(found) == 1 else None


def _named_after(doc: Doc, end: int, mentions: MentionIndex) -> str | None:
    """The person named right after a title the parser left apart ("chief of staff Kang")."""
    mention = mentions.get(doc[end + 1]) if end + 1 < len(doc) else None
    return mention.actor if mention is not None and mention.label == "PERSON" else None


def _issuer(head: Token, mentions: MentionIndex) -> str | None:
    """Who issued a document: "a statement issued by A, B and C" -> A's actor."""
    for acl in head.children:
        if acl.dep_ != "acl" or acl.tag_ != "VBN":
            continue
        for agent in acl.children:
            if agent.dep_ != "agent":
                continue
            for obj in agent.children:
                if obj.dep_ == "pobj":
                    start, end = _subtree_bounds(obj, obj.left_edge.i, obj.right_edge.i)
                    return resolve_actor(obj, start, end, mentions, True)
    return None


@dataclass
class Resolver:
    """Resolves the source phrase of each claim, in text order: names through the mentions,
    "he" and titles to a person named before, "the agency" to a body named before, "it"
    to a body named in its sentence or the last body that spoke, "the statement" to its
    issuer or the last source. A resolved "he" counts as a mention of its person, so a
    speaker's quotes chain over paragraphs."""

    sents: SentenceIndex
    mentions: MentionIndex
    persons: list[_Person]
    bodies: list[_Body]
    actors: Mapping[str, Actor]
    cues: Cues
    last_source: str | None = None
    last_body: str | None = None
    last_body_block: int = -1
    tokens: list[int] = field(default_factory=list)
    # "In a statement, X said ...": a later "the statement" is X's
    documents: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tokens = [p.token for p in self.persons]
        self.body_index = BodyIndex(self.bodies)

    def __call__(
        self, head: Token, start: int, end: int, first_conjunct: bool, cue: Token | None = None
    ) -> str | None:
        """The actor of the source phrase ``doc[start:end+1]`` headed by ``head`` (the
        subject of ``cue``)."""
        mentions, cues, doc = self.mentions, self.cues, head.doc
        named = _has_mention(start, end, doc, mentions)
        chained = False
        if _is_anaphoric(head, start, end, mentions, cues):
            source = antecedent(head, self.sents, self.persons, self.tokens)
            if source is None and head.lower_ not in PRONOUN_ANAPHORS:
                source = titled_before(head, self.persons)  # "the governor"
            chained = True
        elif _is_body_anaphor(head, start, end, mentions, cues):
            source = self.body_index.before(head)
            if source is None and head.lower_ in cues.generic_body_nouns:
                source = self._recent_body(head)
        elif _is_description(head, start, end, mentions, cues):
            source = _named_after(doc, end, mentions) or _described(head, self.persons, self.actors)
            # a description fits a person who spoke or acted before, not any name in passing
            source = source or antecedent(head, self.sents, self.persons, self.tokens, True)
            source = source or named_later(head, self.sents, self.persons)
            chained = True
        elif head.lower_ == "it" and not named:
            index = self.sents.of(head)
            lo = self.sents.bounds(index)[0] if index is not None else head.i
            source = same_sentence_body(head, lo, mentions, cue) or self.last_body
        elif head.lemma_.lower() in cues.document_nouns and not named:
            # a document is a body's: the body that spoke last, else whoever did
            source = (
                _issuer(head, mentions)
                or self.documents.get(head.lemma_.lower())
                or self.last_body
                or self.last_source
            )
        else:
            source = resolve_actor(head, start, end, mentions, first_conjunct)
            if source is None and (mention := mentions.get(head)) and mention.actor is None:
                source = self._person_at(head)  # "Lee", told apart by who was named so
        if source is not None:
            self._spoke(head, start, end, source, chained)
        return source

    def _note_documents(self, head: Token, source: str) -> None:
        """Remember ``source`` as the author of a document its sentence speaks in ("in a
        statement carried by KCNA, X said"), for a later "the statement"."""
        index = self.sents.of(head)
        if index is None:
            return
        lo, hi = self.sents.bounds(index)
        for token in head.doc[lo : hi + 1]:
            lemma = token.lemma_.lower()
            if (
                token.i != head.i
                and lemma in self.cues.document_nouns
                and token.dep_ == "pobj"
                and token.head.lower_ == "in"
            ):
                self.documents[lemma] = source

    def _person_at(self, head: Token) -> str | None:
        """The actor of the person mention headed by ``head`` ("Lee", told apart by the
        person named so before)."""
        at = bisect_left(self.tokens, head.i)
        if at < len(self.tokens) and self.tokens[at] == head.i:
            return self.persons[at].actor
        return None

    def _recent_body(self, head: Token) -> str | None:
        """The body that spoke last, if it spoke in this paragraph or the one before."""
        index = self.sents.of(head)
        if index is None or self.last_body is None:
            return None
        block = self.sents.sentences[index].block
        return self.last_body if block - self.last_body_block <= 1 else None

    def _spoke(self, head: Token, start: int, end: int, source: str, chained: bool) -> None:
        self.last_source = source
        self._note_documents(head, source)
        actor = self.actors.get(source)
        # resolved as a person ("he", "the governor"): a person, whatever the registry lacks
        person = chained or (
            actor.type == "person" if actor else self._names_person(start, end, head.doc)
        )
        index = self.sents.of(head)
        if not person:
            self.last_body = source
            if index is not None:
                self.last_body_block = self.sents.sentences[index].block
        elif chained and index is not None:
            # "he said" resolved: the next "he" may find this one, paragraphs later.
            block = self.sents.sentences[index].block
            pronoun = head.lower_ if head.lower_ in ANAPHORIC_PRONOUNS else None
            at = bisect_left(self.tokens, head.i)
            self.tokens.insert(at, head.i)
            said = _Person(head.i, source, block, index, True, pronoun, resolved=True)
            self.persons.insert(at, said)

    def _names_person(self, start: int, end: int, doc: Doc) -> bool:
        return any(
            (m := self.mentions.get(doc[k])) is not None and m.label == "PERSON"
            for k in range(start, end + 1)
        ) or doc[start : end + 1].root.lower_ in {"he", "she"}
