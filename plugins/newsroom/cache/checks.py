"""What an annotation read back from the cache must satisfy before it is used.

An entry with the right key and well-formed JSON may still come from elsewhere (a CI cache
restored from another branch, a hand edit): every id must match the id pattern, every date
value be a real date, every offset lie inside the body and every span's text be the body's
text there, every sentence index be in range. The first breach is returned as a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Annotation, Article, Claim, DateMention, Figure, Mention
from ..nlp.dates.values import is_value
from ..schema import is_id

LABEL_PATTERN = re.compile(r"[A-Z][A-Z_]*")


def annotation_problem(annotation: Annotation, article: Article | None) -> str | None:
    """Why ``annotation`` cannot describe ``article`` (None: it can); without the article,
    only what needs no body is checked."""
    body = article.body if article is not None else None
    sentences = annotation.sentences
    for number, sentence in enumerate(sentences):
        if not 0 <= sentence.start <= sentence.end or (body and sentence.end > len(body)):
            return f"sentence {number} lies outside the body"
        if article is not None and not 0 <= sentence.block < max(1, len(article.blocks)):
            return f"sentence {number} names a block that does not exist"
    count = max(1, len(sentences))  # with no sentences, records point at sentence 0
    spans: tuple[Mention | DateMention | Claim | Figure, ...] = (
        *annotation.mentions,
        *annotation.dates,
        *annotation.claims,
        *annotation.figures,
    )
    for span in spans:
        kind = type(span).__name__
        if not 0 <= span.start <= span.end or not 0 <= span.sentence < count:
            return f"{kind} {span.text[:40]!r} has offsets or a sentence out of range"
        if body is not None and body[span.start : span.end] != span.text:
            return f"{kind} {span.text[:40]!r} is not the text at its offsets"
    bad = _bad_id(
        (m.actor for m in annotation.mentions),
        (c.source for c in annotation.claims),
        (c.via for c in annotation.claims),
        (f.source for f in annotation.figures),
    )
    if bad is not None:
        return f"actor id {bad[:40]!r} is not an id"
    for mention in annotation.mentions:
        if not LABEL_PATTERN.fullmatch(mention.label):
            return f"label {mention.label[:40]!r} is not an entity label"
    for date in annotation.dates:
        if date.value is not None and not is_value(date.value):
            return f"date value {date.value[:40]!r} is not a date value"
    return None


def _bad_id(*groups: Iterable[str | None]) -> str | None:
    for group in groups:
        for value in group:
            if value is not None and not is_id(value):
                return value
    return None
