"""Resolve one date expression against the article's publication date and a tense.

Values are ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www`` (an ISO week), ``YYYY-Qn``, ``YYY``
(a decade) or ``YY`` (a century) at the precision the text supports, or None where the text
names no single period ("recent years", "2024-25").
dateparser does the parsing; this module adds what it lacks: weekdays read with the tense of
their sentence, "April this year"-style combinations, a window for yearless months, vagueness
checks, and the precision of the answer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Literal

from dateparser.date import DateDataParser

from .tense import Tense

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
    r"(?:first|second|third|fourth|last|final) (?:week|days?)|"
    r"spring|summer|autumn|fall|winter)\s+of\s+"
    r"|(?:early|mid|late|earlier|later)(?:\s*-\s*|\s+in\s+|\s+))"
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_QUARTER_RE = re.compile(
    r"(?:the\s+)?(?:(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter"
    r"(?:\s+of\s+(?:(?P<year>\d{4})|(?P<yrel>this|last|next)\s+year))?"
    r"|q(?P<q>[1-4])(?:\s+(?P<qyear>\d{4}))?"
    r"|(?P<rel>this|last|next|the\s+current|the\s+last)\s+(?:fiscal\s+)?quarter)"
)
_RELATIVE_MONTH_RE = re.compile(
    rf"(?P<rel>last|next|this|this past|this coming)\s+(?P<month>{_MONTHS})"
)
_CENTURY_RE = re.compile(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century")
_DECADE_RE = re.compile(r"(?:the\s+)?(?P<decade>1[5-9]\d|20\d)0'?s")
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
    re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?:day|week|month|year)\b"),  # "the 99th day"
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


def has_date_word(norm: str) -> bool:
    """Whether a normalised expression holds a digit or a word of time (month, day, year...)."""
    return bool(_DATE_WORDS_RE.search(norm) or _TIME_UNITS_RE.search(norm))


_TIME_UNITS_RE = re.compile(
    r"\b(?:days|weeks|months|years|decades?|centur(?:y|ies)|hours?|minutes?|quarters?)\b"
)


def resolve_date(text: str, anchor: dt.date, tense: Tense = "present") -> str | None:
    """Resolve a date expression to 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or None when vague.

    A bare weekday is the anchor's own day, else the nearest one before (past sentences) or
    after (present and future); "last"/"next" force before/after. A week or weekend resolves to
    the month holding all of its days, or None when it straddles two months.
    """
    day = dt.date(anchor.year, anchor.month, anchor.day)  # a datetime would break the cache key
    try:
        return _resolve(text, day, tense)
    except OverflowError:  # reckoned past year 1 or 9999 from an anchor near either end
        return None


@functools.lru_cache(maxsize=4096)
def _resolve(text: str, anchor: dt.date, tense: Tense) -> str | None:
    """The cached body of ``resolve_date``."""
    norm = normalise(text)
    quarter = _QUARTER_RE.fullmatch(norm)
    if quarter:
        return _quarter(quarter, anchor, tense)
    if not norm or not _DATE_WORDS_RE.search(norm):
        return None
    century = _CENTURY_RE.fullmatch(norm)
    if century:
        return f"{int(century['n']) - 1:02d}"
    decade = _DECADE_RE.fullmatch(norm)
    if decade:  # "the 1990s" is a decade, "the 1800s" a century
        return decade["decade"][:2] if decade["decade"].endswith("0") else decade["decade"]
    if _YEAR_RANGE_RE.fullmatch(norm) or len(set(_YEAR_RE.findall(norm))) > 1:
        return None
    if any(pattern.search(norm) for pattern in _VAGUE_RES):
        return None
    if _PLURAL_UNIT_RE.search(norm) and not norm.endswith(" ago"):
        return None  # "recent years", "the past few months", "two weeks": spans, not dates
    norm, tense = _rewrite(norm, anchor, tense)

    if norm in {"this week", "last week", "next week", "the last week", "past week", "coming week"}:
        shift = {"last": -7, "past": -7, "next": 7, "coming": 7}.get(norm.split()[-2], 0)
        year, week, _ = (anchor + dt.timedelta(days=shift)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    month = _RELATIVE_MONTH_RE.fullmatch(norm)
    if month:
        return _relative_month(month["rel"], month["month"], anchor)
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


def normalise(text: str) -> str:
    """Lower-case, straighten quotes, drop possessives, trailing punctuation and prepositions."""
    norm = " ".join(text.replace("’", "'").replace("‘", "'").lower().split())
    norm = re.sub(r"'s$", "", norm).strip(' ,;:!?"()')
    while True:
        stripped = _LEADING_PREPOSITION_RE.sub("", norm)
        if stripped == norm:
            return norm
        norm = stripped


def _rewrite(norm: str, anchor: dt.date, tense: Tense) -> tuple[str, Tense]:
    """Reduce qualified and combined expressions to ones dateparser or the weekday rule read;
    "earlier" looks back and "later" ahead, whatever the verb's tense."""
    while True:
        if norm.startswith("earlier "):
            tense = "past"
        elif norm.startswith("later "):
            tense = "future"
        stripped = _LEADING_PREPOSITION_RE.sub("", _QUALIFIER_RE.sub("", norm, count=1))
        if stripped == norm or not stripped:
            break
        norm = stripped
    norm = norm.replace("fiscal ", "")
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
    return norm, tense


def _quarter(match: re.Match[str], anchor: dt.date, tense: Tense) -> str:
    """A quarter as ``YYYY-Qn``: named ("the third quarter", "Q3 2024") or relative."""
    current = (anchor.month - 1) // 3 + 1
    if match["rel"]:
        shift = {"last": -1, "next": 1}.get(match["rel"].split()[-1], 0)
        if match["rel"] == "the last":
            shift = -1
        index = anchor.year * 4 + current - 1 + shift
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    number = _ORDINALS[match["n"]] if match["n"] else int(match["q"])
    if match["year"] or match["qyear"]:
        year = int(match["year"] or match["qyear"])
    elif match["yrel"]:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[match["yrel"]]
    else:
        year = anchor.year
        if tense == "past" and number > current:
            year -= 1
        elif tense == "future" and number < current:
            year += 1
    return f"{year:04d}-Q{number}"


def _relative_month(rel: str, name: str, anchor: dt.date) -> str:
    """ "last June" is the latest June before the anchor's month, "next June" the first after,
    "this June" the one of the anchor's year."""
    month = _MONTH_NUMBERS[name.rstrip(".")[:3]]
    year = anchor.year
    if rel in {"last", "this past"}:
        year -= 1 if month >= anchor.month else 0
    elif rel in {"next", "this coming"}:
        year += 1 if month <= anchor.month else 0
    return f"{year:04d}-{month:02d}"


_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}


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
