"""Resolve the DATE entities spaCy finds against the article's publication date.

Values are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` at the precision the text supports, or None
where the text names no single day, month or year ("recent years", "the 1990s", "2024-25").
dateparser does the parsing; this module adds what it lacks: weekdays read with the tense of
their sentence, "April this year"-style combinations, a window for yearless months, vagueness
checks, and the precision of the answer.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from dateparser.date import DateDataParser

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Tense = Literal["past", "present", "future"]

# --- tense ------------------------------------------------------------------------------------

_FUTURE_WORDS = frozenset({"upcoming", "next", "scheduled", "rescheduled", "tomorrow"})
# "set to meet", "going to sign", "due to visit": future only when a bare verb follows.
_FUTURE_LEADS = frozenset({"set", "going", "due"})


def sentence_tense(sent: Span) -> Tense:
    """The tense of a sentence from its verbs and future cues: future beats past, else present."""
    # Future wins: news sentences often pair a past reporting verb with a future event
    # ("Putin shared ... his upcoming talks, scheduled to take place Friday").
    past = False
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
                return "future"
        if lower in _FUTURE_LEADS and _bare_verb_follows(token):
            return "future"
        if lower == "set" and token.tag_ == "VBN" and _next_lower(token) == "for":
            return "future"
        if token.tag_ == "VBD" or (token.tag_ == "VBN" and _has_perfect_aux(token)):
            past = True
    return "past" if past else "present"


_SCHEDULING_LEMMAS = {"schedule", "set", "plan", "expect", "due", "go", "prepare", "intend", "aim"}


def date_tense(date: Span) -> Tense:
    """The tense of the clause a date belongs to, from the verb that governs it.

    "Trump said Friday when asked if he would meet Kim": Friday goes with "said", so it is
    the Friday before, whatever the rest of the sentence says. Falls back to the sentence
    where the governing verb does not settle it (present tense, no verb at all).
    """
    token = date.root
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    if token.pos_ not in {"VERB", "AUX"}:
        return sentence_tense(date.sent)
    return _verb_tense(token) or sentence_tense(date.sent)


def _verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Past, future or undecided (None) for one verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" for a in auxes):
        return "past" if any(a.lemma_ == "have" for a in auxes) else "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
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


# --- resolution -------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})\b\.?")
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|2[01]\d\d)\b")
_WEEKDAY_RE = re.compile(
    r"(?:(?P<rel>this past|this coming|this|last|next|past|coming)\s+)?"
    rf"(?P<day>{'|'.join(_WEEKDAYS)})"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
)
_WEEKEND_RE = re.compile(r"(?P<rel>this|last|next|past|coming)\s+weekend")
_LEADING_PREPOSITION_RE = re.compile(
    r"^(?:on|in|since|during|by|from|until|till|before|after|at|for|of|as of|through)\s+"
)
# "the end of ...", "early ...", "mid-...": the date is what follows, at its own precision.
_QUALIFIER_RE = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?"
    r"(?:start|beginning|end|middle|close|turn|first half|second half|"
    r"(?:first|second|third|fourth|last|final) (?:quarter|week|days?)|"
    r"spring|summer|autumn|fall|winter)\s+of\s+"
    r"|(?:early|mid|late|earlier|later)(?:\s*-\s*|\s+in\s+|\s+))"
)
_SEASON_RE = re.compile(r"(?P<rel>this|last|next)\s+(?:spring|summer|autumn|fall)")
_SEASON_YEAR_RE = re.compile(r"^(?:spring|summer|autumn|fall|winter)\s+(?=\d{4}\b)")
_RELATIVE_YEAR_RE = re.compile(r"(?P<head>.+?)\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
_YEAR_RANGE_RE = re.compile(r"\d{4}\s*[-/]\s*(?:\d{2}|\d{4})")
_DATE_WORDS_RE = re.compile(
    rf"\d|\b(?:{_MONTHS}|{'|'.join(_WEEKDAYS)}|today|tonight|tomorrow|yesterday|now|year|month"
    r"|week|weekend|ago|morning|night|evening|afternoon|spring|summer|autumn|fall|winter)\b"
)
# Each of these makes an expression name no single day, month or year.
_VAGUE_RES = (
    re.compile(r"\d0'?s\b|'\d0s\b|\bdecades?\b|\bcentur(?:y|ies)\b|\bmillenni"),
    re.compile(r"[–—]|\b(?:and|to|through|or|between|until|till)\b"),
    re.compile(
        r"\b(?:about|around|roughly|nearly|almost|approximately|some|over|under|within"
        r"|more than|less than|at least|up to|or so)\b"
    ),
    re.compile(r"\b(?:earlier|later|before|after|prior|previously)$"),
    re.compile(
        r"\b(?:the|that)\s+(?:(?:next|following|previous|preceding|same|prior)\s+)?"
        r"(?:day|morning|night|evening|afternoon)$"
    ),
    re.compile(
        r"\bthe\s+(?:next|following|previous|preceding|same|prior|past)\s+(?:week|month|year)"
    ),
    re.compile(r"\bthat\s+(?:week|month|year)\b"),
    re.compile(r"^(?:the\s+)?(?:weekend|spring|summer|autumn|fall|winter)$"),
    re.compile(r"\b(?:this|last|next|past|coming)\s+winter\b"),
)
_PLURAL_UNIT_RE = re.compile(r"\b(?:days|weeks|months|years|weekends|nights)\b")

# Months without a year are placed in a 12-month window around the anchor's month, given as
# month offsets: a past sentence looks back, a future one ahead, a present one both ways.
_WINDOWS: dict[Tense, tuple[int, int]] = {"past": (-11, 0), "present": (-6, 5), "future": (0, 11)}
_PREFER: dict[Tense, Literal["past", "current_period", "future"]] = {
    "past": "past",
    "present": "current_period",
    "future": "future",
}


def resolve_date(text: str, anchor: dt.date, tense: Tense = "present") -> str | None:
    """Resolve a date expression to 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or None when vague.

    A bare weekday is the anchor's own day, else the nearest one before (past sentences) or
    after (present and future); "last"/"next" force before/after. A week or weekend resolves to
    the month holding all of its days, or None when it straddles two months.
    """
    day = dt.date(anchor.year, anchor.month, anchor.day)  # a datetime would break the cache key
    return _resolve(text, day, tense)


@functools.lru_cache(maxsize=4096)
def _resolve(text: str, anchor: dt.date, tense: Tense) -> str | None:
    """The cached body of ``resolve_date``."""
    norm = _normalise(text)
    if not norm or not _DATE_WORDS_RE.search(norm):
        return None
    if _YEAR_RANGE_RE.fullmatch(norm) or len(set(_YEAR_RE.findall(norm))) > 1:
        return None
    if any(pattern.search(norm) for pattern in _VAGUE_RES):
        return None
    if _PLURAL_UNIT_RE.search(norm) and not norm.endswith(" ago"):
        return None  # "recent years", "the past few months", "two weeks": spans, not dates
    norm = _rewrite(norm, anchor)

    weekday = _WEEKDAY_RE.fullmatch(norm)
    if weekday:
        return _weekday(anchor, _WEEKDAYS.index(weekday["day"]), weekday["rel"], tense).isoformat()
    weekend = _WEEKEND_RE.fullmatch(norm)
    if weekend:
        monday = anchor - dt.timedelta(days=anchor.weekday())
        shift = {"last": -7, "past": -7, "next": 7, "coming": 7}.get(weekend["rel"], 0)
        saturday = monday + dt.timedelta(days=5 + shift)
        return _span_month(saturday, saturday + dt.timedelta(days=1))
    return _parse(norm, anchor, tense)


def _normalise(text: str) -> str:
    """Lower-case, straighten quotes, drop possessives, trailing punctuation and prepositions."""
    norm = " ".join(text.replace("’", "'").replace("‘", "'").lower().split())
    norm = re.sub(r"'s$", "", norm).strip(' ,;:!?"()')
    while True:
        stripped = _LEADING_PREPOSITION_RE.sub("", norm)
        if stripped == norm:
            return norm
        norm = stripped


def _rewrite(norm: str, anchor: dt.date) -> str:
    """Reduce qualified and combined expressions to ones dateparser or the weekday rule read."""
    while True:
        stripped = _QUALIFIER_RE.sub("", norm, count=1)
        if stripped == norm or not stripped:
            break
        norm = stripped
    norm = _SEASON_YEAR_RE.sub("", norm)
    if norm in {"the year", "the month", "the week"}:
        norm = "this " + norm.removeprefix("the ")  # reached via "the end of the year"
    season = _SEASON_RE.fullmatch(norm)
    if season:
        norm = f"{season['rel']} year"
    combo = _RELATIVE_YEAR_RE.fullmatch(norm)
    if combo:
        # dateparser cannot read "October last year"; it reads "october 2024".
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[combo["rel"]]
        norm = f"{combo['head']} {year}"
    return norm


def _weekday(anchor: dt.date, target: int, rel: str | None, tense: Tense) -> dt.date:
    """The date of weekday ``target`` relative to the anchor, read with the sentence's tense."""
    ahead = (target - anchor.weekday()) % 7
    behind = (anchor.weekday() - target) % 7
    if rel in {"last", "past", "this past"}:
        return anchor - dt.timedelta(days=behind or 7)
    if rel in {"next", "coming", "this coming"}:
        return anchor + dt.timedelta(days=ahead or 7)
    if ahead == 0:
        return anchor  # "said Wednesday" in Wednesday's paper is that day, whatever the tense
    if rel == "this" and tense == "past":
        # "this Friday" names a day of the anchor's week even where the tagger saw a past verb.
        return anchor + dt.timedelta(days=target - anchor.weekday())
    if tense == "past":
        return anchor - dt.timedelta(days=behind)
    return anchor + dt.timedelta(days=ahead)


