"""Claims under construction: a statement's tokens and its attribution, before resolution."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass
class _Found:
    """A claim under construction, with the token bounds of its attribution."""

    sentence: int
    statement: list[int]
    source_head: Token
    source_bounds: tuple[int, int]
    cue: str
    attribution: tuple[int, int]  # token bounds of phrase + cue, for chaining
    kind: str  # "according" | "verb" | "citing"
    via: str | None = None
    via_text: str | None = None
    excluded: frozenset[int] = frozenset()
    cue_token: Token | None = None
    first_conjunct: bool = False  # "according to A and B": A's actor


@dataclass(frozen=True)
class _Cite:
    sentence: int
    token: Token
    subtree: frozenset[int]
    actor: str | None
    text: str
    head: Token
    bounds: tuple[int, int]
    qualified: bool  # an actor, or a source noun qualified by one (not "unnamed sources")
