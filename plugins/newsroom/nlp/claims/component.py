"""The ``briefings_claims`` spaCy component: attribution on a parsed Doc, modelled on
``span_ruler``: the vocabulary arrives through ``initialize`` and travels with the component
(``to_bytes``/``to_disk``); claims are written to ``doc.spans[CLAIMS_KEY]``."""

from __future__ import annotations

import weakref
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
from ..sentences import doc_sentences
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

    def claims(
        self,
        doc: Doc,
        sentences: Sequence[Sentence] | None = None,
        mentions: Sequence[Mention] | None = None,
    ) -> tuple[Claim, ...]:
        """The claims of ``doc``, from its sentences and its mentions: the given ones (the
        annotation's, with the editor's corrections), else the Doc's own (the resolver's
        mentions, or the model's entities)."""
        return extract_claims(
            doc,
            doc_sentences(doc) if sentences is None else sentences,
            doc_mentions(doc) if mentions is None else mentions,
            self.actors,
            self._require(),
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


def doc_mentions(doc: Doc) -> list[Mention]:
    """The resolver's mentions where it ran, else the model's entities (no actor)."""
    spans = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else list(doc.ents)
    return [Mention(s.text, s.start_char, s.end_char, s.label_, s.id_ or None, 0) for s in spans]


#: The component each pipeline's vocabulary and registry were given, made once.
_MADE: weakref.WeakKeyDictionary[Language, tuple[Sequence[Actor], ClaimsComponent]] = (
    weakref.WeakKeyDictionary()
)


def claims_component(nlp: Language, actors: Sequence[Actor]) -> ClaimsComponent:
    """The ``briefings_claims`` component made by its factory on ``nlp`` (the registry's
    resolver) and initialised with ``actors``: once per pipeline and registry."""
    made = _MADE.get(nlp)
    if made is not None and (made[0] is actors or made[0] == actors):
        return made[1]
    component = nlp.create_pipe("briefings_claims")
    if not isinstance(component, ClaimsComponent):  # pragma: no cover - our own factory
        raise TypeError("briefings_claims is not the claims component")
    component.initialize(lambda: [], nlp=nlp, actors=actors)
    _MADE[nlp] = (actors, component)
    return component


def claims_of_doc(doc: Doc) -> list[Span]:
    """The claim spans the component wrote on ``doc`` ([] where it did not run)."""
    return list(doc.spans[CLAIMS_KEY]) if CLAIMS_KEY in doc.spans else []
