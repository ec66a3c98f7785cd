"""Figures: numbers with what they count and who says so (the ``extract_figures`` stage).

A figure is a CARDINAL/MONEY/PERCENT/QUANTITY entity, or a number token the
entity recogniser missed (with its "around", "more than" modifiers), or a vague
"thousands of" / "hundreds of". What it counts comes from the dependency parse
(the noun the number modifies, or the object of "of"); who says so comes from the
claims: the innermost claim whose statement holds the figure, else the claim of
the figure's sentence.

``counts`` is printed after ``text`` by the pages, so it never repeats what ``text``
already says: for a percentage or a quantity with its unit ("100%", "about 1,000
kilometers") it is what is measured ("a range of 1,500 kilometers" -> "range", "12% of
its troops" -> "troops"), or "" when nothing is. A bare number that shares its noun with
a coordinated figure takes that noun plus its own participle, and the partner its verb:
"300 soldiers have been killed and 2,700 wounded" -> "soldiers killed", "soldiers
wounded". A range or a part of a whole ("25,000 to 30,000", "Thirteen of 15") is one
figure with value None. (See :func:`extract_figures` for what is not a figure.)
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ...model import Claim, Figure, Mention, Sentence
from ..indexes import MentionIndex, SentenceIndex
from .candidates import candidates
from .counts import Item, noun_of, pair, what_it_counts
from .values import is_number, is_year, parse_value
from .words import DEFINITE, SCALES, SKIP_LABELS, TIME_NOUNS


def _source(start: int, end: int, sentence: int, claims: Sequence[Claim]) -> str | None:
    inside = [c for c in claims if c.start <= start and end <= c.end]
    if inside:
        return min(inside, key=lambda c: c.end - c.start).source
    same = [c for c in claims if c.sentence == sentence]
    if same:
        return max(same, key=lambda c: c.end - c.start).source
    return None


def extract_figures(
    doc: Doc,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    claims: Sequence[Claim],
) -> tuple[Figure, ...]:
    """Numbers with what they count and who says so.

    Rules beyond "the noun the number modifies":

    * a bare number coordinated with a figure whose noun is known takes that noun and
      its own participle, and the partner takes its verb: "300 soldiers have been killed
      and 2,700 wounded" gives "soldiers killed" and "soldiers wounded";
    * a number that is the level of its clause's subject counts the subject
      ("casualties have reached about 3,000");
    * a range or a part of a whole is one figure with no single value ("25,000 to
      30,000 troops", "Thirteen of 15 members");
    * not figures: counts of one ("one soldier"; money and percentages aside), numbers in
      sentences without a verb (captions, stray markup), a unit conversion in parentheses
      ("1,000 kilometers (621 miles)").
    """
    sents = SentenceIndex(doc, sentences)
    index = MentionIndex(doc, mentions)
    items: list[Item] = []
    verbless: dict[int, bool] = {}
    ends: set[int] = set()
    for span, label in candidates(doc, index):
        numbers = [t for t in span if is_number(t) or t.lower_ in SCALES]
        if not numbers or any(t.ent_type_ in SKIP_LABELS for t in span):
            continue
        if any(index.get(t) is not None for t in span):
            continue  # part of a name: "G7"
        sentence = sents.of(span[0])
        if sentence is None:
            continue
        if sentence not in verbless:
            verbless[sentence] = not any(t.pos_ in {"VERB", "AUX"} for t in sents.tokens(sentence))
        ends.add(span.end)
        if verbless[sentence] or _conversion(span, ends):
            continue
        if label == "CARDINAL" and is_year(list(span)):
            continue
        noun = noun_of(span)
        items.append(Item(span, label, sentence, what_it_counts(span, label), noun))

    for item in items:
        if isinstance(item.counted, str):
            item.counts = item.counted
        elif item.counted is not None:
            item.counts = doc[item.counted[0] : item.counted[1] + 1].text
    by_sentence: dict[int, list[Item]] = {}
    for item in items:
        by_sentence.setdefault(item.sentence, []).append(item)
    for item in items:
        if item.counted is not None:
            continue
        paired = pair(item, by_sentence[item.sentence])
        if paired is None:
            continue
        other, participle, verb = paired
        if not isinstance(other.counted, tuple):  # pragma: no cover - a noun was found
            continue
        what = doc[other.counted[0] : other.counted[1] + 1].text
        item.counted = other.counted
        item.counts = f"{what} {participle.text}"
        if verb.tag_ in {"VBN", "VBD"} and other.counts == what:
            other.counts = f"{what} {verb.text}"

    body = doc.text  # built from the tokens on every access: once
    figures: list[Figure] = []
    for item in items:
        span, counted = item.span, item.counted
        if counted is None or item.counts.lower() in TIME_NOUNS:
            continue
        value = parse_value(list(span))
        if value == 1 and item.label not in {"MONEY", "PERCENT"}:
            continue  # "one soldier", "at least one missile"
        if _referential(span, counted, value):
            continue  # "the two nations"
        start = span.start_char
        end = span.end_char
        figures.append(
            Figure(
                text=body[start:end],
                start=start,
                end=end,
                counts=item.counts,
                value=value,
                source=_source(start, end, item.sentence, claims),
                sentence=item.sentence,
                phrase=_phrase(span, counted, body),
            )
        )
    return tuple(figures)


def _phrase(span: Span, counted: tuple[int, int] | str, body: str) -> str:
    """The figure and what it counts as the text has them ("thousands of ... workers"), where
    the counted words follow the number closely; else ""."""
    if isinstance(counted, str) or not span.end <= counted[0] <= span.end + 2:
        return ""
    last = span.doc[counted[1]]
    return body[span.start_char : last.idx + len(last.text)]


def _conversion(span: Span, ends: set[int]) -> bool:
    """Whether ``span`` restates the figure just before it in parentheses: "(621 miles)"."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc):
        return False
    return (
        doc[span.start - 1].text == "(" and doc[span.end].text == ")" and (span.start - 1 in ends)
    )


def _referential(span: Span, counted: tuple[int, int] | str, value: float | None) -> bool:
    """Whether this is "the two nations": a small spelled-out number after "the"."""
    if isinstance(counted, str) or value is None or value > 10:
        return False
    if any(t.is_digit for t in span):
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in DEFINITE
