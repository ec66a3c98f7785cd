"""Source resolution for phrases that name no one: "he", "the minister", "the agency"."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Actor, Mention
from .found import _Found
from .grammar import ANAPHORIC_PRONOUNS
from .indexes import MentionIndex, SentenceIndex
from .phrases import _has_mention
from .vocabulary import Cues

#: How many paragraphs before its own "he" or "the minister" may look for its person.
PARAGRAPHS_BACK = 2


@dataclass(frozen=True)
class _Person:
    """A person mention, as a possible antecedent of "he" or "the minister"."""

    token: int  # the mention's head token
    actor: str | None
    block: int
    salient: bool  # the subject of its sentence, or the source of a claim
    pronoun: str | None  # "he", "she" or "they" where the registry says


def _persons(
    doc: Doc,
    sents: SentenceIndex,
    mentions: Sequence[Mention],
    found: Sequence[_Found],
    actors: Mapping[str, Actor],
) -> list[_Person]:
    sources = {k for f in found for k in range(f.source_bounds[0], f.source_bounds[1] + 1)}
    persons: list[_Person] = []
    # A person the model labels otherwise once ("Prof Stearns" as ORG) is still a person:
    # the registry says so, or the same actor is labelled PERSON elsewhere in the article.
    people = {m.actor for m in mentions if m.label == "PERSON" and m.actor}
    people |= {a for a, actor in actors.items() if actor.type == "person"}
    for mention in mentions:
        if mention.label != "PERSON" and mention.actor not in people:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):  # pragma: no cover - expand never fails
            continue
        root = span.root
        index = sents.of(root)
        if index is None:
            continue
        # The subject of a main clause ("Lavrov said ..."), not of a reported one.
        subject = root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "ROOT"
        salient = subject or any(t.i in sources for t in span)
        block = sents.sentences[index].block
        actor = actors.get(mention.actor) if mention.actor else None
        pronoun = actor.pronoun if actor else None
        persons.append(_Person(root.i, mention.actor, block, salient, pronoun))
    persons.sort(key=lambda p: p.token)
    return persons


@dataclass(frozen=True)
class _Body:
    """An organisation mention, as a possible antecedent of "the agency"."""

    start: int  # character offset
    actor: str
    words: frozenset[str]  # lowercased words of its names in the registry and the article


def _bodies(mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> list[_Body]:
    names: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label == "ORG" and mention.actor:
            if mention.actor not in names:
                actor = actors.get(mention.actor)
                names[mention.actor] = {actor.name, *actor.aliases} if actor else set()
            names[mention.actor].add(mention.text)
    words = {
        actor: frozenset(w for name in texts for w in name.lower().replace("-", " ").split())
        for actor, texts in names.items()
    }
    bodies = [
        _Body(m.start, m.actor, words[m.actor]) for m in mentions if m.label == "ORG" and m.actor
    ]
    return sorted(bodies, key=lambda body: body.start)


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


def _body_antecedent(head: Token, bodies: Sequence[_Body]) -> str | None:
    """The last organisation named before ``head`` whose name has ``head``'s word."""
    for body in reversed(bodies):
        if body.start < head.idx and head.lower_ in body.words:
            return body.actor
    return None


def _is_anaphoric(head: Token, start: int, end: int, mentions: MentionIndex, cues: Cues) -> bool:
    """ "he", "she", or a bare definite title ("the president") naming no one."""
    if head.lower_ in ANAPHORIC_PRONOUNS:
        return True
    if head.lower_ not in cues.title_nouns or head.tag_ not in {"NN", "NNP"}:
        return False
    if not _definite(head):
        return False
    return not _has_mention(start, end, head.doc, mentions)


