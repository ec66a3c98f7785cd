"""Date expressions: found in a parsed text, read with their clause's tense, resolved to values.

Values follow TimeML (ISO 8601): ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-Qn``,
``YYY`` (a decade), ``YY`` (a century), and ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``; None
where the text names no single period. Only calendar values (``calendar_span``) go on a timeline.
"""

from .detect import FoundDate, find_dates_in_doc
from .resolve import resolve_date
from .tense import Tense, date_tense, sentence_tense
from .values import calendar_span, describe, is_calendar, sort_key

__all__ = [
    "FoundDate",
    "Tense",
    "calendar_span",
    "date_tense",
    "describe",
    "find_dates_in_doc",
    "is_calendar",
    "resolve_date",
    "sentence_tense",
    "sort_key",
]
