"""Characters in text from outside: the controls removed from article and editorial text,
and the ones escaped before a name is printed on a terminal line."""

from __future__ import annotations

import re
import unicodedata

# Control characters that are not whitespace: invisible, and meaningless in an article; and
# byte-order marks left inside the text where files were pasted together.
CONTROLS = "".join(
    chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0xFEFF) if not chr(c).isspace()
)


CONTROL = re.compile(f"[{re.escape(CONTROLS)}]")


# What makes text binary-looking: a byte-order mark doubled by pasting files is not.
BINARY_CONTROL = re.compile(f"[{re.escape(CONTROLS.replace(chr(0xFEFF), ''))}]")


# What must not reach a terminal as it is: controls (an escape sequence can rewrite the
# line), bidi controls (they reorder it) and the lone surrogates that stand for the bytes of
# a file name that is not UTF-8.
DISPLAY_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(text: str) -> str:
    """A file name (or any text) safe to print on one log line: control and bidi characters
    and undecodable bytes escaped as ``\\uXXXX``."""
    return DISPLAY_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def clean_text(value: str) -> str:
    """One line of metadata text: NFC, no control characters, whitespace collapsed."""
    return " ".join(CONTROL.sub("", unicodedata.normalize("NFC", value)).split())
