"""The briefing page: headline and provenance, key points that point down the page, the
annotated text, who is who, sources, figures, background, timeline and related briefings.

Each fact is shown once where a reader looks for it: the key points name who and link to
the sections rather than repeat them, and the timeline gives the first words of the
sentences it dates, linked to the paragraph that holds the rest.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from ..corpus import TYPE_NOUNS, Corpus, description_place
from ..model import Briefing, Topic
from ..timeline import Event
from . import markup as m
from .background import BACKGROUND_EVENTS, background_section, events_before
from .blocks import Html, Rendered, assemble
from .changes import Changes, changes_of, first_day
from .orientation import anchor, breadcrumb
from .segments import marks, split
from .sources import claims_section, figures_section
from .templating import DEFAULT, Templates

WORDS_PER_MINUTE = 230
RELATED_LIMIT = 5
KEY_POINT_ACTORS = 5
# Related briefings are found through shared actors; an actor named everywhere says little,
# and looking at only its most recent briefings keeps the work linear in the corpus.
RELATED_CANDIDATES_PER_ACTOR = 100


def render_briefing(
    briefing: Briefing, corpus: Corpus, templates: Templates = DEFAULT, templates_key: object = None
) -> Rendered:
    """One briefing page. With a ``templates_key`` (what the templates are), a page made
    from the same inputs in an earlier build of this process is given again."""
    if templates_key is None:
        return assemble(sections(briefing, corpus, templates))
    slug, changes = briefing.article.slug, changes_of(corpus)
    made = MADE.get(slug)
    if made is not None and unchanged(made, briefing, corpus, templates_key, changes):
        MADE[slug] = replace(made, number=changes.number)
        return made.page
    inputs = briefing_inputs(briefing, corpus, templates_key)
    if made is None or made.inputs != inputs:
        made = Made(inputs, assemble(sections(briefing, corpus, templates)), changes.number)
    MADE[slug] = replace(made, number=changes.number)
    return made.page


@dataclass(frozen=True)
class Made:
    """A briefing page as made in an earlier build, what it was made from, and the number
    of the corpus it holds for (see :mod:`.changes`)."""

    inputs: tuple[object, ...]
    page: Rendered
    number: int

    @property
    def shown(self) -> frozenset[str]:
        return cast(frozenset[str], self.inputs[2])


# Briefing pages made in an earlier build of this process, with what they were made from:
# a serve rebuild makes again only the pages whose inputs changed (the new or edited
# article's, and those naming an actor whose name or description changed).
MADE: dict[str, Made] = {}


def unchanged(
    made: Made, briefing: Briefing, corpus: Corpus, templates_key: object, changes: Changes
) -> bool:
    """Whether nothing a page made for the corpus before was made from changed, told
    from the changes since without looking at the page's inputs one by one: the briefing
    and the earlier ones (its related briefings), the actors it shows, its topics'
    timelines before its day, and its own events."""
    inputs = made.inputs
    if inputs[0] != templates_key or (inputs[1] is not briefing and inputs[1] != briefing):
        return False
    if made.number == changes.number:
        return True  # made for this very corpus
    if made.number != changes.number - 1 or not changes.editorial:
        return False
    if changes.rank[briefing.article.slug] < changes.unchanged_from:
        return False
    if not made.shown.isdisjoint(changes.actors):
        return False
    shown = {cast(Topic, topic[0]).id: topic[2] for topic in cast(tuple[Any, ...], inputs[5])}
    for topic in corpus.topics_of.get(briefing.article.slug, ()):
        if topic in changes.topic_days and not window_kept(
            changes.topic_days[topic], shown.get(topic, ()), briefing.article.date
        ):
            return False
    return bool(inputs[6] == corpus.events_of_briefing.get(briefing.article.slug, ()))


def window_kept(
    changed: tuple[dt.date, ...] | None, shown: tuple[Event, ...], day: dt.date | None
) -> bool:
    """Whether a topic's most recent events before a briefing's ``day``, ``shown`` on its
    page, are the same after its timeline changed on the ``changed`` days: none of them
    falls from the first day shown (or any day, when fewer than the page shows) to the
    briefing's day (an event on or after it is not shown)."""
    if changed is None:
        return False
    start = first_day(shown[0]) if len(shown) >= BACKGROUND_EVENTS else dt.date.min
    i = bisect.bisect_left(changed, start)
    return i == len(changed) or (day is not None and changed[i] >= day)


