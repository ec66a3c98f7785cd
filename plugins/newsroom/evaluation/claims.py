"""Score attribution (who says so) on the development set: ``python -m newsroom.evaluation claims``.

Each gold ``claim_sources`` fragment must fall inside a claim whose source is the gold source:
the claim's resolved actor name (or how the article names that actor, where no other gold
entity goes by that name), its source text or the actor it cites ("via"), normalised, is one
of the gold entity's canonical name and surface forms. Beside that recall, the share of shown
claims that a reader should not see: no statement clause (a bare noun phrase), or a
source other than the gold one where the claim holds a keyed statement.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..annotate import Annotator
from ..corpus import build_corpus
from ..editorial import load_editorial
from ..model import Briefing, Claim
from ..seeds import parse_article
from .devset import DEFAULT_DEVSET, DevArticle, GoldEntity, load_devset, normalise
from .glossary import ratio

# Penn tags of a verb that makes a clause: finite forms, modals, the base form of
# "urged X to leave" or "could not be achieved".
# A gerund with its object ("accused X of violating Y") states a proposition too.
CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VB", "VBG"})
OUTER_PUNCT = frozenset(" .,;:!?\"'\u201c\u201d\u2018\u2019")


@dataclass(frozen=True)
class Keyed:
    """One gold statement and what the pipeline made of it."""

    fragment: str
    gold: tuple[str, ...]
    outcome: str  # "right", "wrong", "unresolved", "missed", "absent" (not in the body)
    found: str = ""  # the source given, where one was


@dataclass
class ArticleScore:
    name: str
    keyed: list[Keyed] = field(default_factory=list)
    shown: int = 0
    no_clause: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def find_fragment(body: str, fragment: str) -> tuple[int, int] | None:
    """Where the fragment lies in the body, quotes and spacing compared loosely."""

    def fold(text: str) -> str:
        return re.sub(r"[\u2018\u2019]", "'", re.sub(r"[\u201c\u201d]", '"', text))

    start = fold(body).find(fold(fragment))
    if start < 0:
        return None
    # Claims never hold their outer punctuation (a closing quote, the full stop).
    end = start + len(fragment)
    while end > start and body[end - 1] in OUTER_PUNCT:
        end -= 1
    while start < end and body[start] in OUTER_PUNCT:
        start += 1
    return start, end


def holds(claim: Claim, where: tuple[int, int], body: str) -> bool:
    """Whether the fragment at ``where`` falls inside the claim; a fragment that opens with
    the claim's cue ("accused X of ...") needs only its words after the cue inside."""
    start, end = where
    cue = claim.cue
    # "Google said S", "UN experts have previously accused S": the fragment may open with
    # the source as written, its auxiliaries and adverbs, and the cue.
    source = claim.source_text
    if source and body[start : start + len(source)].lower() == source.lower():
        after = body.find(cue, start + len(source), start + len(source) + 20 + len(cue))
        if after >= 0:
            start = after
    if body[start : start + len(cue)].lower() == cue.lower():
        start += len(cue)
        while start < end and body[start] in ' \t"\u201c':
            start += 1
    return claim.start <= start and end <= claim.end


def entity_forms(entity: GoldEntity) -> set[str]:
    """Every normalised name the gold entity goes by."""
    return {normalise(entity.canonical), *(normalise(s) for s in entity.surface_forms)}


def claim_names(
    claim: Claim, names: dict[str, str], aliases: Mapping[str, set[str]] | None = None
) -> set[str]:
    """The normalised names a claim gives its source and the source it cites: the actors'
    names, and how the article names them (``aliases``: "Zelenskyy" for "Zelensky")."""
    out = {normalise(claim.source_text)}
    for actor in (claim.source, claim.via):
        if actor and actor in names:
            out.add(normalise(names[actor]))
        if actor and aliases:
            out.update(normalise(a) for a in aliases.get(actor, ()))
    if claim.via_text:
        out.add(normalise(claim.via_text))
    return {n for n in out if n}


def right_source(
    claim: Claim,
    gold: Sequence[str],
    forms: dict[str, set[str]],
    names: dict[str, str],
    aliases: Mapping[str, set[str]] | None = None,
) -> bool:
    """Whether the claim names one of the acceptable gold sources."""
    given = claim_names(claim, names, aliases)
    for source in gold:
        accepted = forms.get(normalise(source), {normalise(source)})
        # The exact name, or a source text that names it ("Col Hamish de Bretton-Gordon").
        if given & accepted or any(names_form(text, form) for text in given for form in accepted):
            return True
    return False


def names_form(text: str, form: str) -> bool:
    """Whether ``form`` occurs in ``text`` as whole words."""
    return bool(form) and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


def has_clause(claim: Claim, tags: Sequence[tuple[int, str]]) -> bool:
    """Whether the claim's words hold a verb that makes a clause (``tags``: offset, tag)."""
    return any(claim.start <= i < claim.end and tag in CLAUSE_TAGS for i, tag in tags)


