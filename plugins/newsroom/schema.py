"""The field types of the editorial and metadata schemas: what a value written in YAML may
be, and the message an editor reads when it is not. Values arrive as the text written
(see :mod:`newsroom.yamlfile`), so each type parses its own text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from .text import clean_text

# An id becomes a file name and a URL segment: lowercase words joined by hyphens, short
# enough for every file system (255 bytes) with room for a suffix.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_CHARS = 100
# One line of text (a name, a title, a note): longer is a paste gone wrong.
MAX_TEXT_CHARS = 10_000
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A publication date outside these years is a typo (0001-01-01, 9999-12-31), and dates
# reckoned from it ("next Monday", "last year") would leave the calendar.
MIN_YEAR, MAX_YEAR = 1000, 2999


class Entry(BaseModel):
    """An entry of an editorial file: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _text(value: Any) -> Any:
    if isinstance(value, str):
        cleaned = clean_text(value)
        if len(cleaned) > MAX_TEXT_CHARS:
            raise ValueError(f"is longer than {MAX_TEXT_CHARS:,} characters; shorten it")
        return cleaned
    return value


def _required(value: str) -> str:
    if not value:
        raise ValueError("is empty; write the text")
    return value


def _optional(value: Any) -> Any:
    """Blank text counts as not given."""
    value = _text(value)
    return None if value == "" else value


def _list(value: Any) -> Any:
    """A single text where a list is expected is a list of one; blank items are dropped."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        return [v for v in value if v is not None and not (isinstance(v, str) and not v.strip())]
    return value


def _id(value: str) -> str:
    if len(value) > MAX_ID_CHARS:
        raise ValueError(f"is longer than {MAX_ID_CHARS} characters; use a shorter id")
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(f"is {value!r}; use lowercase words joined by hyphens")
    return value


def is_id(value: str) -> bool:
    """Whether ``value`` is a valid id (actor, topic)."""
    return len(value) <= MAX_ID_CHARS and ID_PATTERN.fullmatch(value) is not None


def partial_date(value: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, each part a real calendar value."""
    match = PARTIAL_DATE.fullmatch(value)
    problem = f"is {value!r}; write YYYY, YYYY-MM or YYYY-MM-DD"
    if match is None:
        raise ValueError(problem)
    year, month, day = match.groups()
    if int(year) < 1 or (month is not None and not 1 <= int(month) <= 12):
        raise ValueError(problem + " (a month from 01 to 12)")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"is {value!r}: no such day; write YYYY-MM-DD") from None
    return value


def publication_date(value: Any) -> dt.date:
    """A publication date: ``YYYY-MM-DD``, a real day, in a plausible year."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        text = clean_text(str(value))
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"is {text!r}; write the publication date as YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(
            f"is {day.isoformat()}, outside the years {MIN_YEAR}–{MAX_YEAR}; "
            "write the publication date"
        )
    return day


def choice(*allowed: str) -> AfterValidator:
    """A text that must be one of ``allowed``, with the choices in the message."""

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"is {value!r}; use one of {', '.join(allowed)}")
        return value

    return AfterValidator(check)


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_required)]
OptionalText = Annotated[str | None, BeforeValidator(_optional)]
TextList = Annotated[tuple[Text, ...], BeforeValidator(_list)]
Id = Annotated[str, BeforeValidator(_text), AfterValidator(_id)]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_list)]
PartialDate = Annotated[str, BeforeValidator(_text), AfterValidator(partial_date)]
PublicationDate = Annotated[dt.date, BeforeValidator(publication_date)]
