"""What a TimeML date value means on a calendar: its first and last day, where it has them."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

_CALENDAR_RE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})|Q(?P<q>[1-4])))?"
)


@functools.lru_cache(maxsize=1 << 16)
def calendar_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a calendar value (year, month, day, ISO week, quarter), or None
    for the references, decades, centuries and anything else a timeline cannot place. Kept
    for the values seen last: a timeline asks for the same few thousand values again and
    again (merging, sorting, paging), every build."""
    match = _CALENDAR_RE.fullmatch(value or "")
    if match is None:
        return None
    year = int(match["y"])
    try:
        if match["d"]:
            day = dt.date(year, int(match["m"]), int(match["d"]))
            return day, day
        if match["m"]:
            month = int(match["m"])
            first = dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if match["w"]:
            monday = dt.date.fromisocalendar(year, int(match["w"]), 1)
            return monday, monday + dt.timedelta(days=6)
        if match["q"]:
            quarter = int(match["q"])
            first = dt.date(year, 3 * quarter - 2, 1)
            last = dt.date(year, 12, 31) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
            return first, last if quarter == 4 else last - dt.timedelta(days=1)
    except ValueError:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def is_calendar(value: str | None) -> bool:
    """Whether a value names a period a timeline can place."""
    return calendar_span(value) is not None


_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}


def is_value(value: str) -> bool:
    """Whether ``value`` is one of the TimeML values the resolver gives: a real year, month,
    day, ISO week or quarter, a decade, a century or a reference."""
    return is_calendar(value) or describe(value) is not None


def describe(value: str) -> str | None:
    """A reader's words for a value that is not a plain year, month or day: a week or quarter
    as its span ("11–17 August 2025"), a reference, a decade or a century; None otherwise."""
    if value in _REFERENCES:
        return _REFERENCES[value]
    if value.isdigit() and len(value) == 3:
        return f"the {value}0s"
    if value.isdigit() and len(value) == 2:
        return f"the {_ordinal(int(value) + 1)} century"
    if "-W" not in value and "-Q" not in value:
        return None
    span = calendar_span(value)
    if span is None:
        return None
    first, last = span
    if first.year != last.year:
        return f"{_day(first)} {first.year} – {_day(last)} {last.year}"
    if first.month != last.month:
        return f"{_day(first)} – {_day(last)} {last.year}"
    return f"{first.day}–{_day(last)} {last.year}"


def _day(day: dt.date) -> str:
    """'11 August'."""
    return f"{day.day} {calendar.month_name[day.month]}"


def _ordinal(n: int) -> str:
    """'21st', '20th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def sort_key(value: str) -> tuple[dt.date, dt.date]:
    """Where a calendar value sits on a timeline: its first day, then its last (a year before
    its months, a month before its days); values without a span sort last."""
    span = calendar_span(value)
    return span if span else (dt.date.max, dt.date.max)
