"""An article's sentences as spans of its body, shared by the annotation and the claims
component: one definition of where a sentence starts, ends and which paragraph holds it."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Sentence


def doc_sentences(doc: Doc) -> list[Sentence]:
    """The Doc's sentences as stripped spans of its text, each with its paragraph's index.

    A body's paragraphs are joined by blank lines and no sentence crosses one (the
    ``briefings_paragraphs`` component starts a sentence after each), so a sentence's
    paragraph is the number of blank lines before it, counted in one pass.
    """
    text = doc.text  # built from the tokens on every access: once
    sentences: list[Sentence] = []
    block, counted = 0, 0
    for sent in doc.sents:
        raw = text[sent.start_char : sent.end_char]
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + len(raw) - len(raw.lstrip())
        block += text.count("\n\n", counted, start)
        counted = start
        # A sentence the parser ran over a blank line ends at it.
        end = start + len(stripped)
        cut = text.find("\n\n", start, end)
        sentences.append(Sentence(start, end if cut < 0 else cut, block))
    return sentences
