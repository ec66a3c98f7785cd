"""The ``briefings_claims`` spaCy component: attribution on a parsed Doc, modelled on
``span_ruler``: the vocabulary arrives through ``initialize`` and travels with the component
(``to_bytes``/``to_disk``); claims are written to ``doc.spans[CLAIMS_KEY]``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example

from ...model import Actor, Claim, Mention, Sentence
from ..actors import MENTIONS_KEY
from .extract import extract_claims
from .vocabulary import Cues, default_data, parse_cues

#: Where the component writes its claims: one span per statement, ``label_`` its kind
#: ("claim" or "stance"), ``id_`` the source actor ("" where unresolved), ``kb_id_`` the cue.
CLAIMS_KEY = "briefings_claims"


@Language.factory("briefings_claims")
def make_claims_component(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent(name)


class ClaimsComponent:
    """Finds attributed statements; needs a parser, a lemmatizer and (optionally) the
    actor resolver's mentions in ``doc.spans[MENTIONS_KEY]``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cues: Cues | None = None
        self.actors: dict[str, Actor] = {}

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        data: str | None = None,
        actors: Sequence[Actor] = (),
    ) -> None:
        """Receive the vocabulary (the JSON of a cues file; the packaged one by default)
        and the registry (for "he"/"she" and the names of bodies)."""
        self.cues = parse_cues(data if data is not None else default_data())
        self.actors = {a.id: a for a in actors}

    def _require(self) -> Cues:
        if self.cues is None:
            raise ValueError(
                f"the '{self.name}' component has no vocabulary: call nlp.initialize() or "
                "component.initialize() before using it"
            )
        return self.cues

    def claims(self, doc: Doc) -> tuple[Claim, ...]:
        """The claims of ``doc``, from its sentences and its mentions (or entities)."""
        return extract_claims(
            doc, doc_sentences(doc), doc_mentions(doc), self.actors, self._require()
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for claim in self.claims(doc):
            span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
            if span is None:  # pragma: no cover - expand never fails on token offsets
                continue
            out = Span(doc, span.start, span.end, label=claim.kind, kb_id=claim.cue)
            out.id_ = claim.source or ""
            spans.append(out)
        doc.spans[CLAIMS_KEY] = spans
        return doc

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Precision, recall and F of the claim spans (and per kind) against the references."""
        return Scorer.score_spans(
            examples,
            attr=f"spans_{CLAIMS_KEY}",
            getter=lambda doc, _attr: doc.spans.get(CLAIMS_KEY, []),
            has_annotation=lambda doc: CLAIMS_KEY in doc.spans,
            **kwargs,
        )

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The vocabulary as bytes."""
        return srsly.msgpack_dumps({"cues": self._require().data})  # type: ignore[no-any-return]

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ClaimsComponent:
        """Restore the vocabulary written by :meth:`to_bytes`."""
        self.cues = parse_cues(str(srsly.msgpack_loads(data)["cues"]))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the vocabulary as ``cues.json`` in the folder ``path``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cues.json").write_text(self._require().data, "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimsComponent:
        """Read the vocabulary written by :meth:`to_disk`."""
        self.cues = parse_cues((Path(path) / "cues.json").read_text("utf-8"))
        return self


def doc_sentences(doc: Doc) -> list[Sentence]:
    """The Doc's sentences as stripped spans, the block counted by blank lines."""
    sentences = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + len(text) - len(text.lstrip())
        sentences.append(Sentence(start, start + len(stripped), doc.text.count("\n\n", 0, start)))
    return sentences


def doc_mentions(doc: Doc) -> list[Mention]:
    """The resolver's mentions where it ran, else the model's entities (no actor)."""
    spans = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else list(doc.ents)
    return [Mention(s.text, s.start_char, s.end_char, s.label_, s.id_ or None, 0) for s in spans]


def claims_of_doc(doc: Doc) -> list[Span]:
    """The claim spans the component wrote on ``doc`` ([] where it did not run)."""
    return list(doc.spans[CLAIMS_KEY]) if CLAIMS_KEY in doc.spans else []
