"""The value of a number phrase: "around 15,000" -> 15000; vague words and ranges have none."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .words import SCALES, SKIP_LABELS, UNITS, VAGUE_WORDS


def is_number(token: Token) -> bool:
    """Whether ``token`` is a number or a vague amount ("thousands"), not a date."""
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


def is_year(tokens: Sequence[Token]) -> bool:
    """Whether the phrase is a bare year ("2025"), not a count."""
    digits = [t for t in tokens if t.like_num]
    if len(digits) != 1:
        return False
    text = digits[0].text
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100
