"""Who a phrase that names no one can stand for: the people and the bodies an article names,
in text order, with what makes each a likely antecedent."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ...model import Actor, Mention
from ..indexes import MentionIndex, SentenceIndex
from .found import _Found
from .grammar import OBJECT_PRONOUNS, PRONOUN_ANAPHORS
from .vocabulary import Cues

#: How many paragraphs before its own "he" or "the minister" may look for its person.
PARAGRAPHS_BACK = 2
#: How many sentences after a description ("the commander of X said") its name may come.
SENTENCES_AHEAD = 2
#: Dependencies by which a name qualifies a noun: "the South Korean government", "China's
#: foreign ministry", "one newspaper, Nezavisimaya Gazeta".
_QUALIFYING = frozenset({"compound", "amod", "poss", "nmod", "appos"})


@dataclass(frozen=True)
class _Person:
    """A person mention, as a possible antecedent of "he" or "the minister"."""

    token: int  # the mention's head token
    actor: str | None
    block: int
    sentence: int
    salient: bool  # the subject of its sentence, or the source of a claim
    pronoun: str | None  # "he", "she" or "they" where the registry says
    remark: bool = False  # "X made the remarks": names the speaker of a claim before
    resolved: bool = False  # a "he" resolved before: weaker than a name mentioned since
    name: str = ""  # the mention as written


def _persons(
    doc: Doc,
    sents: SentenceIndex,
    mentions: Sequence[Mention],
    found: Sequence[_Found],
    actors: Mapping[str, Actor],
    cues: Cues,
) -> list[_Person]:
    # The speaker of a claim is salient, not every name in its phrase ("trade lawyer X of
    # Y", "X, an adviser to Y"): the phrase's head, or the names compounded into it.
    sources = {f.source_head.i for f in found} | {
        c.i for f in found for c in f.source_head.children if c.dep_ in {"compound", "flat"}
    }
    persons: list[_Person] = []
    # A person the model labels otherwise once ("Prof Stearns" as ORG) is still a person:
    # the registry says so, or the same actor is labelled PERSON elsewhere in the article.
    people = {m.actor for m in mentions if m.label == "PERSON" and m.actor}
    people |= {a for a, actor in actors.items() if actor.type == "person"}
    for mention in mentions:
        if mention.label != "PERSON" and mention.actor not in people:
            continue
        registered = actors.get(mention.actor) if mention.actor else None
        if registered is not None and registered.type != "person":
            continue  # a club or a firm the model took for a person
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):  # pragma: no cover - expand never fails
            continue
        root = span.root
        index = sents.of(root)
        if index is None:
            continue
        subject = _main_subject(root)
        salient = subject or any(t.i in sources for t in span)
        remark = subject and any(
            c.dep_ == "dobj" and c.lemma_.lower() in cues.speech_nouns for c in root.head.children
        )
        block = sents.sentences[index].block
        actor = actors.get(mention.actor) if mention.actor else None
        pronoun = actor.pronoun if actor else None
        persons.append(
            _Person(
                root.i, mention.actor, block, index, salient, pronoun, remark, name=mention.text
            )
        )
    persons.sort(key=lambda p: p.token)
    return _with_named_actors(persons)


def _with_named_actors(persons: list[_Person]) -> list[_Person]:
    """A name the resolver left ambiguous ("Lee", between two Lees) stands for the person
    named before with that word in their name, the salient one first; in one pass, keeping
    for each word the last salient and the last person named with it."""
    by_word: dict[str, tuple[_Person | None, _Person | None]] = {}
    out: list[_Person] = []
    for person in persons:
        words = person.name.lower().split()
        if person.actor is None and words:
            salient, latest = by_word.get(words[0], (None, None))
            for candidate in (salient, latest):
                if candidate is not None and set(words) <= set(candidate.name.lower().split()):
                    person = replace(person, actor=candidate.actor)
                    break
        elif person.actor is not None:
            for word in words:
                salient, _ = by_word.get(word, (None, None))
                by_word[word] = (person if person.salient else salient, person)
        out.append(person)
    return out


def _main_subject(root: Token) -> bool:
    """Whether ``root`` is, names or owns the subject of a main clause ("Lavrov said ...",
    "A volunteer, named Justin, said ...", "Merz's trips are ..."), not of a reported one."""
    token = root
    # "Merz's first trips are ...": the subject's possessor is as salient as the subject
    while (
        token.dep_ in {"appos", "oprd", "acl", "compound", "flat", "poss"}
        and token.head is not token
    ):
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT"


def antecedent(
    head: Token,
    sents: SentenceIndex,
    persons: Sequence[_Person],
    tokens: Sequence[int],
    salient_only: bool = False,
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
    word = head.lower_
    pronoun = OBJECT_PRONOUNS.get(word, word) if word in PRONOUN_ANAPHORS else None
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
    return latest.actor if latest and not salient_only else None


def named_later(head: Token, sents: SentenceIndex, persons: Sequence[_Person]) -> str | None:
    """The person a description ("the commander of X said S") names in the sentences after
    it: the subject of one that repeats the speech ("Gen. Y made the remarks ..."), or a
    person whose own description in the article has the description's title word."""
    index = sents.of(head)
    if index is None:
        return None
    doc = head.doc
    for person in persons:
        if person.token <= head.i or not index < person.sentence <= index + SENTENCES_AHEAD:
            continue
        if person.remark:
            return person.actor
        token = doc[person.token]
        if token.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ == "appos" and head.lower_ in {t.lower_ for t in c.subtree}
            for c in token.children
        ):
            return person.actor
    return None


