"""The closed-class words and dependency labels attribution reads: English grammar, not the
beat's vocabulary (that is ``cues.json``)."""

from __future__ import annotations

PERSONAL_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "it"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
EMPTY_OBJECTS: frozenset[str] = frozenset(
    {"nothing", "something", "anything", "it", "this", "that", "so", "little", "much"}
)

#: Subjects that stand for a person named before ("he said"): resolved by salience.
ANAPHORIC_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
#: The same as objects ("according to him"), with the subject form they stand for.
OBJECT_PRONOUNS: dict[str, str] = {"him": "he", "her": "she"}
PRONOUN_ANAPHORS: frozenset[str] = ANAPHORIC_PRONOUNS | frozenset(OBJECT_PRONOUNS)
POSSESSIVE_PRONOUNS: frozenset[str] = frozenset({"his", "her", "its", "their", "my", "our"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "we"})
#: Heads of "with X saying ..." and of participles attached to a clause ("..., saying ...").
_WITH = frozenset({"with"})

_OPEN_QUOTES = frozenset({"“", "«", "„"})
_CLOSE_QUOTES = frozenset({"”", "»"})
_PLAIN_QUOTES = frozenset({'"'})

#: Penn tags of a verb that makes a clause: finite forms, modals, the base form ("urged X
#: to leave") and the gerund ("accused X of violating Y"); not a bare past participle.
CLAUSE_TAGS: frozenset[str] = frozenset({"VBD", "VBZ", "VBP", "MD", "VB", "VBG"})
TIME_LABELS: frozenset[str] = frozenset({"DATE", "TIME"})

#: How close a modifier is to the head of a phrase, for picking the phrase's actor.
_DEP_RANK: dict[str, int] = {
    "compound": 1,
    "flat": 1,
    "amod": 2,
    "nmod": 2,
    "appos": 2,
    "poss": 3,
    "case": 3,
}
_LEFT_KEEP = frozenset({"det", "poss", "compound", "amod", "nummod", "predet", "quantmod"})
_RIGHT_KEEP = frozenset({"case", "cc", "conj", "appos"})
_RIGHT_PREPS = frozenset({"of", "in", "at", "from", "for"})
_CONTENT_PREP_SKIP = frozenset({"according"})
_TOPIC_PREPS = frozenset({"of", "about", "against"})
_KEEP_PUNCT = frozenset({"%", "$", "€", "£", "¥", "₩", "₽"})
_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
_DATELINE_LABELS = frozenset({"GPE", "LOC", "ORG", "DATE", "NORP"})
