"""Page furniture: the lines a web page leaves around an article when it is pasted.

Bylines, timestamps, photo credits and captions, share buttons, copyright notices, stray
style sheets, video titles and the headline repeated in the body are not the article: a
reader should not see them as paragraphs, and the annotator should not mistake a credit
for an actor or a timestamp for an event.

Where a line sits decides how sure we can be. Before the first paragraph of text and after
the last one, the loader drops every line :func:`is_furniture` accepts (bylines, labels of
one or two words, timestamps); between paragraphs only the shapes :func:`is_known_furniture`
accepts ("Advertisement", a photo credit, a copyright line), since a short line there is
more often a sub-heading ("Nuclear talks") than a label. A dateline ("SEOUL, Oct. 29
(Yonhap) --") goes from the start of one of the first paragraphs (:func:`strip_dateline`).
"""

from __future__ import annotations

import re

# Whole lines (compared lower-cased, without trailing punctuation).
FURNITURE_LINES = {
    "today", "advertisement", "advertising", "ad", "share", "share this", "share this article",
    "share on facebook", "share on twitter", "share on x", "read more", "related",
    "related articles", "related stories", "related news", "more on this story", "top stories",
    "most read", "most popular", "trending", "subscribe", "sign up", "comments", "print",
    "email", "copy link", "follow us", "listen", "listen to this article", "video",
    "expand", "collapse", "skip to content", "today's paper", "newsletter", "watch",
    "recommended", "more stories", "editor's picks", "latest news", "see also", "photos",
}  # fmt: skip
_PREFIXES = re.compile(
    r"^(?:by\s+[A-Z]|published\b|updated\b|written\b|posted\b|last updated\b|first published\b"
    r"|photo\s*:|photo by\b|photos?\s*\(|image\s*:|image caption\b|caption\s*:|credit\s*:"
    r"|source\s*:|watch\s*:|read also\b|read more\s*:|also read\b|related\s*:|\(attn\b|\[attn\b"
    r"|\(end\)|\(c\)|copyright\b)",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:\b(?:AP|AFP|Reuters|Yonhap|EPA|Getty Images|Sputnik|KCNA|Xinhua|Bloomberg)\s*(?:Photo|via)"
    r"|(?:Photo|Image)s?\s*(?:/|by|:)|/\s*(?:AP|AFP|Reuters|Yonhap|EPA|Getty Images|Pool|Sputnik|KCNA)\b"
    r"|\bvia (?:AP|AFP|Reuters|Getty Images)\b)",
    re.IGNORECASE,
)
_SHARE_WORDS = re.compile(
    r"facebook|twitter|kakao|telegram|whatsapp|linkedin|e-?mail|print|copy link", re.I
)
# A caption ends with its credit: "... on June 3, 2025. (AP Photo/Jon Doe)".
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]*(?:Photo|Pool|Getty Images|Yonhap|Reuters|AFP|EPA|KCNA)[^()]*)\)\s*$"
)
# A style sheet pasted with the page: "{ color: #D0D0D0; margin: 0; }". Markup or template
# syntax in a sentence is article text and is shown as such, never dropped.
_CSS = re.compile(r"[a-z-]+\s*:\s*[^;{}]+;")
_BYLINE = re.compile(r"\bBy [A-Z][a-z]+ [A-Z]")
_TIMESTAMP = re.compile(r"\b\d{1,2}:\d{2}\b")
_MAX_FURNITURE_WORDS = 16


def is_known_furniture(line: str) -> bool:
    """Whether a line is furniture wherever it stands: a fixed page label, a photo credit or
    a caption ending in one, a copyright notice, a style sheet."""
    text = line.strip()
    if not text:
        return False
    if text.lower().rstrip(" .:!|") in FURNITURE_LINES:
        return True
    if any(mark in text for mark in ("©", "™", "All rights reserved")):
        return True
    if "{" in text and len(_CSS.findall(text)) >= 2:
        return True
    if (
        _CREDIT.search(text)
        and len(text.split()) <= _MAX_FURNITURE_WORDS
        and not text.endswith((".", "?", "!", "”", '"'))
    ):
        return True  # "Photo Illustration by ... /Getty Images"; longer is a sentence
    return _CAPTION_CREDIT.search(text) is not None


