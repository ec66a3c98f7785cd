"""What a serve rebuild learns from comparing a corpus with the one before: which days of
a topic's timeline changed, and which briefing pages' backgrounds they reach; on corpora
made in memory (no model)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import forget_made
from test_pagination import briefing
from test_rebuild_inputs import looking_back

from newsroom.corpus import Corpus, build_corpus
from newsroom.model import Actor, Briefing, Editorial, Topic
from newsroom.pages import Site, actor, render_site
from newsroom.pages import briefing as briefing_page
from newsroom.pages.background import BACKGROUND_EVENTS
from newsroom.pages.briefing import window_kept
from newsroom.pages.changes import differing_days
from newsroom.pages.templating import DEFAULT
from newsroom.timeline import Event

TALKS = Editorial(topics=(Topic("talks", "Talks", "The talks.", "Text.", ("pyongyang",)),))


@pytest.fixture(autouse=True)
def forget() -> None:
    forget_made()


def event(day: int, text: str = "It happened.") -> Event:
    return Event(f"2021-06-{day:02d}", text, ("pyongyang", "seoul"), slug=f"s{day}-{text}")


def days_of(events: tuple[Event, ...]) -> tuple[dt.date, ...]:
    return tuple(dt.date(2021, 6, int(e.date[-2:])) for e in events)


def test_differing_days_are_the_days_of_events_added_or_removed() -> None:
    old = (event(1), event(3), event(3, "Other."), event(5), event(9))
    new = (event(1), event(2), event(3, "Other."), event(3), event(5), event(7))
    found = differing_days(old, days_of(old), new, days_of(new))
    assert found == [dt.date(2021, 6, 2), dt.date(2021, 6, 7), dt.date(2021, 6, 9)]
    assert differing_days(old, days_of(old), old, days_of(old)) == []
    same = tuple(dataclasses.replace(e) for e in old)  # equal, other objects
    assert differing_days(old, days_of(old), same, days_of(same)) == []


def test_a_window_is_kept_when_no_change_falls_between_its_first_day_and_the_briefing() -> None:
    full = tuple(event(day) for day in range(10, 10 + BACKGROUND_EVENTS))
    day = dt.date(2021, 6, 25)
    june = [dt.date(2021, 6, d) for d in range(1, 31)]
    assert window_kept((june[8],), full, day)  # before the first day shown
    assert not window_kept((june[9],), full, day)  # on it: may sort after
    assert not window_kept((june[14],), full, day)  # among the events shown
    assert window_kept((june[24], june[29]), full, day)  # on or after the briefing's day
    assert not window_kept((june[0],), full[1:], day)  # fewer than a page shows: any day
    assert not window_kept((june[29],), full, None)  # an undated briefing shows the last
    assert not window_kept(None, full, day)  # out of day order: anything may change


def test_an_old_day_told_anew_remakes_only_the_pages_whose_background_shows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new article telling of an old day (no event was on it) is checked in full only by
    the briefings whose background window reaches that day, and those are exactly the
    pages whose content changes; every page given again is the page made afresh."""
    base = [briefing(n) for n in range(0, 80, 2)]  # every other day: odd days are free
    render_site(build_corpus(base, TALKS))
    before = {slug: made.page for slug, made in briefing_page.MADE.items()}
    checked: list[str] = []
    inputs = briefing_page.briefing_inputs

    def counted(item: Briefing, corpus: Corpus, key: object) -> tuple[object, ...]:
        checked.append(item.article.slug)
        return inputs(item, corpus, key)

    monkeypatch.setattr(briefing_page, "briefing_inputs", counted)
    corpus = build_corpus([*base, looking_back(briefing(101), "2021-06-20")], TALKS)
    render_site(corpus)
    monkeypatch.undo()
    fresh = {b.article.slug: briefing_page.render_briefing(b, corpus) for b in corpus.briefings}
    changed = {slug for slug, page in before.items() if fresh[slug] != page}
    assert changed  # the day reaches some backgrounds...
    assert len(changed) < len(base) // 2  # ...not those before it nor far after it
    assert set(checked) == changed | {"briefing-00101"}
    for slug, made in briefing_page.MADE.items():
        assert made.page == fresh[slug], slug


def reported(item: Briefing) -> Briefing:
    """``item`` with its date taken as the day of its report ("said Wednesday"): an event
    told first-hand on that day by another briefing takes its place on the timeline."""
    dates = tuple(dataclasses.replace(d, reported=True) for d in item.annotation.dates)
    return dataclasses.replace(item, annotation=dataclasses.replace(item.annotation, dates=dates))


def actor_pages_match_afresh(corpus: Corpus, site: Site) -> None:
    """Every page of every actor, as the serve build gave it, is the page made now."""
    for one in corpus.actors.values():
        for uri, page in actor.make_actor_pages(one, corpus, DEFAULT).items():
            assert site.pages[uri].markdown.endswith(page.markdown), uri
            assert site.pages[uri].html == page.html, uri


def test_an_event_told_again_first_hand_leaves_an_older_actor_page() -> None:
    """A new article telling first-hand of a day an old briefing reported takes the old
    event's place on the timeline: the actor's older page holding the old briefing loses it
    from its timeline, though the old briefing did not change."""
    # Four days apart: no two briefings' events are one (a report follows within three).
    base = [reported(briefing(n)) if n == 8 else briefing(n) for n in range(0, 164, 4)]
    before = render_site(build_corpus(base, Editorial()))
    told = looking_back(briefing(201), "2021-06-09")  # briefing 8's day: 1 June + 8 days
    corpus = build_corpus([*base, told], Editorial())
    site = render_site(corpus)
    older = "actors/pyongyang/page/1.md"  # the oldest 30 briefings naming it
    assert site.pages[older] != before.pages[older]  # its timeline lost the event
    actor_pages_match_afresh(corpus, site)


def test_a_renamed_actor_reaches_the_pages_of_those_appearing_with_it() -> None:
    """An actor's new name in the registry is on the front page of every actor sharing a
    sentence with it ("Appears with"), though no briefing changed."""
    registry = (Actor("seoul", "Seoul", "place"),)
    base = [briefing(n) for n in range(10)]
    render_site(build_corpus(base, Editorial(actors=registry)))
    renamed = Editorial(actors=(Actor("seoul", "Seoul Renamed", "place"),))
    corpus = build_corpus(base, renamed)
    site = render_site(corpus)
    assert "Seoul Renamed" in site.pages["actors/pyongyang.md"].markdown
    actor_pages_match_afresh(corpus, site)
