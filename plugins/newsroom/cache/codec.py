"""Cache entries to bytes and back: annotations as JSON, parsed Docs as compressed bytes.

Reading back checks the shape and the JSON type of every field (:class:`CorruptEntry`
otherwise); what the values mean is checked by :mod:`.checks`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Annotation, Claim, DateMention, Figure, Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

DOC_MAGIC = b"briefings-doc\n"
PARTS: dict[str, type[Any]] = {
    "sentences": Sentence,
    "mentions": Mention,
    "dates": DateMention,
    "claims": Claim,
    "figures": Figure,
}


class CorruptEntry(ValueError):
    """A cache entry that exists but cannot be turned back into what was stored."""


def annotation_to_json(annotation: Annotation) -> dict[str, Any]:
    """An annotation as plain JSON data."""
    # The records are flat: their own __dict__ is the data (asdict's deep copy costs 5x more).
    return {name: [vars(item) for item in getattr(annotation, name)] for name in PARTS}


def plain(value: Any) -> Any:
    """JSON for a record nested in a record (``default`` of ``json.dumps``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return vars(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def annotation_from_json(data: Any) -> Annotation:
    """The inverse of :func:`annotation_to_json`; raise :class:`CorruptEntry` on anything else."""
    if not isinstance(data, dict) or set(data) != set(PARTS):
        raise CorruptEntry("not an annotation")
    parts: dict[str, tuple[Any, ...]] = {}
    for name, cls in PARTS.items():
        items = data[name]
        if not isinstance(items, list):
            raise CorruptEntry(f"`{name}` is not a list")
        parts[name] = tuple(_record(cls, item) for item in items)
    return Annotation(**parts)


@dataclass(frozen=True)
class _Plan:
    """How to rebuild one record class from JSON, worked out once per class: the field
    names, the exact JSON types each scalar field may hold, and converters for the rest."""

    names: frozenset[str]
    checks: tuple[tuple[str, tuple[type, ...]], ...]
    converts: tuple[tuple[str, Callable[[Any], Any]], ...]


_PLANS: dict[type[Any], _Plan] = {}
_SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
    type(None): (type(None),),
}


def _plan(cls: type[Any]) -> _Plan:
    """How to rebuild ``cls`` from JSON (worked out on first use)."""
    if cls not in _PLANS:
        hints = typing.get_type_hints(cls)
        checks, converts = [], []
        for field in dataclasses.fields(cls):
            scalar = _scalar_types(hints[field.name])
            if scalar is not None:
                checks.append((field.name, scalar))
            else:
                converts.append((field.name, _converter(hints[field.name])))
        names = frozenset(f.name for f in dataclasses.fields(cls))
        _PLANS[cls] = _Plan(names, tuple(checks), tuple(converts))
    return _PLANS[cls]


def _scalar_types(hint: Any) -> tuple[type, ...] | None:
    """The JSON types a scalar field may hold, or None when the field is not a scalar."""
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return tuple({type(value) for value in typing.get_args(hint)})
    if origin in (types.UnionType, typing.Union):
        options = [_scalar_types(option) for option in typing.get_args(hint)]
        if all(option is not None for option in options):
            return tuple({t for option in options for t in option or ()})
    return None


def _converter(hint: Any) -> Callable[[Any], Any]:
    """How to turn the JSON of a non-scalar field back into its value."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [_converter(o) for o in typing.get_args(hint) if o is not type(None)]
        return lambda value: None if value is None else options[0](value)
    if origin is tuple:
        (item, *_) = typing.get_args(hint) or (Any,)
        convert = _converter(item) if _scalar_types(item) is None else None

        def to_tuple(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise CorruptEntry("expected a list")
            return tuple(convert(v) for v in value) if convert else tuple(value)

        return to_tuple
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: _record(hint, value)
    return lambda value: value  # a type this format does not check


def _record(cls: type[Any], item: Any) -> Any:
    plan = _plan(cls)
    if type(item) is not dict or item.keys() != plan.names:
        raise CorruptEntry(f"not a {cls.__name__}")
    for name, allowed in plan.checks:
        if type(item[name]) not in allowed:
            raise CorruptEntry(f"{cls.__name__}.{name} has the wrong type")
    if plan.converts:
        item = {**item, **{name: convert(item[name]) for name, convert in plan.converts}}
    return cls(**item)


def doc_to_bytes(doc: Doc) -> bytes:
    """A parsed Doc as compact bytes (the tok2vec tensor is dropped: nothing reads it)."""
    return DOC_MAGIC + zlib.compress(doc.to_bytes(exclude=["tensor"]), 1)


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The inverse of :func:`doc_to_bytes`; raise :class:`CorruptEntry` on anything else."""
    from spacy.tokens import Doc

    if not data.startswith(DOC_MAGIC):
        raise CorruptEntry("not a stored Doc")
    try:
        return Doc(vocab).from_bytes(zlib.decompress(data[len(DOC_MAGIC) :]))
    except zlib.error as error:
        raise CorruptEntry(f"damaged or truncated ({error})") from None
    except Exception as error:  # msgpack and spaCy raise many kinds on bad bytes
        raise CorruptEntry(f"not a valid Doc ({type(error).__name__})") from None
