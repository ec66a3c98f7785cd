"""Tests for timelines (one order, one entry per event) and for the dates benchmark."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import SEED_SLUG, Site
from spacy.language import Language

# --- timelines ------------------------------------------------------------------------------


def test_an_event_told_by_two_sources_is_one_event() -> None:
    """A reported event joins the curated one a day before it with the same actors, keeping
    the curated date and gaining the briefing's link."""
    from newsroom.timeline import Event, merge_events

    curated = Event("2025-08-12", "A call.", ("kim", "putin"), topic="t", source="Wire")
    told = Event("2025-08-13", "They spoke.", ("kim", "putin", "trump"), slug="b", block=0)
    reported = Event(
        "2025-08-13", "They spoke.", ("kim", "putin", "trump"), slug="b", block=0, reported=True
    )
    (merged,) = merge_events([curated, reported])
    assert (merged.date, merged.text, merged.slug, merged.source) == (
        "2025-08-12",
        "A call.",
        "b",
        "Wire",
    )
    # not reported, a day apart: two events; one shared actor: two events
    assert len(merge_events([curated, told])) == 2
    other = Event("2025-08-12", "Kim spoke.", ("kim", "lee"), slug="c", block=0)
    assert len(merge_events([curated, other])) == 2


def test_a_briefing_keeps_its_own_sentence_of_a_shared_event() -> None:
    """Where two briefings tell one event, the timeline has it once and each briefing its own."""
    from newsroom.timeline import Event, events_by_briefing, merge_groups

    first = Event("2025-08-12", "They spoke.", ("kim", "putin"), slug="a", block=0)
    second = Event("2025-08-12", "A call.", ("kim", "putin"), slug="b", block=3)
    groups = merge_groups([first, second])
    assert [kept for kept, _ in groups] == [first]
    assert events_by_briefing(groups) == {"a": [first], "b": [second]}


def test_events_of_one_briefing_are_never_merged() -> None:
    """Two sentences of one briefing on one day stay two events."""
    from newsroom.timeline import Event, merge_events

    first = Event("2025-08-13", "One.", ("kim", "putin"), slug="b", block=0)
    second = Event("2025-08-13", "Two.", ("kim", "putin"), slug="b", block=1)
    assert len(merge_events([first, second])) == 2


def test_timeline_sorts_weeks_and_quarters_by_their_span() -> None:
    """A week sorts where its Monday falls, a quarter where its first day does."""
    from newsroom.timeline import Event, merge_events

    events = [Event(v, v, slug=v) for v in ("2025-08-12", "2025-W33", "2025-Q3", "2025-08")]
    assert [e.date for e in merge_events(events)] == [
        "2025-Q3",
        "2025-08",
        "2025-W33",
        "2025-08-12",
    ]


def test_background_runs_oldest_first() -> None:
    """The background before a briefing lists its latest events oldest first, like timelines."""
    from newsroom.pages.background import BACKGROUND_EVENTS, events_before
    from newsroom.timeline import Event

    events = tuple(Event(f"2025-{m:02d}-01", str(m), topic="t") for m in range(1, 13))
    before = events_before(events, "2025-11-15", "slug")
    assert [e.date for e in before] == sorted(e.date for e in before)
    assert len(before) == BACKGROUND_EVENTS and before[-1].date == "2025-11-01"


def test_seed_timeline_has_the_call_once(seed_site: Site) -> None:
    """The Kim–Putin call, curated and told by the seed, is on each timeline once, on 12 August."""
    for page in ("timeline", "background/north-korea-russia", f"briefings/{SEED_SLUG}"):
        html = seed_site.html(page)
        items = (re.sub(r"<(?!/?strong)[^>]*>", "", item) for item in html.split("<li"))
        calls = [
            found[1]
            for item in items
            if (
                found := re.search(r"<strong>([^<]*)</strong> · [^<]*(?:phone call|by phone)", item)
            )
        ]
        assert calls.count("12 August 2025") == 1, (page, calls)
        assert "13 August 2025" not in calls, (page, calls)


# --- the benchmark ----------------------------------------------------------------------------

PLATINUM = Path(__file__).resolve().parent.parent / ".." / "shared" / "bench" / "tempeval-platinum"


def test_scorer_counts_overlaps_one_to_one(tmp_path: Path) -> None:
    """Relaxed overlap, one-to-one: a second prediction on one gold date is spurious."""
    import json

    from newsroom.evaluation.dates import score_platinum

    text = "It rained on Friday and last year."
    doc = {
        "id": "d",
        "dct": "2013-03-22",
        "text": text,
        "timexes": [
            {"start": 13, "end": 19, "text": "Friday", "type": "DATE", "value": "2013-03-22"},
            {"start": 24, "end": 33, "text": "last year", "type": "DATE", "value": "2012"},
        ],
    }
    (tmp_path / "manifest.json").write_text(json.dumps([{"id": "d"}]))
    (tmp_path / "d.json").write_text(json.dumps(doc))

    def detect(_: str, __: dt.date) -> list[tuple[int, int, str, str | None]]:
        return [(13, 19, "Friday", "2013-03-22"), (16, 19, "day", None), (29, 33, "year", "2013")]

    tally = score_platinum(tmp_path, detect)
    assert tally is not None
    assert (tally.gold, tally.found, tally.matched, tally.right) == (2, 3, 2, 1)
    assert score_platinum(tmp_path / "missing", detect) is None


def test_scorer_skips_missing_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the benchmark or the development set the scorer says so and exits 0."""
    from newsroom.evaluation.dates import main

    assert main(["--platinum", str(tmp_path / "a"), "--devset", str(tmp_path / "b")]) == 0
    assert capsys.readouterr().out.count("skipped") == 2


def test_platinum_scores(nlp: Language) -> None:
    """On TempEval-3 platinum, DATE only: detection precision >= 0.90, value F1 >= 0.78."""
    from newsroom.evaluation.dates import f1, ratio, score_platinum
    from newsroom.nlp.dates import find_dates_in_doc

    if not PLATINUM.is_dir():
        pytest.skip(f"the TempEval-3 platinum set is not at {PLATINUM}")

    def detect(text: str, anchor: dt.date) -> list[tuple[int, int, str, str | None]]:
        dates = find_dates_in_doc(nlp(text), anchor)
        return [(d.start, d.end, d.text, d.value) for d in dates if d.kind == "DATE"]

    tally = score_platinum(PLATINUM, detect)
    assert tally is not None
    assert ratio(tally.matched, tally.found) >= 0.90
    value_f1 = f1(ratio(tally.right, tally.found), ratio(tally.right, tally.gold))
    assert value_f1 >= 0.78
