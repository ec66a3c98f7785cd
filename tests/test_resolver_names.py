"""Whole names: titles are no part of a name, and weapons or products are no actors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import ROOT
from spacy.language import Language

from newsroom.editorial import load_editorial
from newsroom.nlp.actors import MENTIONS_KEY, build_resolver, run_resolver
from newsroom.nlp.words import words

Resolve = Callable[[str], dict[str, tuple[str, str]]]


@pytest.fixture(scope="module")
def resolve(nlp: Language) -> Resolve:
    """Text -> {mention text: (actor id, label)} with the shipped registry."""
    resolver = build_resolver(load_editorial(ROOT / "briefings").editorial.actors, nlp)

    def run(text: str) -> dict[str, tuple[str, str]]:
        doc = run_resolver(resolver, nlp(text))
        return {span.text: (span.id_, span.label_) for span in doc.spans[MENTIONS_KEY]}

    return run


def test_titles_are_cut_from_names(resolve: Resolve) -> None:
    """ "Chair Dana Whitfield" is Dana Whitfield, a person; so is "Prof Jonas Berg"."""
    found = resolve(
        "Chair Dana Whitfield apologised on Monday. Prof Jonas Berg said the board erred."
    )
    assert found.get("Dana Whitfield") == ("dana-whitfield", "PERSON")
    assert found.get("Jonas Berg") == ("jonas-berg", "PERSON")
    assert not any(text.startswith(("Chair", "Prof")) for text in found)


def test_a_title_is_kept_in_a_body_name(resolve: Resolve) -> None:
    """ "Premier League" is a league, not a person called League."""
    found = resolve("The Premier League fined the club on Friday.")
    assert "League" not in found


def test_weapons_and_products_are_no_actors(resolve: Resolve) -> None:
    """A name used only for a weapon or a product ("the Kestrel rocket launcher") is left out."""
    found = resolve(
        "The army bought the Kestrel multiple rocket launcher. The Kestrel launcher fires far."
    )
    assert not any("Kestrel" in text for text in found)


def test_a_company_beside_its_product_is_still_an_actor(resolve: Resolve) -> None:
    """ "Orvane chips" beside "Orvane said" keeps Orvane in the glossary."""
    found = resolve("Samsung said on Monday that demand for Samsung chips had doubled.")
    assert "Samsung" in found


def test_word_lists_come_from_the_data_file() -> None:
    """The Korean surnames and non-actor words are package data, not code."""
    lists = words()
    assert "Kim" in lists.korean_surnames and "north" in lists.not_actors
    assert "launcher" in lists.product_nouns and "platform" not in lists.product_nouns


def test_short_forms_join_their_full_name_wherever_they_come(resolve: Resolve) -> None:
    """A surname before the full name, and an acronym never defined, join the full name."""
    found = resolve(
        "Halvorsen quits. Coach Erik Halvorsen left the club on Monday. The Nordic Maritime "
        "Council said it regretted the move, and NMC members met later."
    )
    assert found["Halvorsen"][0] == found["Erik Halvorsen"][0]
    assert found["NMC"][0] == found["Nordic Maritime Council"][0]


def test_a_place_is_no_short_form_of_a_body_named_after_it(resolve: Resolve) -> None:
    """ "Oslo" stays the city beside the "Oslo Institute of Peace Studies"."""
    found = resolve("The Oslo Institute of Peace Studies said fighting spread. Rain fell in Oslo.")
    assert found["Oslo"][0] != found["Oslo Institute of Peace Studies"][0]


def test_names_through_of_and_and_come_out_whole(resolve: Resolve) -> None:
    """ "Palace of the Sun", "Ministry of Science and ICT" and "Republic of the Congo" are
    one name each, not two."""
    found = resolve(
        "Officials visited the Kumsusan Palace of the Sun. The Ministry of Science and ICT "
        "said talks in the Democratic Republic of the Congo went on."
    )
    assert {"Kumsusan Palace of the Sun", "Ministry of Science and ICT"} <= set(found)
    assert "Democratic Republic of the Congo" in found
    assert not {"Sun", "ICT", "Congo"} & set(found)


def test_a_registry_name_does_not_cut_a_longer_body(resolve: Resolve) -> None:
    """ "United Nations Command" is not the United Nations followed by "Command"."""
    found = resolve("The United Nations Command said the soldiers crossed the line.")
    assert found.get("United Nations Command", ("",))[0] != "united-nations"
    assert "United Nations" not in found


def test_a_surname_the_model_left_out_joins_the_given_name(resolve: Resolve) -> None:
    """ "Gen Oleksiy" + "Marchenko": the surname after a lone given name is part of the name."""
    found = resolve("The army's top commander Gen Oleksiy Marchenko had earlier warned of it.")
    assert any(text.endswith("Marchenko") and len(text.split()) >= 2 for text in found)
    assert "Oleksiy" not in found


def test_code_names_of_capitals_and_digits_are_names() -> None:
    """An armed group's code name ("M23") is a name, though it holds digits."""
    from newsroom.nlp.names import is_code_name

    assert is_code_name("M23") and is_code_name("G20")
    assert not is_code_name("D0D0D0") and not is_code_name("2025")


