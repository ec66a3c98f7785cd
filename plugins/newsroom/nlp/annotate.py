"""Turn a parsed Doc into an :class:`Annotation`: sentences, actor mentions, dates, claims
and figures, with the editor's corrections applied last so they always win."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..editorial import corrections_naming
from ..model import (
    LABEL_OF_TYPE,
    Annotation,
    Article,
    DateMention,
    Editorial,
    Mention,
    Sentence,
)
from .actors import MENTIONS_KEY, run_resolver
from .claims import claims_component
from .dates import find_dates_in_doc
from .descriptions import describe
from .figures import extract_figures
from .sentences import doc_sentences


def annotate(article: Article, doc: Doc, resolver: Language, editorial: Editorial) -> Annotation:
    """Everything the NLP stage finds in one article whose body ``doc`` has been parsed."""
    doc = run_resolver(resolver, doc)
    sentences = doc_sentences(doc)
    mentions = []
    for span in doc.spans[MENTIONS_KEY]:
        described = describe(span) if span.id_ else None
        mentions.append(
            Mention(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                label=span.label_,
                actor=span.id_ or None,
                sentence=sentence_at(sentences, span.start_char),
                description_start=described[0] if described else None,
                description_end=described[1] if described else None,
            )
        )
    mentions = apply_corrections(article, mentions, sentences, editorial)
    mentions = add_notes(mentions, editorial)
    dates = find_dates(doc, article, sentences)
    claims = claims_component(resolver, editorial.actors).claims(doc, sentences, mentions)
    figures = extract_figures(doc, sentences, mentions, claims)
    return Annotation(tuple(sentences), tuple(mentions), dates, claims, figures)


def sentence_at(sentences: Sequence[Sentence], offset: int) -> int:
    """The index of the sentence holding a character offset (the nearest before it)."""
    starts = [s.start for s in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def find_dates(
    doc: Doc, article: Article, sentences: Sequence[Sentence]
) -> tuple[DateMention, ...]:
    """The date expressions of the body, resolved against the publication date."""
    return tuple(
        DateMention(d.text, d.start, d.end, d.value, sentence_at(sentences, d.start), d.reported)
        for d in find_dates_in_doc(doc, article.date)
    )


def apply_corrections(
    article: Article, mentions: list[Mention], sentences: Sequence[Sentence], editorial: Editorial
) -> list[Mention]:
    """The editor's rulings override whatever the model and the registry decided."""
    actors = editorial.actor_map()
    for correction in corrections_naming(article, editorial.corrections):
        spans = occurrences(article.body, correction.text)
        if correction.occurrence is not None:
            spans = spans[correction.occurrence - 1 : correction.occurrence]
        for start, end in spans:
            mentions = [m for m in mentions if m.end <= start or m.start >= end]
            if correction.actor is not None:
                actor = actors[correction.actor]
                mentions.append(
                    Mention(
                        correction.text,
                        start,
                        end,
                        LABEL_OF_TYPE[actor.type],
                        actor.id,
                        sentence_at(sentences, start),
                    )
                )
    return sorted(mentions, key=lambda m: m.start)


def occurrences(body: str, text: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of ``text`` in ``body``."""
    spans = []
    start = body.find(text)
    while start != -1 and text:
        end = start + len(text)
        before = body[start - 1] if start else " "
        after = body[end] if end < len(body) else " "
        if not (before.isalnum() or after.isalnum()):
            spans.append((start, end))
        start = body.find(text, start + 1)
    return spans


def add_notes(mentions: list[Mention], editorial: Editorial) -> list[Mention]:
    """Attach the reader's note where a capital stands for its government."""
    notes = {(a.id, m.text): m.note for a in editorial.actors for m in a.metonyms}
    out = []
    for mention in mentions:
        note = notes.get((mention.actor or "", mention.text))
        out.append(replace(mention, note=note) if note else mention)
    return out
