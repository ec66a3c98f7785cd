"""Token-to-sentence and token-to-mention lookups, shared by claims and figures."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..model import Mention, Sentence

#: Entity labels a mention may carry to count as a source without a resolved actor.
SOURCE_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})


class SentenceIndex:
    """Map tokens of ``doc`` to the sentence (of the given tuple) that contains them."""

    def __init__(self, doc: Doc, sentences: Sequence[Sentence]) -> None:
        self.doc = doc
        self.sentences = tuple(sentences)
        self._starts = [s.start for s in self.sentences]
        self._bounds: dict[int, tuple[int, int]] = {}

    def of_char(self, char: int) -> int | None:
        """The index of the sentence containing character ``char``, or None."""
        pos = bisect_right(self._starts, char) - 1
        if pos < 0:
            return None
        sent = self.sentences[pos]
        return pos if sent.start <= char < sent.end else None

    def of(self, token: Token) -> int | None:
        """The index of the sentence containing ``token``, or None (whitespace between)."""
        if token.is_space:
            return None
        return self.of_char(token.idx)

    def tokens(self, index: int) -> list[Token]:
        """The tokens of sentence ``index`` (without whitespace tokens)."""
        sent = self.sentences[index]
        span = self.doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand never fails on valid offsets
            return []
        return [t for t in span if not t.is_space and self.of(t) == index]

    def bounds(self, index: int) -> tuple[int, int]:
        """First and last token index of sentence ``index`` (inclusive)."""
        if index not in self._bounds:
            toks = self.tokens(index)
            self._bounds[index] = (toks[0].i, toks[-1].i) if toks else (0, -1)
        return self._bounds[index]


class MentionIndex:
    """The mention (if any) each token belongs to."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:  # pragma: no cover
                continue
            for token in span:
                if token.is_space:
                    continue
                # "’s" glued to a mention by the tokenizer is not part of it.
                if token.idx >= mention.end or token.idx + len(token.text) <= mention.start:
                    continue
                self.by_token.setdefault(token.i, mention)

    def get(self, token: Token) -> Mention | None:
        """The mention ``token`` belongs to."""
        return self.by_token.get(token.i)

    def is_source_mention(self, token: Token) -> bool:
        """Whether ``token`` lies in a mention that can be a source (an actor or a name)."""
        mention = self.get(token)
        if mention is None:
            return False
        return mention.actor is not None or mention.label in SOURCE_LABELS
