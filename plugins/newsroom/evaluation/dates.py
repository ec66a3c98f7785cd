"""Score date detection and resolution: ``python -m newsroom.evaluation dates``.

Two sets, each read where it lies relative to the repository root and skipped with a message
where it is missing:

- the TempEval-3 platinum set (``../shared/bench/tempeval-platinum``, its README gives the format),
  scored the TempEval-3 way on DATE expressions: a found date matches a gold one when their
  spans overlap (one-to-one); detection P/R/F1, value accuracy over the matches, value F1;
- the development set's ``dates`` keys (expression as written -> value).

The errors are sorted into kinds, counted, and printed with examples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .devset import DEFAULT_DEVSET, load_devset, normalise

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_PLATINUM = Path("..") / "shared" / "bench" / "tempeval-platinum"

Detector = Callable[[str, dt.date], list[tuple[int, int, str, str | None]]]


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    value: str


@dataclass
class Tally:
    """Counts and labelled examples for one set."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    right: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def error(self, kind: str, example: str) -> None:
        self.errors[kind].append(example)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def spacy_detector(kinds: frozenset[str]) -> Detector:
    """The project's detector, the spaCy pipeline and the date resolver, keeping ``kinds``
    (DATE, TIME: a time of day on a named day)."""
    from ..nlp.dates import find_dates_in_doc

    nlp = _model()

    def detect(text: str, anchor: dt.date) -> list[tuple[int, int, str, str | None]]:
        found = find_dates_in_doc(nlp(text), anchor)
        return [(d.start, d.end, d.text, d.value) for d in found if d.kind in kinds]

    return detect


@functools.cache
def _model() -> Language:
    """The English pipeline, loaded once."""
    from ..nlp.pipeline import load_model

    return load_model()


def _kind_of_spurious(text: str, gold_types: set[str]) -> str:
    """Why a found date that is no gold DATE was wrong, from what the gold says is there."""
    if gold_types:
        return "not a date: gold " + "/".join(sorted(gold_types))
    return "not a date: no time expression"


def _kind_of_wrong_value(found: str | None, gold: str) -> str:
    """A name for a wrong value, from the shapes of the two values."""
    if found is None:
        return "no value (gold " + _shape(gold) + ")"
    if _shape(found) != _shape(gold):
        return f"wrong precision ({_shape(found)} for {_shape(gold)})"
    return "wrong value (" + _shape(gold) + ")"


def _shape(value: str) -> str:
    """The TimeML shape of a value: YYYY-MM-DD, YYYY-Www, PAST_REF and so on."""
    if value.endswith("_REF"):
        return value
    parts = value.split("-")
    names = ["Y" * len(parts[0]) if parts[0].isdigit() else parts[0]]
    for part in parts[1:]:
        if part.isdigit():
            names.append("MM" if len(names) == 1 else "DD")
        elif part[:1] in {"W", "Q", "H"} and part[1:].isdigit():
            names.append(part[0] + "n")
        else:
            names.append(part)
    return "-".join(names)


