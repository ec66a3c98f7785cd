"""A briefing's summary for search engines, link previews and feeds: its first sentence,
cut at a word when it is long."""

from __future__ import annotations

import re

from ..model import Briefing

# Long enough for a news lede (Open Graph previews show about 200 characters), short enough
# that a search result shows it whole.
LIMIT = 200
ELLIPSIS = "…"
# Where a sentence ends when the article has no parsed sentences (an unannotated briefing):
# end punctuation, then a capital; not after an abbreviation ("U.S.", "Dec.", "Mr.").
SENTENCE_END = re.compile(
    r"(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)(?<!\b[A-Z]\.)"
    r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])"
)
# A paragraph that ends like a sentence: the lede, rather than a caption or a standfirst.
ENDS_A_SENTENCE = re.compile(r"[.!?][\"”’)]?\s*$")
SPACE = re.compile(r"\s+")


def first_sentence(briefing: Briefing) -> str:
    """The first sentence of a briefing's lede (its first paragraph that ends like a
    sentence, else its first paragraph), spaces collapsed."""
    article, sentences = briefing.article, briefing.annotation.sentences
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    if not paragraphs:
        return ""
    lede = next((b for b in paragraphs if ENDS_A_SENTENCE.search(article.block_text(b))), None)
    first = article.blocks.index(lede or paragraphs[0])
    parsed = [s for s in sentences if s.block == first]
    text = article.body[parsed[0].start : parsed[0].end] if parsed else ""
    # The parser's sentence is taken when it ends like one (it can stop inside a name).
    if not ENDS_A_SENTENCE.search(text):
        text = SENTENCE_END.split(article.block_text(article.blocks[first]), maxsplit=1)[0]
    return SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at the last word that fits,
    without trailing punctuation, and an ellipsis; never in the middle of a word."""
    text = SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]  # the ellipsis takes the place of the space before the cut
    space = cut.rfind(" ")
    if space <= 0:  # one word longer than the limit: it is kept whole rather than cut
        return text.split(" ", 1)[0] + ELLIPSIS
    return cut[:space].rstrip(" ,;:–—-") + ELLIPSIS


def describe(briefing: Briefing, limit: int = LIMIT) -> str:
    """The summary of a briefing: its first sentence, cut at a word to ``limit`` characters."""
    return shorten(first_sentence(briefing), limit)