def test_laws_holidays_and_credit_lines_are_no_actors(resolve: Resolve) -> None:
    """ "the Harbour Safety Act" and "Founders Day" are no actors; "Writing by Jane Roe" gives
    no "Jane Roe Writing"; a spaced dash ends a name ("Tom Hale - voted")."""
    found = resolve(
        "Lawmakers passed the Harbour Safety Act before Founders Day. Senator Tom Hale - voted "
        "against it.\n\nWriting by Jane Roe; Editing by Ann Lee"
    )
    assert not any(text.endswith(("Act", "Day", "Writing", "Editing")) for text in found)
    assert not any(" - " in text for text in found)


def test_a_hyphenated_given_name_keeps_its_last_syllable(resolve: Resolve) -> None:
    """ "Lee Rae-in" is not cut to "Lee Rae-" though "in" is a function word."""
    found = resolve("His brother Lee Rae-in said the family would appeal.")
    assert "Lee Rae-in" in found


def test_operations_are_events(resolve: Resolve) -> None:
    """ "Operation Harbour Watch", which the model calls an organisation, is an event."""
    found = resolve("US forces launched Operation Harbour Watch in May.")
    assert found.get("Operation Harbour Watch", ("", ""))[1] == "EVENT"


def test_a_word_the_article_also_writes_in_lower_case_is_no_name(resolve: Resolve) -> None:
    """ "Cabinet" at a sentence's start beside "the cabinet" is a common word, not a body."""
    found = resolve("Cabinet met on Monday. Later the cabinet approved the budget.")
    assert "Cabinet" not in found


def test_a_name_cut_at_a_dangling_preposition_is_dropped() -> None:
    """ "Institute for" (the model's half of a longer name) is no name; "Rae-in" keeps "in"."""
    import spacy

    from newsroom.nlp.names import past_tail

    blank = spacy.blank("en")
    assert past_tail(blank("the Institute for a Free Press said"), 1, 3) == 1
    assert past_tail(blank("Lee Rae-in said"), 0, 4) == 4


def test_im_is_a_korean_surname(resolve: Resolve) -> None:
    """ "Im Ha-neul" is a person: "Im" is not split as a contraction of "I'm"."""
    found = resolve("Im Ha-neul, a researcher at the institute, said the tests would go on.")
    assert found.get("Im Ha-neul", ("", ""))[1] == "PERSON"


def test_a_person_named_by_one_name_is_no_short_form(resolve: Resolve) -> None:
    """ "a volunteer named Justin" is not "Justin Brown" named later."""
    found = resolve(
        "Another volunteer, named Justin, searched the river. Justin Brown has lived there "
        "for 25 years."
    )
    assert found.get("Justin", ("", ""))[0] != found.get("Justin Brown", ("x", ""))[0]
