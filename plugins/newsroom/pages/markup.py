"""Escaping and links shared by every page: article text is data, never markup.

Article text reaches Markdown only through :func:`text`, which turns every ASCII
punctuation character into a numeric entity, so no Markdown, HTML, attribute-list,
template or snippet syntax in an article can take effect; inside raw HTML we use
:func:`attr` and :func:`text` alike, and :func:`plain` where MkDocs' templates print a
value raw (page titles and descriptions).

One thing a reader sees differs from the stored text: invisible bidirectional controls
(U+202E RIGHT-TO-LEFT OVERRIDE and its kin) are shown as their code point, ``<U+202E>``.
Kept as characters they would reorder the letters that follow them, so the reader would
see text that is not the article's ("Trojan Source"); isolating the paragraph
(``dir="auto"``) does not stop that, as an override acts inside its own paragraph. The
stored text and the JSON export keep them; :func:`visible` is what a reader sees.

Material's tooltips render an element's ``title`` as HTML (``innerHTML``), so a title
holding article or registry text goes through :func:`tooltip`, never :func:`attr` alone.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from urllib.parse import quote

from ..nlp.dates.values import describe

# Bidirectional controls would reorder what the reader sees; they are shown as code points.
BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
)
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
# Invisible and unbreakable: after `<` or `&` it stops an HTML parser reading a tag or entity.
WORD_JOINER = "\u2060"


def code_point(char: str) -> str:
    """How an invisible control is shown: ``<U+202E>``."""
    return f"<U+{ord(char):04X}>"


def visible(value: str) -> str:
    """The text a reader sees for ``value``: the same characters, bidi controls shown."""
    return _BIDI.sub(lambda found: code_point(found[0]), value)


def _control(char: str, reveal: bool) -> str:
    shown = html.escape(code_point(char))
    if not reveal:
        return shown
    name = unicodedata.name(char).lower()
    return (
        f'<span class="briefing-control" title="invisible {name} character, shown '
        f'so that it cannot reorder the text">{shown}</span>'
    )


# What each escaped character becomes: ASCII punctuation a numeric entity, bidi controls
# shown (with an explanation, or in attributes plain); every other character stays.
_PUNCTUATION = {chr(c): f"&#{c};" for c in range(128) if not chr(c).isalnum() and chr(c) != " "}
_IN_TEXT = _PUNCTUATION | {c: _control(c, reveal=True) for c in BIDI_CONTROLS}
_IN_ATTRIBUTE = _PUNCTUATION | {c: _control(c, reveal=False) for c in BIDI_CONTROLS}
# One substitution over the characters to escape: in news text they are a few of every
# hundred, and ``str.translate`` with a table that widens them looked up every character
# (three times slower; escaping was the largest single cost of making the pages).
_ESCAPED = re.compile("[" + re.escape("".join(_IN_TEXT)) + "]")


def _in_text(found: re.Match[str]) -> str:
    return _IN_TEXT[found[0]]


def _in_attribute(found: re.Match[str]) -> str:
    return _IN_ATTRIBUTE[found[0]]


def text(value: str) -> str:
    """Escape text for Markdown and HTML alike: literal characters, nothing interpreted."""
    return _ESCAPED.sub(_in_text, value)


def attr(value: str) -> str:
    """Escape a value for a double-quoted HTML attribute (URLs; titles go through
    :func:`tooltip`)."""
    return _ESCAPED.sub(_in_attribute, value)


def tooltip(value: str) -> str:
    """Escape a value for a ``title`` attribute, which Material's tooltips (the
    ``content.tooltips`` feature) insert as HTML, not text: a word joiner (U+2060, invisible)
    after each ``<`` and ``&`` keeps them from opening a tag or an entity there, so the
    tooltip, native or Material's, shows the literal text."""
    return attr(visible(value).replace("<", "<" + WORD_JOINER).replace("&", "&" + WORD_JOINER))


def plain(value: str) -> str:
    """Escape a value for a context that MkDocs' templates print raw (page titles)."""
    return html.escape(visible(value), quote=True)


# On an item of a searched list that repeats a sentence of a briefing (an event from a
# briefing on its topic's timeline): the site's search (Material's) leaves it out, so a
# search finds each sentence once, in its briefing. Whole blocks that only repeat are not
# even read by search (``Html(..., searched=False)`` in .blocks).
NOT_SEARCHED = " data-search-exclude"


def slug_url(kind: str, slug: str, depth: int, anchor: str | None = None) -> str:
    """A relative URL from a page ``depth`` folders deep to ``/<kind>/<slug>/``; the slug is
    percent-encoded, so an id holding quotes or brackets stays one path segment."""
    url = "../" * depth + f"{kind}/{segment(slug)}/"
    return f"{url}#{segment(anchor)}" if anchor else url


# Characters a URL path segment holds as they are (the ids and slugs the loaders make).
PLAIN_SEGMENT = re.compile(r"[\w.~-]*", re.ASCII)


def segment(value: str) -> str:
    """``value`` as one URL path segment or fragment: percent-encoded unless plain."""
    return value if PLAIN_SEGMENT.fullmatch(value) else quote(value, safe="")


def paragraph_id(block: int) -> str:
    """The anchor of a briefing paragraph; actor pages and timelines link to it."""
    return f"p{block + 1}"


CALENDAR_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def human_date(value: str | dt.date | None) -> str:
    """'2025-08-15' -> '15 August 2025'; partial dates keep their precision. A value that
    is no calendar date comes back as escaped text (:func:`text`), so the result is safe
    in HTML and Markdown whatever the value."""
    if value is None:
        return "undated"
    iso = value.isoformat() if isinstance(value, dt.date) else value
    described = describe(iso)
    if described is not None:
        return text(described)  # a week, a quarter, a reference, a decade or a century
    if not CALENDAR_DATE.fullmatch(iso):
        return text(iso)
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 mention', '2 mentions'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