def is_furniture(line: str, headline: str | None = None) -> bool:
    """Whether a body line is page furniture rather than article text."""
    text = line.strip()
    if not text:
        return False
    lowered = text.lower().rstrip(" .:!|")
    words = text.split()
    if lowered in FURNITURE_LINES:
        return True
    if (
        headline is not None
        and " ".join(text.split()).lower() == " ".join(headline.split()).lower()
    ):
        return True  # the headline repeated at the top of the body
    if any(mark in text for mark in ("©", "™", "All rights reserved")):
        return True
    if "{" in text and len(_CSS.findall(text)) >= 2:
        return True
    if _CAPTION_CREDIT.search(text):
        return True
    letters = list(filter(str.isalpha, text))  # filter and map: no Python call per character
    if len(words) >= 2 and letters and sum(map(str.isupper, letters)) >= 0.9 * len(letters):
        return True  # shouting: a promoted headline, a section label, a credit
    if len(words) > _MAX_FURNITURE_WORDS:
        return False
    if text.startswith(("•", "|", "·")):
        return True
    if _PREFIXES.match(text) or (
        _CREDIT.search(text) and not text.endswith((".", "?", "!", "”", '"'))
    ):
        return True
    if len(_SHARE_WORDS.findall(text)) >= 2:
        return True
    if _TIMESTAMP.search(text) and not text.endswith((".", "?", "!")):
        return True
    if _BYLINE.search(text) and not text.endswith((".", "?", "!", "”", '"')):
        return True  # "Rachel Wolf By Rachel Wolf , Greg Norman"
    if text.endswith((" Video", " video")) or (
        " / " in text and not text.endswith((".", "?", "!"))
    ):
        return True
    # One or two plain words without end punctuation are a label, not a sentence
    # ("Donald Trump" under a photo, "Analysis" above the text).
    return _LABEL.fullmatch(text) is not None


_LABEL = re.compile(r"[A-Z][\w’'&-]*(?: [\w’'&-]+)?")


DATELINE = re.compile(
    r"^(?:"
    r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*"  # SEOUL, NEW YORK, SEOUL/MOSCOW
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Za-z.]+)?)?"  # , South Korea / , Oct.
    r"(?: \d{1,2})?"  # 29
    r"(?:,? \d{4})?"
    r"(?: ?\((?:[A-Z][\w .&’'-]{0,30})\))?"  # (Yonhap) (AP) (CNN)
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, [A-Z][a-z]+\.? \d{1,2})? ?\((?:[A-Z][\w .&’'-]{0,30})\)"
    r") ?(?:--|—|–|-) ?"
)


DATELINE_SEARCH = 3  # a dateline may follow a repeated headline or a caption


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without its dateline ("MOSCOW —", "Seoul (CNN) —")."""
    match = DATELINE.match(paragraph)
    if not match or match.end() >= len(paragraph):
        return paragraph
    rest = paragraph[match.end() :].lstrip()
    return rest if rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "“\"'‘" else paragraph


HEADLINE_TAGS = re.compile(
    r"^(?:\((?:LEAD|URGENT|\d+(?:st|nd|rd|th) LD|News Focus|News Analysis|Yonhap Interview|"
    r"EDITORIAL|AMENDED|UPDATE \d*|CORRECTED)[^)]*\)\s*)+",
    re.IGNORECASE,
)


def clean_headline(headline: str) -> str:
    """A headline without wire-service tags such as "(LEAD)" or "(2nd LD)"."""
    cleaned = HEADLINE_TAGS.sub("", headline).strip()
    return cleaned or headline
