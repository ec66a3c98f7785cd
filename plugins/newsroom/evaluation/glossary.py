"""Score actor recognition against hand-written gold lists: ``python -m newsroom.evaluation DIR``.

Each ``NAME.md`` article in DIR has a ``NAME.gold.yml`` listing the actors a careful editor
would put in its glossary. The glossary the pipeline builds is compared with it: precision,
recall, duplicate entries (two glossary lines for one real actor) and type errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from slugify import slugify

from ..annotate import Annotator
from ..corpus import Corpus, build_corpus
from ..editorial import load_editorial
from ..model import Actor
from ..seeds import load_articles


@dataclass(frozen=True)
class GoldActor:
    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Score:
    """One article's result."""

    name: str
    gold: frozenset[str]
    predicted: frozenset[str]
    duplicates: tuple[str, ...]
    type_errors: tuple[str, ...]

    @property
    def true_positives(self) -> int:
        return len(self.gold & self.predicted)

    @property
    def missed(self) -> list[str]:
        return sorted(self.gold - self.predicted)

    @property
    def spurious(self) -> list[str]:
        return sorted(self.predicted - self.gold)


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def read_gold(path: Path) -> list[GoldActor]:
    """The gold list of one article."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return [GoldActor(str(a["id"]), str(a["name"]), str(a["type"])) for a in data.get("actors", [])]


def name_tokens(actor: Actor | GoldActor) -> set[str]:
    return set(slugify(actor.name).split("-"))


def score_article(name: str, predicted: dict[str, Actor], gold: Sequence[GoldActor]) -> Score:
    """Compare one glossary with its gold list."""
    gold_ids = {g.id: g for g in gold}
    duplicates = []
    for actor_id, actor in predicted.items():
        if actor_id in gold_ids:
            continue
        # A second entry for a real actor already in the glossary (e.g. "Kim" beside
        # "Kim Jong-un") is a duplicate, worse for a reader than a plain false positive.
        tokens = name_tokens(actor)
        if any(tokens <= name_tokens(g) and g.id in predicted for g in gold):
            duplicates.append(actor_id)
    type_errors = tuple(
        f"{actor_id} ({predicted[actor_id].type}, gold {gold_ids[actor_id].type})"
        for actor_id in sorted(set(predicted) & set(gold_ids))
        if predicted[actor_id].type != gold_ids[actor_id].type
    )
    return Score(name, frozenset(gold_ids), frozenset(predicted), tuple(duplicates), type_errors)


def evaluate(folder: Path, editorial_dir: Path, annotator: Annotator | None = None) -> list[Score]:
    """Annotate every article of ``folder`` and score it against its gold file."""
    loaded = load_articles(folder)
    editorial = load_editorial(editorial_dir).editorial
    annotator = annotator or Annotator()
    corpus: Corpus = build_corpus(annotator.annotate(loaded.articles, editorial), editorial)
    scores = []
    for briefing in sorted(corpus.briefings, key=lambda b: b.article.path.name):
        gold_path = folder / briefing.article.path.with_suffix(".gold.yml")
        if not gold_path.is_file():
            continue
        predicted = {a: corpus.actors[a] for a in corpus.actor_counts(briefing)}
        scores.append(score_article(briefing.article.path.stem, predicted, read_gold(gold_path)))
    return scores


def report(scores: Sequence[Score], verbose: bool = True) -> str:
    """A table per article and in total."""
    lines = [f"{'article':32} {'P':>5} {'R':>5} {'dup':>4} {'type':>4}"]
    for s in scores:
        p = ratio(s.true_positives, len(s.predicted))
        r = ratio(s.true_positives, len(s.gold))
        lines.append(
            f"{s.name[:32]:32} {p:5.2f} {r:5.2f} {len(s.duplicates):4} {len(s.type_errors):4}"
        )
        if verbose:
            for label, items in (
                ("missed", s.missed),
                ("spurious", s.spurious),
                ("duplicates", list(s.duplicates)),
                ("type errors", list(s.type_errors)),
            ):
                if items:
                    lines.append(f"    {label}: {', '.join(items)}")
    tp = sum(s.true_positives for s in scores)
    precision = ratio(tp, sum(len(s.predicted) for s in scores))
    recall = ratio(tp, sum(len(s.gold) for s in scores))
    duplicates = sum(len(s.duplicates) for s in scores)
    types = sum(len(s.type_errors) for s in scores)
    lines.append(f"{'TOTAL':32} {precision:5.2f} {recall:5.2f} {duplicates:4} {types:4}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsroom.evaluation glossary", description=__doc__
    )
    parser.add_argument("folder", type=Path, help="articles with NAME.gold.yml beside them")
    parser.add_argument(
        "--editorial", type=Path, default=Path("briefings"), help="editorial folder"
    )
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    print(report(evaluate(args.folder, args.editorial), verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