def briefing_inputs(
    briefing: Briefing, corpus: Corpus, templates_key: object
) -> tuple[object, ...]:
    """Everything a briefing page is made from besides the briefing itself: the actors it
    shows (named in its text, its sources, its background), where the glossary's
    descriptions are quoted from, its topics with their recent events, its own events and
    its related briefings with their headlines."""
    annotation, slug = briefing.annotation, briefing.article.slug
    shown = {m.actor for m in annotation.mentions if m.actor}
    shown.update(c.source for c in annotation.claims if c.source)
    shown.update(f.source for f in annotation.figures if f.source)
    date = briefing.article.date.isoformat() if briefing.article.date else None
    topics: list[object] = []
    for topic_id in corpus.topics_of.get(slug, ()):
        topic = next(t for t in corpus.topics if t.id == topic_id)
        recent = events_before(
            corpus.events_of_topic.get(topic_id, ()),
            date,
            slug,
            corpus.first_days_of_topic.get(topic_id),
        )
        background = corpus.backgrounds.get(topic_id)
        if background is not None:
            shown.update(x.actor for x in background[1].mentions if x.actor)
        for event in recent:
            shown.update(event.actors)
        titles = tuple(
            corpus.by_slug[e.slug].article.title
            for e in recent
            if e.slug is not None and e.slug in corpus.by_slug
        )
        topics.append((topic, background, tuple(recent), titles))
    actors = tuple((a, corpus.actors.get(a)) for a in sorted(shown))
    topics_of = corpus.topics_of.get(slug, ())
    quoted = tuple(
        (a, description_place(corpus, corpus.actors[a]))
        for a in corpus.actor_counts(briefing)
        if corpus.actors[a].description_source is not None
    )
    related = tuple(
        (s, corpus.by_slug[s].article.title, corpus.by_slug[s].article.date)
        for s in related_of(briefing, corpus)
    )
    events = corpus.events_of_briefing.get(slug, ())
    return (
        templates_key, briefing, frozenset(shown), actors, quoted, tuple(topics), events,
        related, topics_of,
    )  # fmt: skip