def score_article(
    article: DevArticle, briefing: Briefing, names: dict[str, str], tags: Sequence[tuple[int, str]]
) -> ArticleScore:
    """Compare one article's claims with its key."""
    score = ArticleScore(article.name)
    forms = {normalise(e.canonical): entity_forms(e) for e in article.entities}
    claims = briefing.annotation.claims
    body = briefing.article.body
    # How the article names each actor, but for names two gold entities share ("Lee").
    owners: dict[str, int] = {}
    for entity in article.entities:
        for form in entity_forms(entity):
            owners[form] = owners.get(form, 0) + 1
    aliases: dict[str, set[str]] = {}
    for mention in briefing.annotation.mentions:
        if mention.actor and owners.get(normalise(mention.text), 0) <= 1:
            aliases.setdefault(mention.actor, set()).add(mention.text)
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    for fragment, gold in article.claim_sources.items():
        where = find_fragment(body, fragment)
        if where is None:
            score.keyed.append(Keyed(fragment, gold, "absent"))
            continue
        spans.append((*where, gold))
        holding = [c for c in claims if holds(c, where, body)]
        if not holding:
            score.keyed.append(Keyed(fragment, gold, "missed"))
        elif any(right_source(c, gold, forms, names, aliases) for c in holding):
            score.keyed.append(Keyed(fragment, gold, "right"))
        elif all(c.source is None for c in holding):
            score.keyed.append(Keyed(fragment, gold, "unresolved", holding[0].source_text))
        else:
            found = next(c for c in holding if c.source is not None)
            score.keyed.append(Keyed(fragment, gold, "wrong", found.source_text))
    for claim in claims:
        score.shown += 1
        # A stance ("praised the troops") is shown as an evaluation, not a statement of fact.
        if claim.kind == "claim" and not has_clause(claim, tags):
            score.no_clause.append(claim.text)
            continue
        overlapping = [g for s, e, g in spans if s < claim.end and claim.start < e]
        if (
            overlapping
            and claim.source is not None
            and not any(right_source(claim, g, forms, names, aliases) for g in overlapping)
        ):
            score.wrong.append(f"{claim.source_text}: {claim.text}")
    return score


def evaluate(
    folder: Path, editorial_dir: Path, annotator: Annotator | None = None
) -> list[ArticleScore]:
    """Annotate every article of the development set and score its claims."""
    dev = load_devset(folder)
    editorial = load_editorial(editorial_dir).editorial
    annotator = annotator or Annotator()
    articles = []
    for item in dev:
        article, _ = parse_article(item.path.read_bytes(), item.path.name, markdown=False)
        articles.append(replace(article, date=item.date))
    briefings = annotator.annotate(articles, editorial)
    corpus = build_corpus(briefings, editorial)
    names = {actor_id: actor.name for actor_id, actor in corpus.actors.items()}
    scores = []
    for item, briefing in zip(dev, briefings, strict=True):
        doc = annotator.nlp(briefing.article.body)
        tags = [(t.idx, t.tag_) for t in doc]
        scores.append(score_article(item, briefing, names, tags))
    return scores


def _count(scores: Iterable[ArticleScore], outcome: str) -> int:
    return sum(1 for s in scores for k in s.keyed if k.outcome == outcome)


def report(scores: Sequence[ArticleScore], verbose: bool = True) -> str:
    """Per article and in total: attributed statements found right, and bad shown claims."""
    lines = [f"{'article':8} {'keyed':>5} {'right':>5} {'shown':>5} {'noclause':>8} {'wrong':>5}"]
    for s in scores:
        keyed = [k for k in s.keyed if k.outcome != "absent"]
        right = sum(1 for k in keyed if k.outcome == "right")
        lines.append(
            f"{s.name:8} {len(keyed):5} {right:5} {s.shown:5} {len(s.no_clause):8} {len(s.wrong):5}"
        )
        if verbose:
            for k in s.keyed:
                if k.outcome != "right":
                    found = f" (gave {k.found!r})" if k.found else ""
                    lines.append(f"    {k.outcome}: {k.fragment!r} <- {'/'.join(k.gold)}{found}")
            lines.extend(f"    no clause: {text!r}" for text in s.no_clause)
            lines.extend(f"    wrong source: {text!r}" for text in s.wrong)
    total = sum(1 for s in scores for k in s.keyed if k.outcome != "absent")
    right = _count(scores, "right")
    shown = sum(s.shown for s in scores)
    bad = sum(len(s.no_clause) + len(s.wrong) for s in scores)
    lines.append(
        f"TOTAL: {right}/{total} keyed statements right ({ratio(right, total):.2f}); "
        f"missed {_count(scores, 'missed')}, unresolved {_count(scores, 'unresolved')}, "
        f"wrong {_count(scores, 'wrong')}, not in the body {_count(scores, 'absent')}"
    )
    lines.append(
        f"SHOWN: {bad}/{shown} claims with no statement clause or a wrong source "
        f"({ratio(bad, shown) if shown else 0.0:.3f})"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsroom.evaluation claims", description=__doc__
    )
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="the development set")
    parser.add_argument(
        "--editorial", type=Path, default=Path("briefings"), help="editorial folder"
    )
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    if not load_devset(args.devset):
        print(f"skipped: no development set at {args.devset} (gold/NN.json and articles/NN.txt)")
        return 0
    print(report(evaluate(args.devset, args.editorial), verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