def _parse(norm: str, anchor: dt.date, tense: Tense) -> str | None:
    """Parse with dateparser and decide the precision from its period and the text."""
    data = _parser(anchor, tense).get_date_data(norm)
    found, period = data.date_obj, str(data.period)  # the stubs lack "part_of_day"
    if found is None:
        return None
    value = found.date()
    years = _YEAR_RE.findall(norm)
    if years and int(years[0]) != value.year:
        return None  # dateparser read the digits as something other than the year
    if period == "year":
        return f"{value.year:04d}"
    if period == "week":
        monday = value - dt.timedelta(days=value.weekday())
        return _span_month(monday, monday + dt.timedelta(days=6))
    if period == "part_of_day":
        period = "day"  # "last night", "this morning"
    if period not in {"day", "month"}:
        return None  # a clock time: dateparser's reading of "1990s" and other noise
    if not years and _MONTH_RE.search(norm):
        # A named month without a year: dateparser's preference is strictly before/after the
        # anchor day, so "Aug. 15" in a past sentence of Aug. 13 would land a year back.
        lo, hi = _WINDOWS[tense]
        offset = value.month - anchor.month
        year = anchor.year - 1 if offset > hi else anchor.year + 1 if offset < lo else anchor.year
        try:
            value = value.replace(year=year)
        except ValueError:
            return None  # 29 February outside a leap year
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _span_month(first: dt.date, last: dt.date) -> str | None:
    """The month holding both days, or None when they fall in different months."""
    if (first.year, first.month) != (last.year, last.month):
        return None
    return f"{first.year:04d}-{first.month:02d}"


@functools.lru_cache(maxsize=64)
def _parser(anchor: dt.date, tense: Tense) -> DateDataParser:
    """A dateparser parser for one anchor and tense, built on first use."""
    # Settings are fixed when a parser is built, so each anchor and tense needs its own; English
    # only skips language detection, and the two parsers avoid reading numbers as timestamps.
    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": _PREFER[tense],
            "RETURN_TIME_AS_PERIOD": True,
            "PARSERS": ["relative-time", "absolute-time"],
        },
    )


# --- detection --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundDate:
    """A date expression found in a parsed text, with its resolved value (None: vague)."""

    text: str
    start: int
    end: int
    value: str | None


def find_dates_in_doc(doc: Doc, anchor: dt.date | None) -> list[FoundDate]:
    """The DATE expressions of a parsed text, each resolved against ``anchor``."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value = resolve_date(ent.text, anchor, date_tense(ent)) if anchor else None
        found.append(FoundDate(ent.text, ent.start_char, ent.end_char, value))
    return found
