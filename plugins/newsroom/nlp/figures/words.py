"""The words figures are read with, as data (``figures.json``): scale and number words,
the modifiers a figure may open with, currencies, and the verbs and nouns that say what a
number counts or that it is no count."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

_DATA: dict[str, Any] = json.loads(
    resources.files(__package__).joinpath("figures.json").read_text("utf-8")
)


def _set(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _DATA[key])


NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})

#: Plural scale words that make a figure vague: "thousands", "hundreds of".
VAGUE_WORDS = _set("vague_words")
SCALES: dict[str, float] = {str(k): float(v) for k, v in _DATA["scales"].items()}
UNITS: dict[str, int] = {str(k): int(v) for k, v in _DATA["units"].items()}
#: Words that may precede a number inside a figure: "around 15,000", "more than 500".
MODIFIERS = _set("modifiers")
#: What a bare amount of money counts when nothing else does.
CURRENCIES: dict[str, str] = {str(k): str(v) for k, v in _DATA["currencies"].items()}
#: Nouns that make a number a duration or a date, not a count.
TIME_NOUNS = _set("time_nouns")
#: Change verbs whose subject a bare percentage counts ("exports rose 12%").
CHANGE_VERBS = _set("change_verbs")
#: Verbs whose object or complement is a level their subject reaches: "casualties have
#: reached about 3,000", "losses topped 1,000", "the toll stands at 300".
LEVEL_VERBS = _set("level_verbs")
#: Verbs that reach a level through a preposition: "stand at", "rise to", "amount to".
LEVEL_PREP_VERBS = _set("level_prep_verbs")
LEVEL_PREPS = _set("level_preps")
#: Words joining the two numbers of a range or a part ("25,000 to 30,000", "13 of 15").
RANGE_WORDS = _set("range_words")
#: Words between a bare number and the participle it shares ("another 1,000 wounded",
#: "thousands more wounded").
PAIR_SKIP = _set("pair_skip")
PAIR_STATES = _set("pair_states")
DEFINITE = _set("definite")
EXCLUDED_ADJECTIVES = _set("excluded_adjectives")
NOUNS = frozenset({"NOUN"})