def _antecedent(
    head: Token, sents: SentenceIndex, persons: Sequence[_Person], tokens: Sequence[int]
) -> str | None:
    """The actor of the person ``head`` stands for: the last salient person mentioned before
    it in its paragraph or the one before, else the last person mentioned there; "he" and
    "she" pass over people the registry refers to otherwise.

    ``tokens`` are the persons' head tokens, in order (for bisection).
    """
    index = sents.of(head)
    if index is None:
        return None
    block = sents.sentences[index].block
    # Its paragraph and the ones before, up to PARAGRAPHS_BACK (wire copy puts one or two
    # sentences in a paragraph, and a speaker's quotes run over several).
    window = set(range(block - PARAGRAPHS_BACK, block + 1))
    latest: _Person | None = None
    pronoun = head.lower_ if head.lower_ in ANAPHORIC_PRONOUNS else None
    # Persons are in text order, so are their paragraphs: walk back from ``head``.
    for n in range(bisect_right(tokens, head.i - 1) - 1, -1, -1):
        person = persons[n]
        if person.block not in window:
            break
        if pronoun and person.pronoun and person.pronoun != pronoun:
            continue
        if person.salient:
            return person.actor
        latest = latest or person
    return latest.actor if latest else None


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


def _described(head: Token, persons: Sequence[_Person], actors: Mapping[str, Actor]) -> str | None:
    """The one person of the article whose registry description or role has the title."""
    words = _title_words(head)
    found: set[str] = set()
    for person in persons:
        actor = actors.get(person.actor or "")
        if actor is None:
            continue
        text = " ".join((actor.description, *(r.title for r in actor.roles))).lower()
        if all(w in text for w in words):
            found.add(actor.id)
    return found.pop() if len(found) == 1 else None


def _named_after(doc: Doc, end: int, mentions: MentionIndex) -> str | None:
    """The person named right after a title the parser left apart ("chief of staff Kang")."""
    mention = mentions.get(doc[end + 1]) if end + 1 < len(doc) else None
    return mention.actor if mention is not None and mention.label == "PERSON" else None


@dataclass
class Resolver:
    """Resolves the source phrase of each claim, in text order: names through the mentions,
    "he" and titles to a person named before, "the agency" to a body named before, "it"
    to the last body that spoke, "the statement" to the last source."""

    sents: SentenceIndex
    mentions: MentionIndex
    persons: Sequence[_Person]
    bodies: Sequence[_Body]
    actors: Mapping[str, Actor]
    cues: Cues
    last_source: str | None = None
    last_body: str | None = None

    def __call__(self, head: Token, start: int, end: int, first_conjunct: bool) -> str | None:
        """The actor of the source phrase ``doc[start:end+1]`` headed by ``head``."""
        from .phrases import resolve_actor

        tokens = [p.token for p in self.persons]
        mentions, cues = self.mentions, self.cues
        if _is_anaphoric(head, start, end, mentions, cues):
            source = _antecedent(head, self.sents, self.persons, tokens)
        elif _is_body_anaphor(head, start, end, mentions, cues):
            source = _body_antecedent(head, self.bodies)
        elif _is_description(head, start, end, mentions, cues):
            source = _named_after(head.doc, end, mentions) or _described(
                head, self.persons, self.actors
            )
            source = source or _antecedent(head, self.sents, self.persons, tokens)
        elif head.lower_ == "it" and not _has_mention(start, end, head.doc, mentions):
            source = self.last_body
        elif head.lemma_.lower() == "statement" and not _has_mention(
            start, end, head.doc, mentions
        ):
            source = self.last_source
        else:
            source = resolve_actor(head, start, end, mentions, first_conjunct)
        if source is not None:
            self.last_source = source
            actor = self.actors.get(source)
            person = actor.type == "person" if actor else self._names_person(start, end, head.doc)
            if not person:
                self.last_body = source
        return source

    def _names_person(self, start: int, end: int, doc: Doc) -> bool:
        return any(
            (m := self.mentions.get(doc[k])) is not None and m.label == "PERSON"
            for k in range(start, end + 1)
        ) or doc[start : end + 1].root.lower_ in {"he", "she"}
