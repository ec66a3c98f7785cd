"""Attribution (who says so) as a spaCy component: cues and patterns as data (``cues.json``),
phrases, spans, source resolution and parser repairs each in a module of their own."""

from __future__ import annotations

from ..indexes import MentionIndex, SentenceIndex
from .component import CLAIMS_KEY, ClaimsComponent, claims_component, claims_of_doc
from .extract import extract_claims
from .phrases import phrase_bounds, resolve_actor
from .vocabulary import Cues, default_cues, parse_cues

__all__ = [
    "CLAIMS_KEY",
    "ClaimsComponent",
    "Cues",
    "MentionIndex",
    "SentenceIndex",
    "claims_component",
    "claims_of_doc",
    "default_cues",
    "extract_claims",
    "parse_cues",
    "phrase_bounds",
    "resolve_actor",
]
