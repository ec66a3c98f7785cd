"""Chains of attribution: "Tass, citing the Kremlin, reported", "..., citing officials"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from ..indexes import MentionIndex, SentenceIndex
from .found import _Cite, _Found
from .phrases import _qualified_source, _words, phrase_bounds, resolve_actor
from .spans import _clipped_subtree
from .vocabulary import Cues


def _citations(
    pairs: Iterable[tuple[Token, Token]], sents: SentenceIndex, mentions: MentionIndex, cues: Cues
) -> list[_Cite]:
    cites: list[_Cite] = []
    for citing, obj in pairs:
        index = sents.of(citing)
        if index is None or sents.of(obj) != index:
            continue
        lo, hi = sents.bounds(index)
        start, end = phrase_bounds(obj, lo, hi)
        qualified = _qualified_source(obj, start, end, mentions, cues)
        if not qualified and not _words(obj) & cues.source_nouns:
            continue  # "citing security concerns"
        cites.append(
            _Cite(
                qualified=qualified,
                sentence=index,
                token=citing,
                subtree=frozenset(_clipped_subtree(citing, lo, hi)),
                actor=resolve_actor(obj, start, end, mentions),
                text=obj.doc[start : end + 1].text,
                head=obj,
                bounds=(start, end),
            )
        )
    return cites


def _attach_citations(found: list[_Found], cites: Sequence[_Cite]) -> None:
    """Attach each "citing Y" to the nearest attribution of its sentence, or make it one."""
    for cite in cites:
        candidates = [f for f in found if f.sentence == cite.sentence and f.kind != "citing"]
        if not candidates:
            if not cite.qualified:
                continue
            found.append(
                _Found(
                    sentence=cite.sentence,
                    statement=[],
                    source_head=cite.head,
                    source_bounds=cite.bounds,
                    cue="citing",
                    attribution=(min(cite.subtree), max(cite.subtree)),
                    kind="according",
                    excluded=cite.subtree,
                )
            )
            continue

        def distance(f: _Found, cite: _Cite = cite) -> int:
            a0, a1 = f.attribution
            i = cite.token.i
            return 0 if a0 <= i <= a1 else min(abs(i - a0), abs(i - a1))

        target = min(candidates, key=distance)
        target.via = cite.actor
        target.via_text = cite.text
        target.excluded = target.excluded | cite.subtree
        if target.kind == "verb":
            target.statement = [i for i in target.statement if i not in cite.subtree]
