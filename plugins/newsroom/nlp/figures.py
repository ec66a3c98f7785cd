"""Figures: numbers with what they count and who says so.

A figure is a CARDINAL/MONEY/PERCENT/QUANTITY entity, or a number token the
entity recogniser missed (with its "around", "more than" modifiers), or a vague
"thousands of" / "hundreds of". What it counts comes from the dependency parse
(the noun the number modifies, or the object of "of"); who says so comes from the
claims: the innermost claim whose statement holds the figure, else the claim of
the figure's sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Claim, Figure, Mention, Sentence
from .claims import MentionIndex, SentenceIndex, form_table

__all__ = ["extract_figures", "parse_value"]

NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})

#: Plural scale words that make a figure vague: "thousands", "hundreds of".
VAGUE_WORDS = frozenset(
    {
        "tens",
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "several",
        "few",
        "many",
        "numerous",
    }
)
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
#: Words that may precede a number inside a figure: "around 15,000", "more than 500".
MODIFIERS = frozenset(
    {
        "around",
        "about",
        "some",
        "nearly",
        "almost",
        "over",
        "more",
        "less",
        "fewer",
        "than",
        "at",
        "least",
        "most",
        "up",
        "to",
        "approximately",
        "roughly",
        "just",
        "only",
        "an",
        "estimated",
        "under",
        "below",
        "above",
        "exactly",
    }
)
#: What a bare amount of money counts when nothing else does.
CURRENCIES: dict[str, str] = {
    "$": "dollars",
    "us$": "dollars",
    "€": "euros",
    "£": "pounds",
    "¥": "yen",
    "₩": "won",
    "₽": "roubles",
    "dollar": "dollars",
    "dollars": "dollars",
    "euro": "euros",
    "euros": "euros",
    "won": "won",
    "rouble": "roubles",
    "roubles": "roubles",
    "ruble": "rubles",
    "rubles": "rubles",
    "yuan": "yuan",
    "pound": "pounds",
    "pounds": "pounds",
}
#: Nouns that make a number a duration or a date, not a count.
TIME_NOUNS = frozenset(
    {
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "time",
        "times",
        "decade",
        "decades",
        "century",
        "centuries",
    }
)
#: Change verbs whose subject a bare percentage counts ("exports rose 12%").
CHANGE_VERBS = form_table(
    {"rise", "fall", "grow", "increase", "decrease", "decline", "drop", "jump", "climb", "shrink"}
)
DEFINITE = frozenset({"the", "these", "those", "both"})
_NOUNS = frozenset({"NOUN"})
_EXCLUDED_ADJ = frozenset({"more", "additional", "other", "extra", "further", "fewer", "less"})


def _is_number(token: Token) -> bool:
    if token.ent_type_ in SKIP_LABELS:
        return False
    if token.lower_ in VAGUE_WORDS and token.pos_ in {"NOUN", "NUM"}:
        return token.lower_ not in {"few", "many", "several", "numerous"}
    return token.tag_ == "CD" and token.like_num


def _number_value(text: str) -> float | None:
    word = text.lower().replace(",", "")
    if word in UNITS:
        return float(UNITS[word])
    if word in SCALES:
        return SCALES[word]
    try:
        return float(word)
    except ValueError:
        return None


def parse_value(tokens: Sequence[Token]) -> float | None:
    """The value of a number phrase: "around 15,000" -> 15000.0; vague or ranges -> None."""
    base: float | None = None
    bases = 0
    scale = 1.0
    for token in tokens:
        word = token.lower_
        if word in VAGUE_WORDS:
            return None
        if word in SCALES and base is not None:
            scale *= SCALES[word]
            continue
        if word in {"a", "an"} and base is None:
            continue
        if word == "%" or token.is_punct or token.is_currency:
            continue
        value = _number_value(token.text)
        if value is None:
            continue
        if base is not None and value < 100 and base >= 20 and base % 10 == 0 and base < 100:
            base += value  # "twenty five"
            continue
        base = value
        bases += 1
    if base is None:
        if any(t.lower_ in {"a", "an"} for t in tokens):
            for token in tokens:
                if token.lower_ in SCALES:
                    return SCALES[token.lower_]
        return None
    if bases > 1:
        return None  # "2,000 to 3,000"
    return base * scale


def _is_year(tokens: Sequence[Token]) -> bool:
    digits = [t for t in tokens if t.like_num]
    if len(digits) != 1:
        return False
    text = digits[0].text
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100


def _counted_phrase(noun: Token, after: int) -> tuple[int, int]:
    """Bounds of what ``noun`` counts: its adjacent modifiers and coordinated nouns."""
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.i <= after or child.dep_ not in {"compound", "amod", "nmod"}:
            break
        if child.lower_ in _EXCLUDED_ADJ:
            break
        lefts = [t.i for t in child.subtree]
        if max(lefts) != start - 1 or min(lefts) <= after:
            break
        start = min(lefts)
    end = noun.i
    for child in noun.rights:
        if child.dep_ == "conj" and child.pos_ in _NOUNS:
            end = child.i
        elif child.dep_ != "cc" and child.dep_ != "punct":
            break
    return (start, end)


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "worth"}:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and (objs[0].pos_ in _NOUNS or objs[0].ent_type_ == "NORP"):
                return objs[0]  # "12% of its exports", "40% of North Koreans"
    return None


def _counted(span: Span, label: str) -> tuple[int, int] | str | None:
    """What the figure ``span`` counts: token bounds, a fixed word, or None."""
    root = span.root
    last = span[-1].i
    obj = _of_object(root)
    if obj is not None:
        return _counted_phrase(obj, last)
    head = root.head
    if (
        root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"}
        and head.i > last
        and head.pos_ in _NOUNS
    ):
        return _counted_phrase(head, last)
    if label == "MONEY":
        for token in span:
            if token.lower_ in CURRENCIES:
                return CURRENCIES[token.lower_]
        return "money"
    if label == "PERCENT":
        if head.lower_ in CHANGE_VERBS and head.i < root.i:
            subjects = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in _NOUNS]
            if subjects:
                return _counted_phrase(subjects[0], -1)
        return "percent"
    if label == "QUANTITY" and root.pos_ in _NOUNS and not root.like_num:
        return (root.i, root.i)
    return None


def _candidates(doc: Doc, mentions: MentionIndex) -> list[tuple[Span, str]]:
    spans: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            spans.append((ent, ent.label_))
            taken.update(range(ent.start, ent.end))
    for token in doc:
        if token.i in taken or token.ent_type_ or not _is_number(token):
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
    spans.sort(key=lambda p: p[0].start)
    return spans


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
    """Numbers with what they count and who says so."""
    sents = SentenceIndex(doc, sentences)
    index = MentionIndex(doc, mentions)
    figures: list[Figure] = []
    for span, label in _candidates(doc, index):
        numbers = [t for t in span if _is_number(t) or t.lower_ in SCALES]
        if not numbers or any(t.ent_type_ in SKIP_LABELS for t in span):
            continue
        if any(index.get(t) is not None for t in span):
            continue  # part of a name: "G7"
        sentence = sents.of(span[0])
        if sentence is None:
            continue
        counted = _counted(span, label)
        if counted is None:
            continue
        counts = counted if isinstance(counted, str) else doc[counted[0] : counted[1] + 1].text
        if label == "CARDINAL" and _is_year(list(span)):
            continue
        if counts.lower() in TIME_NOUNS:
            continue
        value = parse_value(list(span))
        if _referential(span, counted, value):
            continue  # "the two nations"
        start = span.start_char
        end = span.end_char
        figures.append(
            Figure(
                text=doc.text[start:end],
                start=start,
                end=end,
                counts=counts,
                value=value,
                source=_source(start, end, sentence, claims),
                sentence=sentence,
            )
        )
    return tuple(figures)


def _referential(span: Span, counted: tuple[int, int] | str, value: float | None) -> bool:
    """Whether this is "the two nations": a small spelled-out number after "the"."""
    if isinstance(counted, str) or value is None or value > 10:
        return False
    if any(t.is_digit for t in span):
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in DEFINITE
