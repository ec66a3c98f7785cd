"""The schema of the editorial files: one model per kind of entry, declared field by field.

A value arrives as the text the editor wrote (see :mod:`newsroom.yamlfile`); the field
types of :mod:`newsroom.schema` parse and check it and say what is wrong.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ..model import ACTOR_TYPES, PRONOUNS, SOURCE_KINDS
from ..schema import Entry, Id, IdList, OptionalText, PartialDate, Text, TextList, choice

WIKIDATA = r"^Q\d{1,12}$"


def _wikidata(value: str | None) -> str | None:
    if value is not None and not re.match(WIKIDATA, value):
        raise ValueError(f"is {value!r}; use a Q-id such as Q56226")
    return value


class MetonymEntry(Entry):
    """A capital or seat used for a government, with the note readers see."""

    text: Text
    note: Text


class RoleEntry(Entry):
    """An office, from ``since`` until ``until``."""

    title: Text
    since: PartialDate | None = None
    until: PartialDate | None = None


def _role(value: Any) -> Any:
    """A role written as plain text is its title."""
    return {"title": value} if isinstance(value, str) else value


# `roles` is a list; a single office goes under `role`.
Roles = tuple[Annotated[RoleEntry, BeforeValidator(_role)], ...]


class ActorEntry(Entry):
    """One actor of ``actors.yml``."""

    id: Annotated[Id, AfterValidator(lambda v: _not_reserved(v))]
    name: Text
    type: Annotated[Text, choice(*ACTOR_TYPES)]
    description: OptionalText = None
    aliases: TextList = ()
    demonyms: TextList = ()
    metonyms: tuple[MetonymEntry, ...] = ()
    roles: Roles = ()
    role: Annotated[RoleEntry | None, BeforeValidator(_role)] = None
    wikidata: Annotated[OptionalText, AfterValidator(_wikidata)] = None
    kind: Annotated[OptionalText, AfterValidator(lambda v: _one_of(v, SOURCE_KINDS))] = None
    pronoun: Annotated[OptionalText, AfterValidator(lambda v: _one_of(v, PRONOUNS))] = None

    @model_validator(mode="after")
    def _pronoun_for_people(self) -> ActorEntry:
        if self.pronoun is not None and self.type != "person":
            raise ValueError("field `pronoun` is for people only; remove it")
        return self


# Ids that would replace a section's index page (actors/index.md, background/index.md).
RESERVED_IDS = {"index"}


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"`{value}` is reserved for the index page; choose another")
    return value


def _one_of(value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValueError(f"is {value!r}; use one of {', '.join(allowed)}")
    return value


def _whole_number(value: Any) -> Any:
    # Digits only: pydantic alone would read "true" as 1 and "2.0" as 2.
    if isinstance(value, str) and value.strip().isdigit() and int(value) >= 1:
        return int(value)
    if value is None:
        return None
    raise ValueError("must be a whole number from 1")


class CorrectionEntry(Entry):
    """One ruling of ``corrections.yml``: in ``article``, ``text`` is ``actor`` (or, with
    ``actor: null``, not an entity)."""

    article: Text
    text: Text
    actor: Id | None = Field(description="an actor id, or `null` for not an entity")
    occurrence: Annotated[int | None, BeforeValidator(_whole_number)] = None
    note: OptionalText = None


class EventEntry(Entry):
    """One dated event of a topic's timeline."""

    date: PartialDate
    text: Text
    source: Text
    actors: IdList = ()
    url: OptionalText = None


class TopicEntry(Entry):
    """A topic file's front matter."""

    title: Text
    summary: OptionalText = None
    actors: IdList = ()
    timeline: tuple[EventEntry, ...] = ()
