"""The ``briefings_claims`` component: factory, vocabulary as data, serialisation, scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from newsroom.model import Actor, Mention
from newsroom.nlp.claims import (
    CLAIMS_KEY,
    ClaimsComponent,
    claims_component,
    claims_of_doc,
    parse_cues,
)
from newsroom.nlp.claims.vocabulary import default_data
from newsroom.nlp.sentences import doc_sentences

TEXT = (
    "Foreign Minister Sergey Lavrov said on Friday that the talks would resume next month. "
    "Putin praised the soldiers for their bravery."
)


def component(nlp: Language, data: str | None = None) -> ClaimsComponent:
    """A claims component made by its factory and initialised with ``data``."""
    made = nlp.create_pipe("briefings_claims")
    assert isinstance(made, ClaimsComponent)
    made.initialize(lambda: [], nlp=nlp, data=data)
    return made


def test_claims_as_spans(nlp: Language) -> None:
    """The component writes one span per claim: kind as label, cue as kb id."""
    doc = component(nlp)(nlp(TEXT))
    spans = claims_of_doc(doc)
    assert [(s.label_, s.kb_id_) for s in spans] == [("claim", "said"), ("stance", "praised")]
    assert spans[0].text.startswith("the talks would resume")


def test_uninitialised_component_says_what_to_do(nlp: Language) -> None:
    """Running without a vocabulary raises an error that names the fix."""
    made = nlp.create_pipe("briefings_claims")
    with pytest.raises(ValueError, match="initialize"):
        made(nlp(TEXT))


def test_round_trip_bytes(nlp: Language) -> None:
    """to_bytes/from_bytes carry the vocabulary: the copy finds the same claims."""
    data = json.loads(default_data())
    data["speech_cues"] = [c for c in data["speech_cues"] if c != "say"]
    original = component(nlp, json.dumps(data))
    copy = ClaimsComponent("copy").from_bytes(original.to_bytes())
    assert copy.cues == original.cues
    doc = nlp(TEXT)
    assert [c.cue for c in copy.claims(doc)] == ["praised"]


def test_round_trip_disk(nlp: Language, tmp_path: Path) -> None:
    """to_disk/from_disk write and read the vocabulary as cues.json."""
    original = component(nlp)
    original.to_disk(tmp_path / "claims")
    copy = ClaimsComponent("copy").from_disk(tmp_path / "claims")
    assert copy.cues == original.cues


def test_cues_are_data(nlp: Language) -> None:
    """A cue added in the data attributes; the packaged file has no such verb."""
    text = "The ministry intimated that the border would reopen soon."
    assert component(nlp).claims(nlp(text)) == ()
    data = json.loads(default_data())
    data["speech_cues"].append("intimate")
    assert [c.cue for c in component(nlp, json.dumps(data)).claims(nlp(text))] == ["intimated"]


def test_bad_cues_data_is_named() -> None:
    """A cues file that is not JSON, or has no patterns, gives a clear error."""
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_cues("{")
    with pytest.raises(ValueError, match="patterns"):
        parse_cues("{}")


def test_scorer(nlp: Language) -> None:
    """The scorer compares claim spans with a reference: perfect on itself, lower on a miss."""
    made = component(nlp)
    predicted = made(nlp(TEXT))
    perfect = Example(predicted, predicted.copy())
    assert made.score([perfect])[f"spans_{CLAIMS_KEY}_f"] == 1.0
    reference: Doc = predicted.copy()
    reference.spans[CLAIMS_KEY] = [Span(reference, 0, 3, label="claim")]
    assert made.score([Example(predicted, reference)])[f"spans_{CLAIMS_KEY}_f"] == 0.0


def test_made_once_per_pipeline_and_registry(nlp: Language) -> None:
    """``claims_component`` makes the component by its factory once per pipeline and
    registry, and anew for another registry."""
    first = (Actor("kim-jong-un", "Kim Jong-un", "person"),)
    made = claims_component(nlp, first)
    assert claims_component(nlp, first) is made
    assert claims_component(nlp, tuple(first)) is made
    other = claims_component(nlp, (Actor("lee", "Lee", "person"),))
    assert other is not made
    assert set(other.actors) == {"lee"}


def test_the_annotation_mentions_win_over_the_docs(nlp: Language) -> None:
    """Given mentions (the annotation's, the editor's corrections applied) resolve the source;
    without them the component reads the Doc's own entities."""
    doc = nlp("Lee Seong-kweun said the talks had failed.")
    made = component(nlp)
    assert [c.source for c in made.claims(doc)] == [None]
    lee = Mention("Lee Seong-kweun", 0, 15, "PERSON", "lee-seong-kweun", 0)
    given = made.claims(doc, doc_sentences(doc), [lee])
    assert [c.source for c in given] == ["lee-seong-kweun"]


def test_sentences_know_their_paragraph(nlp: Language) -> None:
    """Shared sentence spans are stripped and numbered by the blank lines before them."""
    doc = nlp("Kim spoke first. Putin replied.\n\nThe talks ended.\n\nNothing followed.")
    got = [(doc.text[s.start : s.end], s.block) for s in doc_sentences(doc)]
    assert got == [
        ("Kim spoke first.", 0),
        ("Putin replied.", 0),
        ("The talks ended.", 1),
        ("Nothing followed.", 2),
    ]
