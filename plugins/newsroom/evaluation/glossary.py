"""Score actor recognition against hand-written gold lists: ``python -m newsroom.evaluation DIR``.

Each ``NAME.md`` article in DIR has a ``NAME.gold.yml`` listing the actors a careful editor
would put in its glossary. The glossary the pipeline builds is compared with it: precision,
recall, duplicate entries (two glossary lines for one real actor) and type errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from slugify import slugify

from ..annotate import Annotator
from ..corpus import Corpus, build_corpus
from ..editorial import load_editorial
from ..model import Actor, Article
from ..seeds import load_articles, parse_article
from .devset import DEFAULT_DEVSET, DevArticle, load_devset, normalise


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


# --- The development set: real articles scored the way its README says. ---


@dataclass(frozen=True)
class DevEntry:
    """One glossary line of a development article, as the scorer sees it."""

    actor: str
    name: str
    type: str
    described: bool
    match: str | None  # the canonical name of the gold entity it matched
    verdict: str  # "ok", "duplicate", "spurious" or "type"


@dataclass(frozen=True)
class DevScore:
    """One development article's result."""

    name: str
    on_beat: bool
    entries: tuple[DevEntry, ...]
    core: frozenset[str]  # canonical names of the core gold entities
    missed_core: tuple[str, ...]

    def count(self, verdict: str) -> int:
        return sum(e.verdict == verdict for e in self.entries)

    @property
    def precision(self) -> float:
        return ratio(self.count("ok") + self.count("type"), len(self.entries))

    @property
    def core_recall(self) -> float:
        return ratio(len(self.core) - len(self.missed_core), len(self.core))

    @property
    def described(self) -> int:
        return sum(e.described for e in self.entries)


def score_dev_article(
    article: DevArticle, entries: Sequence[tuple[Actor, set[str], bool]]
) -> DevScore:
    """Match each glossary entry (name and surfaces) to the gold entity sharing most
    normalised surfaces; a second match is a duplicate, no match spurious."""
    gold_surfaces = [
        {normalise(s) for s in (g.canonical, *g.surface_forms)} for g in article.entities
    ]
    taken: set[int] = set()
    scored = []
    # Entries with more mentions claim their entity first, as a reader would read them.
    for actor, surfaces, described in entries:
        mine = {normalise(s) for s in (actor.name, *surfaces)}
        overlaps = [len(mine & g) for g in gold_surfaces]
        best = max(range(len(overlaps)), key=lambda i: overlaps[i], default=-1)
        if best < 0 or overlaps[best] == 0:
            scored.append(DevEntry(actor.id, actor.name, actor.type, described, None, "spurious"))
            continue
        gold = article.entities[best]
        if best in taken:
            verdict = "duplicate"
        elif actor.type not in gold.types:
            verdict = "type"
        else:
            verdict = "ok"
        taken.add(best)
        scored.append(
            DevEntry(actor.id, actor.name, actor.type, described, gold.canonical, verdict)
        )
    core = frozenset(g.canonical for g in article.entities if g.core)
    found = {article.entities[i].canonical for i in taken}
    missed = tuple(sorted(core - found))
    return DevScore(article.name, article.on_beat, tuple(scored), core, missed)


def dev_articles(devset: Sequence[DevArticle]) -> list[Article]:
    """The set's texts as articles, dated by their keys and named by their numbers."""
    articles = []
    for item in devset:
        article, _ = parse_article(item.path.read_bytes(), item.path.name, markdown=False)
        articles.append(replace(article, slug=item.name, date=item.date))
    return articles


def evaluate_dev(
    folder: Path, editorial_dir: Path, annotator: Annotator | None = None
) -> list[DevScore]:
    """Annotate every article of the development set and score its glossary."""
    devset = load_devset(folder)
    if not devset:
        return []
    editorial = load_editorial(editorial_dir).editorial
    annotator = annotator or Annotator()
    corpus = build_corpus(annotator.annotate(dev_articles(devset), editorial), editorial)
    scores = []
    for item in devset:
        briefing = corpus.by_slug[item.name]
        counts = corpus.actor_counts(briefing)
        surfaces: dict[str, set[str]] = {}
        for mention in briefing.annotation.mentions:
            if mention.actor and mention.actor in counts:
                surfaces.setdefault(mention.actor, set()).add(mention.text)
        entries = []
        for actor_id, _ in counts.most_common():
            actor = corpus.actors[actor_id]
            described = bool(actor.description) and actor.description_source is not None
            entries.append((actor, surfaces[actor_id], described))
        scores.append(score_dev_article(item, entries))
    return scores


def dev_report(scores: Sequence[DevScore], verbose: bool = True) -> str:
    """A table per article, then totals on the beat, off it and over the whole set."""
    header = f"{'article':8} {'P':>5} {'coreR':>5} {'dup':>4} {'type':>4} {'spur':>4} {'desc':>5}"
    lines = [header]
    for s in scores:
        lines.append(
            f"{s.name + ('' if s.on_beat else '*'):8} {s.precision:5.2f} {s.core_recall:5.2f}"
            f" {s.count('duplicate'):4} {s.count('type'):4} {s.count('spurious'):4}"
            f" {ratio(s.described, len(s.entries)):5.2f}"
        )
        if verbose:
            for label, items in (
                ("missed core", list(s.missed_core)),
                ("spurious", [e.name for e in s.entries if e.verdict == "spurious"]),
                (
                    "duplicates",
                    [f"{e.name} (= {e.match})" for e in s.entries if e.verdict == "duplicate"],
                ),
                (
                    "type errors",
                    [
                        f"{e.name} ({e.type}, gold {e.match})"
                        for e in s.entries
                        if e.verdict == "type"
                    ],
                ),
            ):
                if items:
                    lines.append(f"    {label}: {', '.join(items)}")
    for label, part in (
        ("on beat", [s for s in scores if s.on_beat]),
        ("off beat", [s for s in scores if not s.on_beat]),
        ("TOTAL", list(scores)),
    ):
        lines.append(dev_total(label, part))
    lines.append("(* off the beat; P and coreR of a group are means over its articles)")
    return "\n".join(lines)


def dev_total(label: str, scores: Sequence[DevScore]) -> str:
    """One summary line: mean precision and core recall, summed errors, description share."""
    n = len(scores) or 1
    entries = sum(len(s.entries) for s in scores)
    return (
        f"{label:8} {sum(s.precision for s in scores) / n:5.3f}"
        f" {sum(s.core_recall for s in scores) / n:5.3f}"
        f" {sum(s.count('duplicate') for s in scores):4} {sum(s.count('type') for s in scores):4}"
        f" {sum(s.count('spurious') for s in scores):4}"
        f" {ratio(sum(s.described for s in scores), entries):5.2f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsroom.evaluation glossary", description=__doc__
    )
    parser.add_argument(
        "folder", type=Path, nargs="?", help="articles with NAME.gold.yml beside them"
    )
    parser.add_argument(
        "--dev",
        type=Path,
        nargs="?",
        const=DEFAULT_DEVSET,
        help=f"score the development set instead (default {DEFAULT_DEVSET})",
    )
    parser.add_argument(
        "--editorial", type=Path, default=Path("briefings"), help="editorial folder"
    )
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    if args.dev is not None:
        if not (args.dev / "gold").is_dir():
            print(f"development set not found at {args.dev}; skipped")
            return 0
        print(dev_report(evaluate_dev(args.dev, args.editorial), verbose=not args.quiet))
        return 0
    if args.folder is None:
        parser.error("give a folder of articles with gold files, or --dev")
    print(report(evaluate(args.folder, args.editorial), verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
