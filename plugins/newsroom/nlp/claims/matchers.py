"""The dependency patterns of ``cues.json`` compiled into matchers, once per vocabulary."""

from __future__ import annotations

from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.vocab import Vocab

from .vocabulary import Cues

_MATCHERS: dict[tuple[int, int], tuple[Vocab, Cues, DependencyMatcher, Matcher]] = {}


def matchers(vocab: Vocab, cues: Cues) -> tuple[DependencyMatcher, Matcher]:
    """The dependency matcher of the cue patterns and the "according to" token matcher."""
    key = (id(vocab), id(cues))
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is vocab and cached[1] is cues:
        return cached[2], cached[3]
    dep = DependencyMatcher(vocab)
    for name, pattern in cues.patterns:
        steps: list[dict[str, Any]] = [dict(step) for step in pattern]
        dep.add(name, [steps])
    tok = Matcher(vocab)
    tok.add("ACCORDING_TO", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    _MATCHERS[key] = (vocab, cues, dep, tok)
    return dep, tok
