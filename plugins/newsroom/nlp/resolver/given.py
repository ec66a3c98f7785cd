"""World knowledge of given names, from the ``faker`` package's person providers: some 30,000
first names of about 90 locales ("Gary", "Nuno", "Svetlana"), drawn from public name
statistics. The model often types a person it has never seen as a place or an organisation
("Les Reed's spell", "the Gary Nevilles"); a given name before a capitalised surname says
otherwise. The gazetteer still wins for known places ("Santa Monica", "Victoria")."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from spacy.tokens import Span

from ..gazetteer import gazetteer
from ..words import words

PROVIDER_LISTS = ("first_names", "first_names_male", "first_names_female")
# Verbs whose object complement is what someone is called ("a woman who called herself X").
NAMING_VERBS = {"call", "name"}


@functools.cache
def given_names() -> frozenset[str]:
    """Every first name the package's person providers hold, loaded once."""
    import faker.providers.person as people

    names: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        for attribute in PROVIDER_LISTS:
            value = getattr(provider, attribute, None)
            # Some locales compute a list on the fly (a property); their static lists suffice.
            if value and not isinstance(value, property):
                names.update(str(name) for name in value)
    return frozenset(names)


def is_surname_shape(text: str) -> bool:
    """A capitalised word of letters ("Reed", "Nevilles", "O'Neil", "Espírito")."""
    return text[:1].isupper() and text.replace("'", "").replace("-", "").isalpha()


def names_a_person(span: Span) -> bool:
    """Whether ``span`` is a person's name by its shape: a given name and capitalised
    surnames ("Les Reed"), or a lone given name the sentence calls someone ("called herself
    Svetlana"); never a name the gazetteer knows or one ending in an organisation's head."""
    tokens = [token.text for token in span]
    vocabulary = words()
    heads = vocabulary.organization_heads | vocabulary.feature_words | vocabulary.place_heads
    if tokens[-1] in heads or gazetteer().lookup(span.text) is not None:
        return False  # "Victoria Police", "Guadalupe River", "Hill Dickinson Stadium"
    if tokens[0] not in given_names():
        return False
    if len(tokens) > 1:
        # One given name and one surname: longer names are more often places or firms.
        return len(tokens) == 2 and is_surname_shape(tokens[1])
    root = span.root
    return root.dep_ == "oprd" and root.head.lemma_ in NAMING_VERBS
