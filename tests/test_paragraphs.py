"""The paragraphs component: one sentence start after every blank line, in one pass."""

from __future__ import annotations

import spacy

from newsroom.nlp.pipeline import paragraph_breaks


def test_every_paragraph_starts_a_sentence() -> None:
    """Each paragraph's first token starts a sentence; no other token is marked."""
    nlp = spacy.blank("en")
    doc = paragraph_breaks(nlp.make_doc("One para here.\n\nTwo says so\n\nThree, at last."))
    assert [t.text for t in doc if t.is_sent_start] == ["One", "Two", "Three"]
    assert doc[1].is_sent_start is None  # left to the parser


def test_a_single_paragraph_is_left_alone() -> None:
    """Without a blank line the component marks nothing."""
    doc = paragraph_breaks(spacy.blank("en").make_doc("Only one line of text."))
    assert [t.i for t in doc if t.is_sent_start] == [0]
