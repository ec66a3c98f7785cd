"""Canonical actors for entity mentions: the resolver pipeline (registry ruler + our
component), built from the registry and run on an already parsed Doc. The parts live in
:mod:`.resolver`."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Actor
from .resolver.component import MENTIONS_KEY
from .resolver.ruler import registry_patterns

__all__ = ["MENTIONS_KEY", "build_resolver", "registry_patterns", "run_resolver"]


def build_resolver(actors: Sequence[Actor], model: Language | None = None) -> Language:
    """A pipeline that maps a parsed Doc's entities to actors: ruler + resolver.

    It runs on Docs parsed by the statistical model (or restored from the cache), and needs
    no model itself, so a registry change re-derives actors without re-parsing. Where the
    model is loaded anyway, the resolver shares its vocabulary and tokenizer instead of
    building English's tokenizer exceptions again (0.15 s); either way, registry names are
    split into tokens exactly as article text is.
    """
    if model is not None:
        from spacy.lang.en import English

        resolver: Language = English(model.vocab, create_tokenizer=lambda _: model.tokenizer)
    else:
        import spacy

        from .pipeline import split_glued_parentheses

        resolver = spacy.blank("en")
        split_glued_parentheses(resolver)
    ruler = resolver.add_pipe(
        "span_ruler",
        name="registry_ruler",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "ents_filter": {"@misc": "briefings.registry_ents_filter.v1"},
            "phrase_matcher_attr": "ORTH",
        },
    )
    ruler.add_patterns(registry_patterns(actors))  # type: ignore[attr-defined]
    component = resolver.add_pipe("briefings_actors", after="registry_ruler")
    component.initialize(lambda: [], nlp=resolver, actors=actors)  # type: ignore[attr-defined]
    return resolver


def run_resolver(resolver: Language, doc: Doc) -> Doc:
    """Apply the resolver pipeline's components to an already parsed Doc."""
    for _, component in resolver.pipeline:
        doc = component(doc)
    return doc
