"""Where the figures are: numeric entities, numbers the entity recogniser missed, and vague
amounts ("thousands of"), each widened to its modifiers and joined into one figure for a
range or a part of a whole ("25,000 to 30,000", "Thirteen of 15")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..indexes import MentionIndex
from .values import is_number
from .words import MODIFIERS, NUMERIC_LABELS, RANGE_WORDS, SKIP_LABELS


def _own_words(ent: Span) -> Span:
    """An entity without the leading words that modify something else: "an additional
    25,000" where "an additional" goes with "troops" in "an additional 25,000 to 30,000
    troops"."""
    start = ent.start
    while start < ent.end - 1:
        token = ent.doc[start]
        if is_number(token) or ent.start <= token.head.i < ent.end:
            break
        start += 1
    return ent.doc[start : ent.end]


def _widened(span: Span) -> Span:
    """``span`` with the modifiers and other numbers its number governs on the left:
    "some 300", "25,000 to 30,000", "Thirteen of 15"."""
    doc = span.doc
    root = span.root
    start = span.start
    while start > 0:
        token = doc[start - 1]
        if token.ent_type_ in SKIP_LABELS or not root.is_ancestor(token):
            break
        if not (token.lower_ in MODIFIERS or token.lower_ in RANGE_WORDS or is_number(token)):
            break
        start -= 1
    while start < span.start and doc[start].lower_ in RANGE_WORDS - {"between"}:
        start += 1
    # "Thirteen of 15 members" parsed as "Thirteen (of (15 members))"
    head = root.head
    if root.dep_ == "nummod" and head.dep_ == "pobj" and head.head.lower_ == "of":
        of = head.head
        if of.i == start - 1 and of.head.i == of.i - 1 and is_number(of.head):
            start = of.head.i
    return doc[start : span.end]


def candidates(doc: Doc, mentions: MentionIndex) -> list[tuple[Span, str]]:
    """The figure spans of ``doc`` with their entity label, one per range or part."""
    spans: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            spans.append((_own_words(ent), ent.label_))
            taken.update(range(ent.start, ent.end))
    for token in doc:
        if token.i in taken or token.ent_type_ or not is_number(token):
            continue
        if mentions.get(token) is not None:
            continue
        start = token.i
        while start > 0 and doc[start - 1].lower_ in MODIFIERS and doc[start - 1].i not in taken:
            start -= 1
        while start < token.i and doc[start].lower_ in {"to", "than", "least", "most", "an"}:
            start += 1
        spans.append((doc[start : token.i + 1], "CARDINAL"))
        taken.update(range(start, token.i + 1))
    # One figure for a range or a part of a whole, not one per number: a number governed
    # by another figure's number goes ("an additional 25,000" in "25,000 to 30,000"), and
    # what still overlaps is joined.
    widened = sorted(
        ((_widened(span), label) for span, label in spans), key=lambda p: (p[0].start, -len(p[0]))
    )
    owner: dict[int, int] = {}
    for n, (span, _) in enumerate(widened):
        for i in range(span.start, span.end):
            owner.setdefault(i, n)
    widened = [
        (span, label)
        for n, (span, label) in enumerate(widened)
        if owner.get(span.root.head.i, n) == n
    ]
    kept: list[tuple[Span, str]] = []
    for span, label in widened:
        if kept and span.start < kept[-1][0].end:
            last, last_label = kept[-1]
            kept[-1] = (doc[last.start : max(last.end, span.end)], last_label)
            continue
        kept.append((span, label))
    return kept
