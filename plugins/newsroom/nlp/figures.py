"""Figures: numbers with what they count and who says so.

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
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Claim, Figure, Mention, Sentence
from .claims import MentionIndex, SentenceIndex

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
CHANGE_VERBS = frozenset(
    {"rise", "fall", "grow", "increase", "decrease", "decline", "drop", "jump", "climb", "shrink"}
)
#: Verbs whose object or complement is a level their subject reaches: "casualties have
#: reached about 3,000", "losses topped 1,000", "the toll stands at 300".
LEVEL_VERBS = frozenset(
    {"reach", "total", "exceed", "top", "hit", "surpass", "approach", "number", "near", "pass"}
)
#: Verbs that reach a level through a preposition: "stand at", "rise to", "amount to".
LEVEL_PREP_VERBS = frozenset(
    {
        "stand",
        "amount",
        "rise",
        "climb",
        "grow",
        "increase",
        "jump",
        "fall",
        "drop",
        "decline",
        "reach",
    }
)
LEVEL_PREPS = frozenset({"at", "to"})
#: Words joining the two numbers of a range or a part ("25,000 to 30,000", "13 of 15").
RANGE_WORDS = frozenset({"to", "-", "–", "—", "and", "or", "between", "of"})
#: Words between a bare number and the participle it shares ("another 1,000 wounded",
#: "thousands more wounded").
_PAIR_SKIP = frozenset({"more", "others", "other"})
_PAIR_STATES = frozenset({"dead", "missing"})
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
    base_in_words = False
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
        # "twenty five" is one number; digits never add up ("a 60-40 vote" is a tally).
        words = token.is_alpha and base_in_words
        if words and base is not None and value < 100 and 20 <= base < 100 and base % 10 == 0:
            base += value
            continue
        base = value
        base_in_words = token.is_alpha
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


def _noun_of(span: Span) -> Token | None:
    """The noun a number phrase counts by itself: "300 soldiers", "12% of its troops"."""
    root = span.root
    obj = _of_object(root)
    if obj is not None:
        return obj
    head = root.head
    if (
        root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"}
        and head.i > span[-1].i
        and head.pos_ in _NOUNS
    ):
        return head
    return None


def _level_subject(root: Token) -> Token | None:
    """The subject a number is the level of: "casualties have reached about 3,000"."""
    verb = root.head
    if root.dep_ in {"dobj", "attr", "oprd"} and verb.lemma_.lower() in LEVEL_VERBS:
        pass
    elif (
        root.dep_ == "pobj"
        and verb.lower_ in LEVEL_PREPS
        and verb.head.lemma_.lower() in LEVEL_PREP_VERBS
    ):
        verb = verb.head  # "stands at 300", "rose to 3,000"
    else:
        return None
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ not in {"PRON", "NUM"}:
            return None if child.like_num else child
    return None


def _counted(span: Span, label: str) -> tuple[int, int] | str | None:
    """What the figure ``span`` counts: token bounds, a fixed word, or None.

    Amounts of money fall back on their currency. A percentage or a quantity with a unit
    ("about 1,000 kilometers") counts what it measures ("a range of ...", "exports rose
    12%"), else nothing more than its own text says: "".
    """
    root = span.root
    last = span[-1].i
    noun = _noun_of(span)
    if noun is not None:
        return _counted_phrase(noun, last)
    subject = _level_subject(root)
    if subject is not None:
        return _counted_phrase(subject, -1)
    head = root.head
    if label == "MONEY":
        for token in span:
            if token.lower_ in CURRENCIES:
                return CURRENCIES[token.lower_]
        return "money"
    if label in {"PERCENT", "QUANTITY"}:
        if label == "PERCENT" and head.lemma_.lower() in CHANGE_VERBS and head.i < root.i:
            subjects = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in _NOUNS]
            if subjects:
                return _counted_phrase(subjects[0], -1)
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in _NOUNS:
            return _counted_phrase(head.head, -1)  # "a flight distance of 1,000 km"
        return ""
    return None


def _own_words(ent: Span) -> Span:
    """An entity without the leading words that modify something else: "an additional
    25,000" where "an additional" goes with "troops" in "an additional 25,000 to 30,000
    troops"."""
    start = ent.start
    while start < ent.end - 1:
        token = ent.doc[start]
        if _is_number(token) or ent.start <= token.head.i < ent.end:
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
        if not (token.lower_ in MODIFIERS or token.lower_ in RANGE_WORDS or _is_number(token)):
            break
        start -= 1
    while start < span.start and doc[start].lower_ in RANGE_WORDS - {"between"}:
        start += 1
    # "Thirteen of 15 members" parsed as "Thirteen (of (15 members))"
    head = root.head
    if root.dep_ == "nummod" and head.dep_ == "pobj" and head.head.lower_ == "of":
        of = head.head
        if of.i == start - 1 and of.head.i == of.i - 1 and _is_number(of.head):
            start = of.head.i
    return doc[start : span.end]


def _candidates(doc: Doc, mentions: MentionIndex) -> list[tuple[Span, str]]:
    spans: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            spans.append((_own_words(ent), ent.label_))
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


def _source(start: int, end: int, sentence: int, claims: Sequence[Claim]) -> str | None:
    inside = [c for c in claims if c.start <= start and end <= c.end]
    if inside:
        return min(inside, key=lambda c: c.end - c.start).source
    same = [c for c in claims if c.sentence == sentence]
    if same:
        return max(same, key=lambda c: c.end - c.start).source
    return None


@dataclass
class _Item:
    """A figure under construction."""

    span: Span
    label: str
    sentence: int
    counted: tuple[int, int] | str | None
    noun: Token | None
    counts: str = ""


def _participle_after(span: Span) -> Token | None:
    """The participle a bare number shares a noun through: "2,700 wounded", "thousands more
    wounded", "another 1,000 were wounded"."""
    doc = span.doc
    k = span.end
    while k < len(doc) and (doc[k].lower_ in _PAIR_SKIP or doc[k].pos_ == "AUX"):
        k += 1
    if k >= len(doc):
        return None
    token = doc[k]
    if token.tag_ == "VBN" or token.lower_ in _PAIR_STATES:
        return token
    if token.pos_ in {"ADJ", "VERB"} and token.lower_.endswith("ed"):
        return token
    return None


def _pair(item: _Item, items: Sequence[_Item]) -> tuple[_Item, Token, Token] | None:
    """For a number without a noun, the figure it is coordinated with, the participle it
    takes and the partner's verb: "300 soldiers have been killed and 2,700 wounded"."""
    participle = _participle_after(item.span)
    if participle is None:
        return None
    doc = item.span.doc
    for other in reversed(items):
        noun = other.noun
        if other.sentence != item.sentence or noun is None or noun.i >= item.span.start:
            continue
        verb = noun.head
        if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if not verb.is_ancestor(item.span.root):
            continue
        if not any(doc[k].dep_ == "cc" for k in range(noun.i + 1, item.span.start)):
            continue
        return other, participle, verb
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
    items: list[_Item] = []
    verbless: dict[int, bool] = {}
    ends: set[int] = set()
    for span, label in _candidates(doc, index):
        numbers = [t for t in span if _is_number(t) or t.lower_ in SCALES]
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
        if label == "CARDINAL" and _is_year(list(span)):
            continue
        noun = _noun_of(span)
        items.append(_Item(span, label, sentence, _counted(span, label), noun))

    for item in items:
        if isinstance(item.counted, str):
            item.counts = item.counted
        elif item.counted is not None:
            item.counts = doc[item.counted[0] : item.counted[1] + 1].text
    by_sentence: dict[int, list[_Item]] = {}
    for item in items:
        by_sentence.setdefault(item.sentence, []).append(item)
    for item in items:
        if item.counted is not None:
            continue
        paired = _pair(item, by_sentence[item.sentence])
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
