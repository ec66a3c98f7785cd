"""The attribution scorer: how a keyed fragment is matched to a claim and its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsroom.evaluation.claims import find_fragment, holds, main, right_source
from newsroom.evaluation.devset import GoldEntity
from newsroom.model import Claim

BODY = "Ryabkov said all conditions must be met in full. Moscow accused Kyiv of stalling."


def claim(text: str, source_text: str, cue: str, source: str | None = None) -> Claim:
    """A claim over ``text`` in BODY."""
    start = BODY.index(text)
    return Claim(text, start, start + len(text), source, source_text, cue, 0)


def test_fragment_inside_claim() -> None:
    """A fragment counts inside a claim without its outer punctuation, or after the cue."""
    said = claim("all conditions must be met in full", "Ryabkov", "said")
    where = find_fragment(BODY, "conditions must be met in full.")
    assert where is not None and holds(said, where, BODY)
    opening = find_fragment(BODY, "Ryabkov said all conditions must be met")
    assert opening is not None and holds(said, opening, BODY)
    accused = claim("Kyiv of stalling", "Moscow", "accused")
    cue_first = find_fragment(BODY, "accused Kyiv of stalling")
    assert cue_first is not None and holds(accused, cue_first, BODY)
    assert not holds(accused, where, BODY)


def test_source_by_name_or_surface() -> None:
    """The source matches through the actor's name, a surface form, or text naming it."""
    forms = {"sergei ryabkov": {"sergei ryabkov", "ryabkov"}}
    said = claim("all conditions must be met in full", "Deputy Minister Sergei Ryabkov", "said")
    assert right_source(said, ("sergei ryabkov",), forms, {})
    other = claim("all conditions must be met in full", "he", "said", "sergey-lavrov")
    assert not right_source(other, ("sergei ryabkov",), forms, {"sergey-lavrov": "Sergey Lavrov"})
    assert GoldEntity("x", "person", (), True, (), None).types == {"person"}


def test_missing_devset_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the development set the scorer says so and exits 0."""
    assert main(["--devset", str(tmp_path / "none")]) == 0
    assert "skipped: no development set" in capsys.readouterr().out


def test_source_by_how_the_article_names_the_actor() -> None:
    """A resolved actor whose registry spelling differs from the key's still counts through
    the names the article gives it."""
    forms = {"volodymyr zelenskyy": {"volodymyr zelenskyy", "zelenskyy"}}
    said = claim("all conditions must be met in full", "he", "said", "volodymyr-zelensky")
    names = {"volodymyr-zelensky": "Volodymyr Zelensky"}
    assert not right_source(said, ("volodymyr zelenskyy",), forms, names)
    aliases = {"volodymyr-zelensky": {"Zelenskyy"}}
    assert right_source(said, ("volodymyr zelenskyy",), forms, names, aliases)


def test_dev_set_attribution_holds(nlp: Language) -> None:
    """On the development set of real articles (where it is beside the checkout): at least
    0.90 of the keyed statements have a claim with the right source, and at most 1 in 20
    claims shown has no statement clause or a wrong source."""
    from newsroom.annotate import Annotator
    from newsroom.evaluation.claims import evaluate
    from newsroom.evaluation.devset import load_devset

    root = Path(__file__).resolve().parent.parent
    folder = root.parent / "shared" / "eval" / "dev"
    if not load_devset(folder):
        pytest.skip(f"development set not found at {folder}")
    scores = evaluate(folder, root / "briefings", Annotator(nlp=nlp))
    keyed = [k for s in scores for k in s.keyed if k.outcome != "absent"]
    assert sum(k.outcome == "right" for k in keyed) >= 0.90 * len(keyed)
    bad = sum(len(s.no_clause) + len(s.wrong) for s in scores)
    assert bad <= 0.05 * sum(s.shown for s in scores)