def sections(briefing: Briefing, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    article = briefing.article
    month = m.human_date(article.date.strftime("%Y-%m")) if article.date else "Undated"
    yield breadcrumb(
        [("Home", "../../"), ("Briefings", "../"), (month, f"../#{anchor(month)}")], templates
    )
    yield f"# {m.text(article.title)}"
    minutes = max(1, round(len(article.body.split()) / WORDS_PER_MINUTE))
    original = (
        article.url if article.url and article.url.startswith(("https://", "http://")) else None
    )
    yield Html(templates.render("header", article=article, minutes=minutes, original=original))
    yield key_points(briefing, corpus, templates)
    yield from annotated_text(briefing, corpus, templates)
    yield from glossary(briefing, corpus, templates)
    yield from claims_section(briefing, corpus)
    yield from figures_section(briefing, corpus)
    yield from background_section(briefing, corpus, templates)
    yield from timeline_section(briefing, corpus, templates)
    yield related(briefing, corpus)


def key_points(briefing: Briefing, corpus: Corpus, templates: Templates) -> Html:
    """Who the article is about and who says so, linked to their pages, and a link down to
    each section that holds the rest: figures, background and dates are not repeated here."""
    annotation, slug = briefing.annotation, briefing.article.slug
    counts = corpus.actor_counts(briefing)
    points: list[dict[str, Any]] = []

    def link(actor_id: str) -> dict[str, str]:
        return {"href": m.slug_url("actors", actor_id, 2), "text": corpus.actors[actor_id].name}

    if counts:
        top = [a for a, _ in counts.most_common(KEY_POINT_ACTORS)]
        more = {"anchor": anchor("Who is who"), "text": f"all {len(counts)} in who is who"}
        points.append({"label": "Who", "links": [link(a) for a in top], "more": more})
    sources = list(dict.fromkeys(c.source for c in annotation.claims if c.source in corpus.actors))
    if annotation.claims:
        more = {
            "anchor": anchor("Sources and claims"),
            "text": m.plural(len(annotation.claims), "claim") + " by source",
        }
        points.append(
            {"label": "According to", "links": [link(s) for s in sources if s], "more": more}
        )
    if annotation.figures:
        more = {
            "anchor": anchor("Key figures"),
            "text": m.plural(len(annotation.figures), "figure"),
        }
        points.append({"label": "Figures", "links": [], "more": more})
    for topic in corpus.topics:
        if topic.id in corpus.topics_of.get(slug, ()):
            more = {"anchor": anchor(f"Background: {topic.title}"), "text": "what led here"}
            links = [{"href": m.slug_url("background", topic.id, 2), "text": topic.title}]
            points.append({"label": "Background", "links": links, "more": more})
    events = corpus.events_of_briefing.get(slug, ())
    if events:
        span = f"{m.human_date(events[0].date)} to {m.human_date(events[-1].date)}"
        more = {"anchor": anchor("Timeline"), "text": f"{m.plural(len(events), 'date')}, {span}"}
        points.append({"label": "When", "links": [], "more": more})
    if not points:
        return Html("")
    return Html(templates.render("key-points", points=points))


def annotated_text(
    briefing: Briefing, corpus: Corpus, templates: Templates
) -> Iterator[str | Html]:
    """The article's blocks, paragraphs and sub-headings alike with actors linked and dates
    explained; a sub-heading stays Markdown (the page's contents list it)."""
    article, annotation = briefing.article, briefing.annotation
    kept = marks(annotation.mentions, annotation.dates, corpus.actors, depth=2)
    starts = [mark[0] for mark in kept]
    for index, block in enumerate(article.blocks):
        first = bisect.bisect_left(starts, block.start)
        last = bisect.bisect_left(starts, block.end, first)
        segments = split(article.body, block.start, block.end, kept[first:last])
        if block.kind == "heading":
            inline = templates.render("segments", segments=segments)
            yield f"## {inline} {{: #{m.paragraph_id(index)} }}"
        else:
            yield Html(templates.render("paragraph", id=m.paragraph_id(index), segments=segments))


def glossary(briefing: Briefing, corpus: Corpus, templates: Templates) -> Iterator[str | Html]:
    """Who is who in this briefing, grouped by type."""
    counts = corpus.actor_counts(briefing)
    if not counts:
        return
    yield "## Who is who"
    for actor_type, (_, heading) in TYPE_NOUNS.items():
        actors = sorted(
            (corpus.actors[a] for a in counts if corpus.actors[a].type == actor_type),
            key=lambda a: a.name.lower(),
        )
        if not actors:
            continue
        yield f"### {heading}"
        rows = []
        for a in actors:
            quoted = description_place(corpus, a)  # the article's own words, linked to them
            rows.append(
                {
                    "href": m.slug_url("actors", a.id, 2),
                    "name": a.name,
                    "description": a.description,
                    "quote_href": None
                    if quoted is None
                    else m.slug_url("briefings", quoted[0], 2, m.paragraph_id(quoted[1])),
                    "count": counts[a.id],
                }
            )
        yield Html(templates.render("glossary", actors=rows))


def timeline_section(
    briefing: Briefing, corpus: Corpus, templates: Templates
) -> Iterator[str | Html]:
    """The dated events this article itself reports, by their first words."""
    events = corpus.events_of_briefing.get(briefing.article.slug, ())
    if not events:
        return
    yield "## Timeline"
    rows = [
        {
            "curated": False,
            "source": None,
            "url": None,
            "date": e.date,
            "text": e.text,
            "href": f"#{m.paragraph_id(e.block or 0)}",
            "title": None,
        }
        for e in events
    ]
    yield Html(templates.render("timeline", events=rows), searched=False)


def related(briefing: Briefing, corpus: Corpus) -> str:
    """Earlier briefings sharing the most distinctive actors with this one."""
    best = related_of(briefing, corpus)
    if not best:
        return ""
    items = [
        f"- [{m.text(corpus.by_slug[s].article.title)}]({s}.md) · "
        f"{m.human_date(corpus.by_slug[s].article.date)}"
        for s in best
    ]
    return "## Related briefings\n\n" + "\n".join(items)


def related_slugs(briefing: Briefing, corpus: Corpus) -> tuple[str, ...]:
    """The earlier briefings sharing the most distinctive actors with this one, as the
    archive stood when it came out: an actor's weight counts the briefings up to this
    one, so that a new article changes no earlier briefing's list (nor its page)."""
    rank = ranks(corpus)
    mine = rank[briefing.article.slug]
    seen = len(corpus.briefings) - mine  # briefings up to and including this one
    scores: dict[str, float] = defaultdict(float)
    for actor_id in corpus.actor_counts(briefing):
        slugs = corpus.briefings_of(actor_id)  # newest first, as ``corpus.briefings``
        here = bisect.bisect_left(slugs, mine, key=rank.__getitem__)
        weight = math.log((seen + 1) / (len(slugs) - here))
        for slug in slugs[here + 1 : here + 1 + RELATED_CANDIDATES_PER_ACTOR]:
            scores[slug] += weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return tuple(slug for slug, score in ranked[:RELATED_LIMIT] if score > 0)


def related_of(briefing: Briefing, corpus: Corpus) -> tuple[str, ...]:
    """:func:`related_slugs`, given again from the last corpus when neither the briefing
    nor any earlier one changed since (they are all it depends on)."""
    slug = briefing.article.slug
    changes = changes_of(corpus)
    made = RELATED.get(slug)
    kept = made is not None and made[1] in (changes.number, changes.number - 1)
    if made is not None and kept and changes.rank[slug] >= changes.unchanged_from:
        RELATED[slug] = (made[0], changes.number)
        return made[0]
    RELATED[slug] = (related_slugs(briefing, corpus), changes.number)
    return RELATED[slug][0]


# The related briefings of each briefing, with the number of the corpus they hold for.
RELATED: dict[str, tuple[tuple[str, ...], int]] = {}


def ranks(corpus: Corpus) -> Mapping[str, int]:
    """Each briefing's place in ``corpus.briefings`` (0: the newest), made once a corpus."""
    return changes_of(corpus).rank