def titled_before(head: Token, persons: Sequence[_Person]) -> str | None:
    """For "the governor": the last person named before with that title ("Governor Greg
    Abbott", "Abbott, the governor"), however far back."""
    doc = head.doc
    for person in reversed(persons):
        if person.token >= head.i or person.resolved:
            continue
        token = doc[person.token]
        near = [c for c in token.children if c.dep_ in {"compound", "appos", "amod", "nmod"}]
        if any(head.lower_ in {t.lower_ for t in c.subtree} for c in near):
            return person.actor
    return None


@dataclass(frozen=True)
class _Body:
    """An organisation (or a country's institution), as a possible antecedent of "the
    agency", "the government"."""

    start: int  # character offset
    actor: str
    words: frozenset[str]  # lowercased words of its names and of the nouns it qualifies


def _bodies(doc: Doc, mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> list[_Body]:
    names: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label == "ORG" and mention.actor and mention.actor not in names:
            actor = actors.get(mention.actor)
            names[mention.actor] = {actor.name, *actor.aliases} if actor else set()
        if mention.label == "ORG" and mention.actor:
            names[mention.actor].add(mention.text)
    words = {
        actor: frozenset(w for name in texts for w in name.lower().replace("-", " ").split())
        for actor, texts in names.items()
    }
    bodies = []
    for mention in mentions:
        if not mention.actor:
            continue
        registered = actors.get(mention.actor)
        if registered is not None and registered.type == "person":
            continue
        qualified = _qualified_nouns(doc, mention)
        own = words.get(mention.actor, frozenset()) if mention.label == "ORG" else frozenset()
        if own or qualified:
            bodies.append(_Body(mention.start, mention.actor, own | qualified))
    return sorted(bodies, key=lambda body: body.start)


def _qualified_nouns(doc: Doc, mention: Mention) -> frozenset[str]:
    """The common nouns a mention qualifies or stands in apposition to."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):  # pragma: no cover - expand never fails
        return frozenset()
    root = span.root
    # "defense company Hanwha", "Hanwha, the company", "one newspaper, Gazeta"
    nouns = {
        c.lower_
        for c in root.children
        if c.dep_ in {"appos", "compound"} and c.pos_ == "NOUN" and not c.ent_type_
    }
    if root.head.dep_ in {"appos"} and root.head.pos_ == "NOUN":
        nouns.add(root.head.lower_)
    # "the South Korean government", "the M23 rebel group"; not "South Korean defense
    # company Hanwha" (the company is Hanwha, the noun a name of its own qualifies).
    token = root
    while token.dep_ in _QUALIFYING and token.head.pos_ == "NOUN" and not token.head.ent_type_:
        noun = token.head
        if noun.dep_ in {"compound", "appos", "nmod"} and noun.head.ent_type_:
            break
        nouns.add(noun.lower_)
        if noun.dep_ != "compound":
            break
        token = noun
    return frozenset(nouns)


class BodyIndex:
    """The bodies an article names, by the word an anaphor uses ("the agency"): for each
    word, the offsets and actors of the bodies that go by it, in order, built on first use."""

    def __init__(self, bodies: Sequence[_Body]) -> None:
        self.bodies = bodies
        self._by_word: dict[str, tuple[list[int], list[str]]] = {}

    def before(self, head: Token) -> str | None:
        """The last body named before ``head`` whose name has ``head``'s word, or that was
        called by it ("the newspaper ..." for "the paper")."""
        word = head.lower_
        if word not in self._by_word:
            named = [
                b for b in self.bodies if word in b.words or any(w.endswith(word) for w in b.words)
            ]
            self._by_word[word] = ([b.start for b in named], [b.actor for b in named])
        starts, actors = self._by_word[word]
        n = bisect_right(starts, head.idx - 1)
        return actors[n - 1] if n else None


def same_sentence_body(
    head: Token, lo: int, mentions: MentionIndex, cue: Token | None
) -> str | None:
    """For "it": the organisation named before it in its own sentence ("a statement by the
    ministry, when it said ..."), else the country ("As for the X government, it says"); not
    a name inside what it says ("S about Poland, it said")."""
    doc = head.doc
    said = {t.i for t in cue.subtree} if cue is not None else set()
    last_org: str | None = None
    last_place: str | None = None
    for k in range(lo, head.i):
        mention = mentions.get(doc[k])
        if mention is None or mention.actor is None or k in said:
            continue
        if mention.label == "ORG":
            last_org = mention.actor
        elif mention.label in {"GPE", "NORP"}:
            last_place = mention.actor
    return last_org or last_place
