"""The tense of the clause a date expression belongs to, from the model's parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Tense = Literal["past", "present", "future"]

# --- tense ------------------------------------------------------------------------------------

_FUTURE_WORDS = frozenset({"upcoming", "next", "scheduled", "rescheduled", "tomorrow"})
# "set to meet", "going to sign", "due to visit": future only when a bare verb follows.
_FUTURE_LEADS = frozenset({"set", "going", "due"})


def sentence_tense(sent: Span) -> Tense:
    """The tense of a sentence from its verbs and future cues: future beats past, else present."""
    # Future wins: news sentences often pair a past reporting verb with a future event
    # ("Putin shared ... his upcoming talks, scheduled to take place Friday").
    past = conditional = False
    for token in sent:
        lower = token.lower_
        if lower in _FUTURE_WORDS:
            return "future"
        if token.tag_ == "MD":
            verb = _next_verb(token)
            if verb is not None and verb.tag_ == "VB":
                if verb.lemma_ == "have" and _next_verb(verb) is not None:
                    # "could have happened" looks back, not ahead.
                    past = True
                    continue
                if token.lower_ in {"would", "'d"}:
                    # "said he would": a future seen from the past, only a cue where no
                    # past verb sets the sentence's time.
                    conditional = True
                    continue
                return "future"
        if lower in _FUTURE_LEADS and _bare_verb_follows(token):
            return "future"
        if lower == "set" and token.tag_ == "VBN" and _next_lower(token) == "for":
            return "future"
        if token.tag_ == "VBD" or (token.tag_ == "VBN" and _has_perfect_aux(token)):
            past = True
    return "past" if past else "future" if conditional else "present"


_SCHEDULING_LEMMAS = {"schedule", "set", "plan", "expect", "due", "go", "prepare", "intend", "aim"}


def date_tense(date: Span) -> Tense:
    """The tense of the clause a date belongs to, from the verb that governs it.

    "Trump said Friday when asked if he would meet Kim": Friday goes with "said", so it is
    the Friday before, whatever the rest of the sentence says. Falls back to the sentence
    where the governing verb does not settle it (present tense, no verb at all).
    """
    token = governing_verb(date)
    if token is None:
        return sentence_tense(date.sent)
    return _verb_tense(token) or sentence_tense(date.sent)


def governing_verb(date: Span) -> Token | None:
    """The verb a date expression hangs from in the parse, or None in a verbless line."""
    token = date.root
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in {"VERB", "AUX"} else None


def _verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Past, future or undecided (None) for one verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" for a in auxes):
        return "past" if any(a.lemma_ == "have" for a in auxes) else "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in {"acl", "advcl", "relcl", "conj"}:
        # A participle has no tense of its own: "the decision, announced Wednesday" reports
        # what happened, "the talks, scheduled for Friday" what is to come.
        return "future" if verb.lemma_ in _SCHEDULING_LEMMAS else "past"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and depth < 3:
        head = verb.head
        if head.lemma_ in _SCHEDULING_LEMMAS or head.lower_ in {"set", "due", "scheduled"}:
            return "future"
        if head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
            return _verb_tense(head, depth + 1)
    return None


def _next_verb(token: Token) -> Token | None:
    """The first verb after ``token``, skipping adverbs and negation, or None."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 4, len(doc))):
        tag = doc[i].tag_
        if tag.startswith("VB"):
            return doc[i]
        if tag not in {"RB", "RBR", "RBS"}:
            return None
    return None


def _next_lower(token: Token) -> str | None:
    """The lower-cased text of the token after ``token``, or None at the end of the doc."""
    nxt = token.i + 1
    return token.doc[nxt].lower_ if nxt < len(token.doc) else None


def _bare_verb_follows(token: Token) -> bool:
    """Whether ``token`` is followed by "to" and a verb in its base form."""
    doc = token.doc
    i = token.i
    return i + 2 < len(doc) and doc[i + 1].lower_ == "to" and doc[i + 2].tag_ == "VB"


def _has_perfect_aux(token: Token) -> bool:
    """Whether a past participle is built with have/has/had ("has sent")."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
