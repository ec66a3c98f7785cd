"""The words of a statement: what a cue reports, trimmed, without dateline, whole quotations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from ..indexes import SentenceIndex
from .found import _Found
from .grammar import (
    _CLOSE_QUOTES,
    _CONTENT_PREP_SKIP,
    _DATELINE_DASHES,
    _DATELINE_LABELS,
    _KEEP_PUNCT,
    _OPEN_QUOTES,
    _PLAIN_QUOTES,
    _TOPIC_PREPS,
    CLAUSE_TAGS,
    EMPTY_OBJECTS,
    TIME_LABELS,
)
from .phrases import _subtree_bounds
from .vocabulary import Cues


def _trimmable(token: Token, leading: bool) -> bool:
    if token.is_space:
        return True
    if token.is_punct and token.text not in _KEEP_PUNCT:
        return True
    return leading and token.dep_ in {"mark", "cc"} and token.lower_ in {"that", "and", "but"}


def _char_span(doc: Doc, indices: Iterable[int]) -> tuple[int, int] | None:
    """Character bounds of the tokens from the first to the last of ``indices``, trimmed."""
    idx = sorted(set(indices))
    while idx and _trimmable(doc[idx[0]], leading=True):
        idx.pop(0)
    while idx and _trimmable(doc[idx[-1]], leading=False):
        idx.pop()
    if not idx:
        return None
    i0, i1 = idx[0], idx[-1]
    words = [doc[k] for k in range(i0, i1 + 1) if not (doc[k].is_punct or doc[k].is_space)]
    if len(words) < 2:
        return None
    return (doc[i0].idx, doc[i1].idx + len(doc[i1].text))


def _without_dateline(doc: Doc, indices: Sequence[int]) -> list[int]:
    """A statement without the dateline it opens with: "SEOUL — S", "(CNN) — S",
    "SEOUL, Oct. 29 (Yonhap) -- S". A dateline has a place in capitals or an agency in
    parentheses, so "Russia - and China - will ..." keeps its subject."""
    idx = sorted(indices)
    for pos, k in enumerate(idx[:12]):
        token = doc[k]
        if (
            token.text in _DATELINE_DASHES
            and token.whitespace_
            and k > 0
            and doc[k - 1].whitespace_
        ):
            marked = any(
                doc[j].text == "(" or (doc[j].is_upper and len(doc[j].text) > 1) for j in idx[:pos]
            )
            return idx[pos + 1 :] if pos and marked else idx
        if not (
            token.is_punct
            or token.is_space
            or token.like_num
            or token.pos_ == "PROPN"
            or token.is_upper
            or token.ent_type_ in _DATELINE_LABELS
        ):
            return idx
    return idx


def _in(token: Token, lo: int, hi: int) -> bool:
    return lo <= token.i <= hi


def _clipped_subtree(token: Token, lo: int, hi: int) -> list[int]:
    return [t.i for t in token.subtree if lo <= t.i <= hi]


def _content_of_cue(
    cue: Token, lo: int, hi: int, cues: Cues, participle: bool = False
) -> list[int] | None:
    """The tokens of what ``cue`` reports, or None when it reports nothing.

    A ``participle`` ("..., saying ...") reports only its own complement or object, never
    the clause it hangs from.
    """
    children = [c for c in cue.children if _in(c, lo, hi)]
    ccomps = [c for c in children if c.dep_ == "ccomp"]
    if ccomps:
        # "added that it is likely S1 will (ccomp) ... S2 (ccomp)": the parser may split one
        # reported clause in two; what follows the cue is said as a whole.
        # So may "S1, but S2, X said" before it.
        after = [c for c in ccomps if c.i > cue.i]
        before = [c for c in ccomps if c.i < cue.i]
        if len(after) > 1 or (len(before) > 1 and not after):
            return [i for c in after or before for i in _clipped_subtree(c, lo, hi)]
        best = max(ccomps, key=lambda c: len(_clipped_subtree(c, lo, hi)))
        return _clipped_subtree(best, lo, hi)
    xcomps = [c for c in children if c.dep_ == "xcomp"]
    if xcomps:
        # "urged Seoul and its allies to contribute": who is urged belongs to the statement.
        urged = [c for c in children if c.dep_ == "dobj" and c.i < xcomps[0].i]
        return [i for c in (*urged[:1], xcomps[0]) for i in _clipped_subtree(c, lo, hi)]
    # "called for X to do Y": a clause introduced by "for"
    for child in children:
        marks = [m.i for m in child.children if m.dep_ == "mark" and m.lower_ == "for"]
        if child.dep_ == "advcl" and child.i > cue.i and marks:
            return [i for i in _clipped_subtree(child, lo, hi) if i not in marks]
    if cue.lemma_.lower() in cues.object_cues:
        objects: list[Token] = []
        for child in cue.rights:
            if not _in(child, lo, hi):
                continue
            if child.dep_ in {"dobj", "dative", "attr", "oprd", "pcomp"}:
                empty = child.dep_ == "dobj" and child.lower_ in EMPTY_OBJECTS
                # "accused it of S" keeps "it"; "said it" / "denied that" say nothing
                if empty and not any(
                    c.dep_ == "prep" and c.i > child.i and c.lower_ in _TOPIC_PREPS
                    for c in cue.children
                ):
                    continue
                objects.append(child)
            elif (
                child.dep_ == "prep"
                and (objects or child.lower_ in _TOPIC_PREPS)
                and child.lower_ not in _CONTENT_PREP_SKIP
                # "warned on Monday" is no content; "boasted of killing ... in May" is
                and not any(t.ent_type_ in TIME_LABELS for t in child.children if t.dep_ == "pobj")
            ):
                objects.append(child)  # "accused X of ...", "warned of ..."
        if objects and (
            any(o.dep_ == "dobj" for o in objects) or objects[0].lower_ in _TOPIC_PREPS
        ):
            return [i for o in objects for i in _clipped_subtree(o, lo, hi)]
        # "what X described as S": the object is the relative word before the cue
        fronted = any(c.dep_ == "dobj" and c.i < cue.i for c in cue.children)
        as_ = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "as"]
        if fronted and as_ and _in(as_[0], lo, hi):
            return _clipped_subtree(as_[0], lo, hi)
    # "acknowledged for the first time that it sent ..." (parsed as a relative clause)
    for token in cue.subtree:
        if token.i <= cue.i or not _in(token, lo, hi):
            continue
        if (
            token.lower_ == "that"
            and token.dep_ in {"mark", "advmod"}
            and token.head.i > token.i
            and token.head.pos_ in {"VERB", "AUX"}
        ):
            return [i for i in _clipped_subtree(token.head, lo, hi) if i > token.i]
    if participle:
        return None
    # "..., a deployment X believes could happen soon"
    if cue.dep_ in {"relcl", "acl"}:
        left = _subtree_bounds(cue.head, lo, hi)[0]
        if left > lo:
            return list(range(lo, left))
    # "S, X said." with the main clause not parsed as the cue's complement
    # ("S, X said." and "S1, they said, S2": a parenthetical cue reports its host clause)
    if cue.dep_ == "parataxis" or (cue.dep_ in {"advcl", "conj", "ccomp"} and cue.head.i < cue.i):
        own = set(_clipped_subtree(cue, lo, hi))
        return [i for i in _clipped_subtree(cue.head, lo, hi) if i not in own]
    return None


def _reduced_relative(head: Token, start: int, lo: int) -> list[int] | None:
    """For "S, a deployment X believes (could happen soon)": the clause before the noun, S.

    The subject's phrase is preceded, within the subject's own subtree, by the noun the
    attribution modifies ("a deployment"); what X believes is that preceding clause.
    """
    left = min(t.i for t in head.subtree if t.i >= lo)
    if left >= start or left <= lo:
        return None
    doc = head.doc
    if not any(doc[k].pos_ == "NOUN" or doc[k].dep_ == "nmod" for k in range(left, start)):
        return None
    if not (doc[left - 1].is_punct and doc[left - 1].text in {",", "—", "–"}):
        return None
    return list(range(lo, left))


def quotations(sents: SentenceIndex) -> list[tuple[int, int]]:
    """Token indices of the opening and closing marks of each quotation.

    Marks pair up within a paragraph (“ opens, ” closes, a straight quote toggles); a
    quotation still open at the end of its paragraph ends there (its "closing mark" is
    then the index after the paragraph's last token).
    """
    quotes: list[tuple[int, int]] = []
    opened: int | None = None
    block: int | None = None
    last = -1
    for token in sents.doc:
        index = sents.of(token)
        if index is None:
            continue
        here = sents.sentences[index].block
        if here != block:
            if opened is not None:
                quotes.append((opened, last + 1))
            opened, block = None, here
        last = token.i
        text = token.text
        if text in _OPEN_QUOTES or (text in _PLAIN_QUOTES and opened is None):
            if opened is not None:
                quotes.append((opened, token.i))
            opened = token.i
        elif (text in _CLOSE_QUOTES or text in _PLAIN_QUOTES) and opened is not None:
            quotes.append((opened, token.i))
            opened = None
    if opened is not None:
        quotes.append((opened, last + 1))
    return quotes


def _quotation_around(quotes: Sequence[tuple[int, int]], i: int) -> tuple[int, int] | None:
    for open_, close in quotes:
        if open_ < i < close:
            return (open_, close)
    return None


def _whole_quotation(item: _Found, quotes: Sequence[tuple[int, int]]) -> None:
    """A statement that starts or ends inside a quotation spanning several sentences takes
    the whole quotation: “S1. S2,” X said."""
    if not item.statement:
        return
    a0, a1 = item.attribution
    extra: set[int] = set()
    for i in (min(item.statement), max(item.statement)):
        quote = _quotation_around(quotes, i)
        if quote is None or quote[0] <= a0 <= quote[1] or quote[0] <= a1 <= quote[1]:
            continue
        extra.update(range(quote[0] + 1, quote[1]))
    if extra:
        item.statement = sorted(set(item.statement) | extra)


def is_proposition(doc: Doc, statement: Sequence[int], cue: Token) -> bool:
    """Whether a statement says something is so: it has a verb that makes a clause ("that it
    sent troops", "of violating the principle"), or predicates with "as" ("described the
    talks as useful"), not a bare noun phrase ("confirmed their involvement", "the
    announcement made by X": a participle qualifies a noun)."""
    return any(
        (doc[i].pos_ in {"VERB", "AUX"} and doc[i].tag_ in CLAUSE_TAGS)
        or (doc[i].lower_ == "as" and doc[i].head.i == cue.i)
        for i in statement
    )


def quotation_before(doc: Doc, quotes: Sequence[tuple[int, int]], start: int) -> list[int] | None:
    """ "“S,” X told a briefing": the quotation that closes right before the source phrase
    starting at ``start``, when the cue reports nothing the parser linked to it."""
    for open_, close in quotes:
        between = [doc[k] for k in range(close + 1, start)]
        if close < start and all(t.is_punct or t.is_space for t in between) and len(between) < 3:
            return [k for k in range(open_ + 1, close) if not doc[k].is_space]
    return None
