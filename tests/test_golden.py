"""Golden files: a few real-shaped articles in, their JSON export out, compared whole.

Each ``tests/fixtures/golden/<slug>.json`` was reviewed by hand. A change to the annotation
shows here as a diff of what a reader of the export would see; when the change is meant,
regenerate with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`` and
read the diff (``git diff tests/fixtures/golden``) before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from spacy.language import Language

from newsroom.annotate import Annotator
from newsroom.api import briefing_json, dumps
from newsroom.model import Article, Briefing, Editorial

GOLDEN = ROOT / "tests" / "fixtures" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def exported(
    nlp: Language, articles: tuple[Article, ...], editorial: Editorial
) -> dict[str, dict[str, Any]]:
    """The JSON export of each sample article, annotated with the real model, no cache."""
    briefings: list[Briefing] = Annotator(workers=1, nlp=nlp).annotate(articles, editorial)
    return {b.article.slug: briefing_json(b) for b in briefings}


def golden_path(slug: str) -> Path:
    return GOLDEN / f"{slug}.json"


def test_every_sample_article_has_a_golden_file(exported: dict[str, dict[str, Any]]) -> None:
    """Each sample article's export is kept as a golden file, and no golden file is stale."""
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.json"):
            if old.stem not in exported:
                old.unlink()
        for slug, data in exported.items():
            golden_path(slug).write_text(dumps(data), "utf-8")
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(exported)


@pytest.mark.parametrize("part", ["body", "mentions", "dates", "claims", "figures"])
def test_the_export_matches_its_golden_file(exported: dict[str, dict[str, Any]], part: str) -> None:
    """Body, mentions, dates, claims and figures of each sample article are as reviewed."""
    for slug, data in exported.items():
        path = golden_path(slug)
        if not path.exists():
            pytest.fail(f"no golden file {path.name}: run with UPDATE_GOLDEN=1 and review it")
        golden = json.loads(path.read_text("utf-8"))
        assert data[part] == golden[part], f"{slug}: {part} differs from {path.name}"


def test_golden_offsets_index_the_body() -> None:
    """Every span kept in a golden file is its body's text at its offsets."""
    for path in sorted(GOLDEN.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        body = data["body"]
        for part in ("mentions", "dates", "claims", "figures"):
            for item in data[part]:
                assert body[item["start"] : item["end"]] == item["text"], (path.name, item)
