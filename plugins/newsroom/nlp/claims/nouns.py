"""Attribution through a noun of speech: "X made the claim that S", "an announcement by X
that S", "X published a statement urging Y to ...", "X set out his terms: S"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..indexes import SentenceIndex
from .found import _Found
from .grammar import POSSESSIVE_PRONOUNS
from .phrases import phrase_bounds
from .spans import _clipped_subtree, _content_of_cue, _in, is_proposition
from .vocabulary import Cues

#: Clauses a noun of speech takes: "the claim that S" (acl/ccomp, or a relative clause
#: when the parser reads "that" as a pronoun).
_CLAUSES = frozenset({"acl", "relcl", "ccomp"})


def noun_claims(doc: Doc, sents: SentenceIndex, cues: Cues, taken: set[int]) -> list[_Found]:
    """Claims of the nouns of speech in ``doc`` that say who speaks and what they say;
    ``taken`` holds the cue tokens of claims found already."""
    found: list[_Found] = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues.speech_nouns:
            continue
        index = sents.of(noun)
        if index is None or noun.i in taken:
            continue
        lo, hi = sents.bounds(index)
        speaker = _speaker(noun, cues)
        if speaker is None or not _in(speaker, lo, hi):
            continue
        said = _said(noun, lo, hi, cues)
        if said is None:
            continue
        cue, content = said
        start, end = phrase_bounds(speaker, lo, hi)
        phrase = set(range(start, end + 1))
        statement = [i for i in content if i not in phrase and i != cue.i]
        if not statement or not is_proposition(doc, statement, cue):
            continue
        found.append(
            _Found(
                sentence=index,
                statement=statement,
                source_head=speaker,
                source_bounds=(start, end),
                cue=_cue_words(noun, cue, speaker),
                attribution=(min(start, noun.i), max(end, noun.i)),
                kind="verb",
                cue_token=cue,
            )
        )
    return found


def _cue_words(noun: Token, cue: Token, speaker: Token) -> str:
    """The cue as it reads after its speaker: "made the claim", "published a statement
    urging", "in an announcement" (for "an announcement by X"), "claim" (for "X's claim")."""
    doc = noun.doc
    if speaker.dep_ == "poss" and speaker.head.i == noun.i:
        return noun.text
    if speaker.dep_ == "pobj":
        article = [c.text for c in noun.children if c.dep_ == "det"]
        return " ".join(["in", *article, noun.text])
    verb = noun.head
    words = doc[verb.i : noun.i + 1].text
    return f"{words} {cue.text}" if cue.i != noun.i else words


def _speaker(noun: Token, cues: Cues) -> Token | None:
    """Who speaks: "by X", "X's claim", or the subject of "X made/issued the statement"."""
    for prep in noun.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ == "by":
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss and poss[0].lower_ not in POSSESSIVE_PRONOUNS:
        return poss[0]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in cues.issuing_verbs:
        # "X lost, but made the claim ...": a verb joined to another shares its subject
        while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return None


def _said(noun: Token, lo: int, hi: int, cues: Cues) -> tuple[Token, list[int]] | None:
    """The cue and the words of what the noun says: its content clause, the report of a
    participle ("a statement urging Y to ..."), or the clause after a colon."""
    for child in noun.children:
        if not _in(child, lo, hi) or child.dep_ not in _CLAUSES:
            continue
        if child.tag_ == "VBG" and child.lemma_.lower() in cues.speech_cues:
            content = _content_of_cue(child, lo, hi, cues, participle=True)
            if content:
                return child, content
        elif child.i > noun.i and _content_clause(child):
            # "..., saying S2" hung on the clause is the main subject's, not the noun's
            asides = {
                t.i
                for d in child.subtree
                if d.tag_ == "VBG" and d.lemma_.lower() in cues.speech_cues and d.i > child.i
                for t in d.subtree
            }
            words = [i for i in _clipped_subtree(child, lo, hi) if i not in asides]
            return noun, [i for i in words if not _is_that(noun.doc[i], child)]
    doc = noun.doc
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in cues.issuing_verbs:
        # "made the claim on Friday that S": the parser hangs the clause on the verb
        for clause in verb.children:
            if clause.dep_ == "ccomp" and clause.i > noun.i and _in(clause, lo, hi):
                words = _clipped_subtree(clause, lo, hi)
                return noun, [i for i in words if not _is_that(doc[i], clause)]
    after = max(t.i for t in noun.subtree) + 1
    if after < hi and doc[after].text == ":":
        words = list(range(after + 1, hi + 1))
        if any(doc[i].tag_ in {"VBD", "VBZ", "VBP", "MD"} for i in words):
            return noun, words
    return None


def _is_that(token: Token, clause: Token) -> bool:
    """The "that" opening a content clause."""
    return token.lower_ == "that" and token.i == clause.left_edge.i


def _content_clause(clause: Token) -> bool:
    """Whether ``clause`` says what the noun holds ("the claim that he feels abandoned"),
    not which one it is ("the statement that he made"): it opens with "that", and "that" is
    its conjunction, or the clause has no room left for it (passive, or a subject and an
    object of its own)."""
    first = clause.doc[clause.left_edge.i]
    if first.lower_ != "that":
        return False
    if first.dep_ == "mark":
        return True
    deps = [c.dep_ for c in clause.children if c.i != first.i]
    passive = "nsubjpass" in deps
    complete = "nsubj" in deps and any(
        d in {"dobj", "ccomp", "xcomp", "attr", "acomp"} for d in deps
    )
    return passive or complete
