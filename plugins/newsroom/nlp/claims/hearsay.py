"""Hearsay: "is said to", "reportedly". Such statements are claims with no speaker, and a
cue the text hedges ("X reportedly said") loses its speaker too."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ...model import Claim
from ..indexes import SentenceIndex
from .grammar import CLAUSE_TAGS
from .spans import _char_span, _clipped_subtree, _without_dateline
from .vocabulary import Cues


def hedged(cue: Token | None, cues: Cues) -> bool:
    """Whether a cue is hedged by an adverb of hearsay ("reportedly said")."""
    return cue is not None and any(
        c.dep_ == "advmod" and c.lower_ in cues.hearsay_adverbs for c in cue.children
    )


def _passive(token: Token, cues: Cues) -> bool:
    """ "The proposal is said to be based on ...": a passive hearsay verb with a complement."""
    deps = {c.dep_ for c in token.children}
    return (
        token.lemma_.lower() in cues.hearsay_cues
        and token.tag_ == "VBN"
        and "nsubjpass" in deps
        and "xcomp" in deps
    )


def hearsay_claims(
    doc: Doc, sents: SentenceIndex, cues: Cues, covered: Iterable[int]
) -> list[Claim]:
    """Unattributed claims: passive hearsay and clauses hedged by "reportedly", outside the
    tokens of attributed claims (``covered``)."""
    taken = set(covered)
    claims: list[Claim] = []
    body = doc.text
    for token in doc:
        if token.i in taken:
            continue
        if _passive(token, cues):
            head, skip = token, set()
            auxes = [c for c in token.children if c.dep_ == "auxpass"]
            cue = " ".join([*(a.text for a in auxes), token.text])
        elif (
            token.dep_ == "advmod"
            and token.lower_ in cues.hearsay_adverbs
            and token.head.pos_ in {"VERB", "AUX"}
            and token.head.i not in taken
        ):
            head, skip, cue = token.head, {token.i}, token.lower_
        else:
            continue
        index = sents.of(token)
        if index is None:
            continue
        lo, hi = sents.bounds(index)
        words = [i for i in _clipped_subtree(head, lo, hi) if i not in skip]
        if not any(doc[i].tag_ in CLAUSE_TAGS for i in words):
            continue  # "a chat allegedly used by X": a qualified noun, no statement
        bounds = _char_span(doc, _without_dateline(doc, words))
        if bounds is None:
            continue
        taken.update(words)
        claims.append(
            Claim(
                text=body[bounds[0] : bounds[1]],
                start=bounds[0],
                end=bounds[1],
                source=None,
                source_text="",
                cue=cue,
                sentence=index,
            )
        )
    return claims
