"""A better label for a name the registry lacks, where the model's is at odds with what the
name itself or world knowledge says: "Civic Platform" is no person, "M23" no place, "Odesa"
named as a place is no organisation."""

from __future__ import annotations

from spacy.tokens import Span

from ..gazetteer import gazetteer
from ..places import names_a_place
from ..words import words
from .given import names_a_person

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def corrected_label(span: Span, label: str) -> str:
    """The label a name the registry lacks should carry (``label`` where nothing better is
    known)."""
    if label in PLACE_LABELS | {"PERSON"} and any(ch.isdigit() for ch in span.text):
        return "ORG"  # "M23", "G20": a person's or a place's name has no digits
    if label == "PERSON" and len(span) > 1 and span[-1].text in words().organization_heads:
        return "ORG"  # "Civic Platform", "Nezavisimaya Gazeta"
    if label == "PERSON" and works_for(span):
        return "ORG"  # "trade lawyer Ted Murphy of Sidley Austin": a person's firm
    if label == "PERSON" and len(span) > 1 and span[0].text in words().feature_words:
        return "LOC"  # "the Rio Grande", "Mount Kenya": a river or mountain, no person
    # A given name and a surname ("Les Reed's spell" as a place); an organisation's name
    # may open with a given name ("Morgan Stanley"), so only places are corrected.
    if (label in PLACE_LABELS or len(span) == 1) and label != "PERSON" and names_a_person(span):
        return "PERSON"
    if label == "ORG" and span[-1].text not in words().organization_heads:
        place = gazetteer().lookup(span.text)
        # Used as a place ("visiting Odesa", "in the Indo-Pacific") and known as one.
        if place is not None and names_a_place(span):
            return "GPE" if place.type == "country" else "LOC"
    return label


def works_for(span: Span) -> bool:
    """A name after "of" or "at" that follows a person's name ("Jane Roe of Acme Partners")."""
    root = span.root
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.lower_ in {"of", "at"}
        and preposition.head.ent_type_ == "PERSON"
        and preposition.head.i < span.start
    )
