"""Annotate articles: parse with spaCy only what the cache lacks, then resolve actors,
dates, claims and figures against the editorial layer."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .model import Briefing, Editorial

if TYPE_CHECKING:
    from spacy.language import Language

    from .model import Article


class Annotator:
    """Holds the spaCy model, loaded on first need, and the resolver built from the registry."""

    def __init__(self, model: str | None = None, workers: int | None = None, batch_size: int = 32) -> None:
        self.model_name = model
        self.workers = workers or os.cpu_count() or 1
        self.batch_size = batch_size
        self._nlp: Language | None = None
        self._resolver: tuple[Editorial, Language] | None = None

    @property
    def nlp(self) -> Language:
        """The statistical pipeline, loaded once."""
        if self._nlp is None:
            from .nlp.pipeline import load_model

            self._nlp = load_model(self.model_name)
        return self._nlp

    def resolver(self, editorial: Editorial) -> Language:
        """The registry ruler and resolver, rebuilt only when the editorial layer changes."""
        if self._resolver is None or self._resolver[0] != editorial:
            from .nlp.actors import build_resolver

            self._resolver = (editorial, build_resolver(editorial.actors))
        return self._resolver[1]

    def annotate(self, articles: Sequence[Article], editorial: Editorial) -> list[Briefing]:
        """Briefings for every article, in the given order."""
        from .nlp.annotate import annotate
        from .nlp.pipeline import parse

        if not articles:
            return []
        # Several processes pay off only for large batches (each loads its own model).
        processes = self.workers if len(articles) >= 50 * self.workers else 1
        docs = parse(self.nlp, (a.body for a in articles), self.batch_size, processes)
        resolver = self.resolver(editorial)
        return [Briefing(a, annotate(a, doc, resolver, editorial)) for a, doc in zip(articles, docs, strict=True)]