def score_platinum(folder: Path, detect: Detector) -> Tally | None:
    """The platinum set scored DATE-only, relaxed span overlap, one-to-one; None if missing."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return None
    tally = Tally()
    for entry in json.loads(manifest.read_text("utf-8")):
        data = json.loads((folder / f"{entry['id']}.json").read_text("utf-8"))
        text, anchor = str(data["text"]), dt.date.fromisoformat(str(data["dct"]))
        timexes = data["timexes"]
        golds = [
            Gold(int(t["start"]), int(t["end"]), str(t["text"]), str(t["value"]))
            for t in timexes
            if t["type"] == "DATE"
        ]
        tally.gold += len(golds)
        found = detect(text, anchor)
        tally.found += len(found)
        free = list(golds)
        for start, end, surface, value in found:
            match = next((g for g in free if g.start < end and start < g.end), None)
            if match is None:
                others = {
                    str(t["type"]) for t in timexes if int(t["start"]) < end and start < t["end"]
                }
                tally.error(_kind_of_spurious(surface, others), f"{entry['id']}: {surface!r}")
                continue
            free.remove(match)
            tally.matched += 1
            if value == match.value:
                tally.right += 1
            else:
                tally.error(
                    _kind_of_wrong_value(value, match.value),
                    f"{entry['id']} ({anchor}): {surface!r} -> {value}, gold {match.value}",
                )
        for gold in free:
            tally.error("missed", f"{entry['id']}: {gold.text!r} ({gold.value})")
    return tally


def score_devset(folder: Path, detect: Detector) -> Tally | None:
    """The development set's date keys: every found occurrence of a key must have its value."""
    articles = load_devset(folder)
    if not articles:
        return None
    tally = Tally()
    for article in articles:
        body = article.path.read_text("utf-8").split("\n", 1)[-1]
        found = detect(body, article.date)
        by_text: dict[str, list[str | None]] = defaultdict(list)
        for _, _, surface, value in found:
            by_text[_key(surface)].append(value)
        for key, gold in article.dates.items():
            tally.gold += 1
            values = by_text.get(_key(key))
            if not values:
                tally.error("missed", f"{article.name} ({article.date}): {key!r} ({gold})")
                continue
            tally.matched += 1
            wrong = [v for v in values if v != gold]
            if not wrong:
                tally.right += 1
            else:
                tally.error(
                    _kind_of_wrong_value(wrong[0], gold),
                    f"{article.name} ({article.date}): {key!r} -> {wrong[0]}, gold {gold}",
                )
    return tally


def _key(text: str) -> str:
    """An expression as the keys write it: normalised, without a leading "on" or "in"."""
    norm = normalise(text)
    for lead in ("on ", "in "):
        norm = norm.removeprefix(lead)
    return norm


def report(name: str, tally: Tally, examples: int = 3) -> str:
    """The scores and the error kinds of one set, commonest first."""
    p, r = ratio(tally.matched, tally.found), ratio(tally.matched, tally.gold)
    vp, vr = ratio(tally.right, tally.found), ratio(tally.right, tally.gold)
    if tally.found:
        lines = [
            f"{name}: {tally.gold} gold, {tally.found} found, {tally.matched} matched",
            f"  detection P/R/F1  {p:.3f} / {r:.3f} / {f1(p, r):.3f}",
            f"  value accuracy    {ratio(tally.right, tally.matched):.3f} (of matched)",
            f"  value F1          {f1(vp, vr):.3f}",
        ]
    else:  # keys only: no count of everything found to set precision against
        lines = [
            f"{name}: {tally.gold} keys, {tally.matched} found, {tally.right} right",
            f"  found             {r:.3f}",
            f"  value accuracy    {ratio(tally.right, tally.matched):.3f} (of found)",
            f"  right             {vr:.3f} (of keys)",
        ]
    lines.append("  errors by kind:")
    for kind, items in sorted(tally.errors.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"    {len(items):3}  {kind}")
        lines.extend(f"           {item}" for item in items[:examples])
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsroom.evaluation dates", description=__doc__
    )
    parser.add_argument("--platinum", type=Path, default=DEFAULT_PLATINUM)
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--examples", type=int, default=3, help="examples per error kind")
    args = parser.parse_args(argv)
    for name, folder, scorer, kinds in (
        ("TempEval-3 platinum (DATE)", args.platinum, score_platinum, {"DATE"}),
        ("development set (date keys)", args.devset, score_devset, {"DATE", "TIME"}),
    ):
        if not folder.is_dir():
            print(f"{name}: skipped, {folder} not found")
            continue
        tally = scorer(folder, spacy_detector(frozenset(kinds)))
        if tally is None:
            print(f"{name}: skipped, nothing to score in {folder}")
            continue
        print(report(name, tally, args.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
