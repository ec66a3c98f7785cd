"""Escaping and links shared by every page: article text is data, never markup.

Article text reaches Markdown only through :func:`text`, which turns every ASCII
punctuation character into a numeric entity, so no Markdown, HTML, attribute-list,
template or snippet syntax in an article can take effect; inside raw HTML we use
:func:`attr` and :func:`text` alike.
"""

from __future__ import annotations

import datetime as dt
import html

# Bidirectional controls would reorder what the reader sees; they are shown as code points.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


def text(value: str) -> str:
    """Escape text for Markdown and HTML alike: literal characters, nothing interpreted."""
    out = []
    for char in value:
        if char.isascii() and not char.isalnum() and char != " ":
            out.append(f"&#{ord(char)};")
        elif char in BIDI_CONTROLS:
            out.append(f"&lt;U+{ord(char):04X}&gt;")
        else:
            out.append(char)
    return "".join(out)


def attr(value: str) -> str:
    """Escape a value for a double-quoted HTML attribute (titles, tooltips)."""
    return text(value)


def plain(value: str) -> str:
    """Escape a value for a context that MkDocs' templates print raw (page titles)."""
    return html.escape(value, quote=True)


def slug_url(kind: str, slug: str, depth: int, anchor: str | None = None) -> str:
    """A relative URL from a page ``depth`` folders deep to ``/<kind>/<slug>/``."""
    url = "../" * depth + f"{kind}/{slug}/"
    return f"{url}#{anchor}" if anchor else url


def paragraph_id(block: int) -> str:
    """The anchor of a briefing paragraph; actor pages and timelines link to it."""
    return f"p{block + 1}"


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def human_date(value: str | dt.date | None) -> str:
    """'2025-08-15' -> '15 August 2025'; partial dates keep their precision."""
    if value is None:
        return "undated"
    iso = value.isoformat() if isinstance(value, dt.date) else value
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
