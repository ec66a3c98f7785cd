"""Reported speech over several sentences: a quotation with no cue of its own continues the
last attributed statement before it (“S1,” X said. “S2.” -> S2 is X's too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..indexes import SentenceIndex
from .found import _Found
from .vocabulary import Cues

#: How many sentences back the statement a quotation continues may lie.
MAX_GAP = 2
#: Fewer words than this is a quoted phrase, not a statement of its own.
MIN_WORDS = 4


def continued_quotations(
    doc: Doc,
    found: Sequence[_Found],
    quotes: Sequence[tuple[int, int]],
    sents: SentenceIndex,
    cues: Cues,
    anchors: Sequence[_Found] = (),
) -> list[_Found]:
    """Claims for quotations that open their sentence (or hold its main verb), hold no
    attribution, and follow an attributed statement (or a quoted phrase with its speaker,
    ``anchors``) closely: the same speaker's words."""
    covered = {k for f in found for k in f.statement} | {
        k for f in found for k in range(f.attribution[0], f.attribution[1] + 1)
    }
    added: list[_Found] = []
    for open_, close in quotes:
        inner = [k for k in range(open_ + 1, min(close, len(doc))) if not doc[k].is_space]
        words = [k for k in inner if not doc[k].is_punct]
        if len(words) < MIN_WORDS or any(k in covered for k in inner):
            continue
        index = sents.of(doc[open_])
        if index is None:
            continue
        lo, hi = sents.bounds(index)
        roots = [t for t in doc[lo : hi + 1] if t.dep_ == "ROOT"]
        # The quotation opens the sentence, or holds its main verb ("But as support is
        # low, “Merz will need to ...”"): the sentence is the quotation's.
        if lo != open_ and not (roots and open_ < roots[0].i < close):
            continue
        after = range(close + 1, sents.bounds(index)[1] + 1)
        if any(doc[k].lemma_.lower() in cues.cues or doc[k].lower_ == "according" for k in after):
            continue  # the quotation has an attribution of its own, if one not understood
        before = [
            f for f in (*found, *anchors, *added) if f.attribution[1] < open_ and f.kind != "citing"
        ]
        if not before:
            continue
        last = max(before, key=lambda f: max(f.attribution[1], max(f.statement, default=0)))
        if index - last.sentence > MAX_GAP:
            continue
        added.append(replace(last, sentence=index, statement=inner, kind="continued"))
    return added
