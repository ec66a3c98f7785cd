"""Find the date expressions of a parsed text and resolve each one in its context.

The model's DATE entities are the candidates. Ages, durations, frequencies and clock times
are dropped (``words.yml`` says what they look like), ranges and lists are split into their
dates, the reference words ("now", "recently") are added, and expressions that only point at
the last date named ("that year", "a year earlier") are resolved against it. A time of day on
a named day ("Friday night") is kept as a TIME with the day's value; durations and frequencies
are kept as DURATION and SET with no value, so that nothing reads them as dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import yaml

from .resolve import has_date_word, normalise, resolve_date
from .tense import Tense, date_tense, governing_verb
from .values import calendar_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Kind = Literal["DATE", "TIME", "DURATION", "SET"]

# Non-dates that are still time expressions: kept, with no value, under their TimeML type.
_KEPT_KINDS: dict[str, Kind] = {"duration": "DURATION", "frequency": "SET"}

_MONTH_NAMES = frozenset(calendar.month_name[i].lower() for i in range(1, 13))
_MONTH_NUMBERS = {calendar.month_name[i][:3].lower(): i for i in range(1, 13)}

_WEEKDAY_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


@dataclass(frozen=True)
class FoundDate:
    """A date expression found in a parsed text, with its resolved value (None: vague)."""

    text: str
    start: int
    end: int
    value: str | None
    kind: Kind = "DATE"
    reported: bool = False  # the date of a report ("said Wednesday"), not of the event


@dataclass(frozen=True)
class _Anaphor:
    pattern: re.Pattern[str]
    unit: str | None
    shift: int


@dataclass(frozen=True)
class _Words:
    """The contents of ``words.yml``, compiled."""

    references: tuple[tuple[tuple[str, ...], str], ...]
    not_dates: tuple[tuple[str, re.Pattern[str]], ...]
    anaphora: tuple[_Anaphor, ...]
    modifier_deps: frozenset[str]
    separators: re.Pattern[str]
    reporting: frozenset[str]


@functools.cache
def words() -> _Words:
    """The word lists and patterns of ``words.yml``, read once."""
    text = resources.files(__package__).joinpath("words.yml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    references = tuple(
        (tuple(phrase.split()), value)
        for value, phrases in data["references"].items()
        for phrase in phrases
    )
    not_dates = tuple(
        (kind, re.compile(pattern))
        for kind, patterns in data["not_dates"].items()
        for pattern in patterns
    )
    anaphora = tuple(
        _Anaphor(re.compile(a["pattern"]), a.get("unit"), int(a["shift"])) for a in data["anaphora"]
    )
    seps = sorted(data["range_separators"], key=len, reverse=True)
    alternatives = "|".join(rf"\b{re.escape(s)}\b" if s.isalpha() else re.escape(s) for s in seps)
    return _Words(
        references=tuple(sorted(references, key=lambda r: -len(r[0]))),
        not_dates=not_dates,
        anaphora=anaphora,
        modifier_deps=frozenset(data["month_modifier_deps"]),
        separators=re.compile(rf"\s*(?:{alternatives})\s*"),
        reporting=frozenset(data["reporting_verbs"]),
    )


def not_a_date(text: str) -> str | None:
    """The kind of non-date an expression is ("age", "duration", ...), or None for a date."""
    norm = normalise(text)
    if not has_date_word(norm):
        return "no time word"  # "early in the season", "the first time"
    return next((kind for kind, pattern in words().not_dates if pattern.search(norm)), None)


def find_dates_in_doc(doc: Doc, anchor: dt.date | None) -> list[FoundDate]:
    """The date expressions of a parsed text in text order, each resolved against ``anchor``."""
    found: list[FoundDate] = []
    last: str | None = None  # the last calendar value named, for "that year"
    ents = list(doc.ents)
    for index, ent in enumerate(ents):
        if ent.label_ == "TIME" and _WEEKDAY_RE.search(ent.text):
            kind: Kind = "TIME"
        elif ent.label_ == "DATE":
            kind = "DATE"
        else:
            continue
        non_date = not_a_date(ent.text) or ("duration" if _compared(ent) else None)
        if non_date:
            if non_date in _KEPT_KINDS and ent.label_ == "DATE":
                kept = _KEPT_KINDS[non_date]
                found.append(FoundDate(ent.text, ent.start_char, ent.end_char, None, kept))
            continue
        following = ents[index + 1] if index + 1 < len(ents) else None
        if following is not None and _part_of_day(ent, following):
            # "Tuesday night": the model's DATE and TIME read as one time on that day
            value = _value(ent, anchor, last) if anchor else None
            if value is not None:
                end = following.end_char
                found.append(
                    FoundDate(doc.text[ent.start_char : end], ent.start_char, end, value, "TIME")
                )
                last = value
                continue
        parts = _split(ent, anchor) if anchor else None
        if parts:
            found.extend(parts)
            last = next((p.value for p in reversed(parts) if calendar_span(p.value)), last)
            continue
        value = _value(ent, anchor, last) if anchor else None
        if kind == "TIME" and (value is None or any(f.end > ent.start_char for f in found)):
            continue  # a clock time, or the time of a day already found
        reported = _reported(ent)
        found.append(FoundDate(ent.text, ent.start_char, ent.end_char, value, kind, reported))
        if calendar_span(value):
            last = value
    found.extend(_references(doc))
    return sorted(found, key=lambda d: d.start)


def _value(ent: Span, anchor: dt.date, last: str | None) -> str | None:
    """The value of one expression: its own reading, else what it points back to."""
    tense = date_tense(ent)
    if _is_month_modifier(ent):
        tense = "present"  # "a June deadline": the nearest June, before or after
    value = resolve_date(_date_part(ent), anchor, tense)
    if value is None and last is not None:
        value = _anaphor(normalise(ent.text), last)
    return value


def _reported(ent: Span) -> bool:
    """Whether a date goes with a verb of saying ("state media said Wednesday")."""
    verb = governing_verb(ent)
    return verb is not None and verb.lemma_ in words().reporting


def _compared(ent: Span) -> bool:
    """Whether an offset is a comparison ("a month earlier than usual"), not a date."""
    nxt = ent.end
    return nxt < len(ent.doc) and ent.doc[nxt].lower_ == "than"


def _part_of_day(ent: Span, following: Span) -> bool:
    """Whether ``following`` is a part of the day named by ``ent`` ("Tuesday" "night")."""
    return (
        ent.label_ == "DATE"
        and following.label_ == "TIME"
        and following.start == ent.end
        and following.text.lower() in _PARTS_OF_DAY
        and _WEEKDAY_RE.search(ent.text) is not None
    )


_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "midday", "noon"})


def _date_part(ent: Span) -> str:
    """The text of a TIME entity up to its day ("Friday night" -> "Friday"), else all of it."""
    if ent.label_ != "TIME":
        return ent.text
    match = _WEEKDAY_RE.search(ent.text)
    assert match is not None
    return ent.text[: match.end()]


def _is_month_modifier(ent: Span) -> bool:
    """Whether a lone month name modifies a noun ("a June deadline", "the July summit")."""
    root = ent.root
    return (
        len(ent) == 1
        and root.ent_type_ == "DATE"
        and root.dep_ in words().modifier_deps
        and root.head.pos_ == "NOUN"
        and root.head.i > root.i
        and root.lower_ in _MONTH_NAMES
    )


def _split(ent: Span, anchor: dt.date) -> list[FoundDate] | None:
    """A range or list ("between 1994 and 1997", "2009-2010", "1957-58") as its dates, or None
    where the entity is one expression."""
    text = ent.text
    lead = re.match(r"(?:between|from)\s+", text, re.IGNORECASE)
    offset = lead.end() if lead else 0
    pieces: list[tuple[int, int]] = []
    position = offset
    for sep in words().separators.finditer(text, offset):
        if sep.start() > position:
            pieces.append((position, sep.start()))
        position = sep.end()
    if position < len(text):
        pieces.append((position, len(text)))
    if len(pieces) < 2:
        return None
    tense: Tense = date_tense(ent)
    out: list[FoundDate] = []
    century = ""
    for start, end in pieces:
        piece = text[start:end]
        if re.fullmatch(r"\d{4}", piece):
            century = piece[:2]
        elif re.fullmatch(r"\d{2}", piece) and century:
            piece = century + piece
        value = resolve_date(piece, anchor, tense)
        if value is None and piece.lower() in _OPEN_ENDS and out:
            continue  # "January 20 or before": the date, open on one side
        if value is None:
            return None
        out.append(FoundDate(text[start:end], ent.start_char + start, ent.start_char + end, value))
    return out


_OPEN_ENDS = frozenset({"before", "after", "earlier", "later", "so", "since"})


def _anaphor(norm: str, last: str) -> str | None:
    """The value an anaphoric expression takes from the last date named, or None."""
    span = calendar_span(last)
    if span is None:
        return None
    base, _ = span
    for anaphor in words().anaphora:
        match = anaphor.pattern.fullmatch(norm)
        if match is None:
            continue
        groups = match.groupdict()
        unit = groups.get("unit") or anaphor.unit or "year"
        count = _NUMBER_WORDS.get(groups.get("n") or "")
        steps = anaphor.shift * (count or int(groups["n"]) if groups.get("n") else 1)
        if groups.get("month"):
            month = _MONTH_NUMBERS.get(groups["month"][:3])
            if month is None:
                return None
            day = groups.get("day")
            return f"{base.year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        return _shifted(last, base, unit, steps)
    return None


def _shifted(last: str, base: dt.date, unit: str, steps: int) -> str | None:
    """``base`` moved by ``steps`` units, at the unit's precision if ``last`` has it."""
    precision = len(last)  # 4: a year, 7: a month, 10: a day
    if unit == "year":
        return f"{base.year + steps:04d}"
    if unit == "month" and precision >= 7 and "W" not in last and "Q" not in last:
        index = base.year * 12 + base.month - 1 + steps
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "day" and precision == 10:
        return (base + dt.timedelta(days=steps)).isoformat()
    return None


def _references(doc: Doc) -> list[FoundDate]:
    """The reference words ("now", "recently", "in the past") outside the model's entities."""
    found = []
    taken = {t.i for ent in doc.ents for t in ent}
    i = 0
    while i < len(doc):
        for phrase, value in words().references:
            end = i + len(phrase)
            if end > len(doc) or any(j in taken for j in range(i, end)):
                continue
            if tuple(t.lower_ for t in doc[i:end]) != phrase:
                continue
            if len(phrase) > 1 and end < len(doc) and doc[end].pos_ in {"NOUN", "ADJ", "NUM"}:
                continue  # "the past week" is a span of its own, not the past
            if doc[i].lower_ == "now" and end < len(doc) and doc[end].text == "-":
                continue  # "now-defunct"
            span = doc[i:end]
            found.append(FoundDate(span.text, span.start_char, span.end_char, value))
            i = end - 1
            break
        i += 1
    return found
