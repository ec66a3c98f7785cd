"""Index pages that keep navigation bounded: briefings by month, actors by type, the
glossary A–Z, the timeline by year, and the generated part of the home page."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from typing import Any

from ..corpus import TYPE_NOUNS, Corpus
from ..model import Actor, Briefing
from ..timeline import Event
from . import markup as m
from . import paging
from .background import briefing_list
from .blocks import Html, Rendered, assemble
from .events import event_list
from .templating import DEFAULT, Templates

HOME_LATEST = 10
HOME_ACTORS = 12
BRIEFINGS_INDEX = "briefings/index.md"
TIMELINE = "timeline.md"
ACTORS_INDEX = "actors/index.md"
GLOSSARY = "glossary.md"


def render_home_extra(corpus: Corpus) -> str:
    """Appended to the hand-written home page: latest briefings, topics, top actors."""
    parts = ["## Latest briefings"]
    latest = briefing_list(corpus.briefings[:HOME_LATEST], depth=0)
    parts.append(latest.html or "No briefings yet: add an article to `seeds/`.")
    if len(corpus.briefings) > HOME_LATEST:
        parts.append(f"[All {len(corpus.briefings)} briefings by month](briefings/index.md)")
    if corpus.topics:
        parts.append("## Background")
        parts.append(
            "\n".join(
                f"- [{m.text(t.title)}](background/{t.id}.md) — {m.text(t.summary)}"
                for t in corpus.topics
            )
        )
    ranked = sorted(
        corpus.mentions, key=lambda a: (-len(corpus.mentions[a]), corpus.actors[a].name)
    )
    if ranked:
        parts.append("## Most-mentioned actors")
        parts.append(
            "\n".join(
                f"- [{m.text(corpus.actors[a].name)}](actors/{a}.md) · {m.plural(len(corpus.mentions[a]), 'mention')}"
                for a in ranked[:HOME_ACTORS]
            )
        )
    return "\n\n".join(parts) + "\n"


def render_briefings_index(corpus: Corpus) -> Rendered:
    """The front page of the briefings index (the newest briefings)."""
    return render_briefings_pages(corpus)[BRIEFINGS_INDEX]


def render_briefings_pages(corpus: Corpus, remember: bool = False) -> dict[str, Rendered]:
    """Every page of the briefings index by its path under docs/: newest first, grouped by
    month, :data:`.paging.INDEX_BRIEFINGS` a page. With ``remember``, a page of the same
    briefings as in an earlier build is given again (the front page's count of all of
    them follows from how many pages there are and its own briefings)."""
    pages: dict[str, Rendered] = {}
    for part in paging.split(corpus.briefings[::-1], paging.INDEX_BRIEFINGS):
        uri = paging.page_uri(BRIEFINGS_INDEX, part.number)
        sections = functools.partial(briefings_index_sections, corpus, part)
        pages[uri] = made_from(uri, part, sections, remember)
    return pages


# Index pages made in an earlier build of this process, by path, with what each was made
# from: a serve rebuild makes again only the pages whose inputs changed (after a new
# article, the front pages, and the timeline's pages from where its events fall).
MADE: dict[str, tuple[object, Rendered]] = {}


def made_from(
    uri: str, inputs: object, sections: Callable[[], Iterable[str | Html]], remember: bool
) -> Rendered:
    """The page at ``uri`` of the ``sections`` made from ``inputs``; with ``remember``,
    given again from an earlier build if its inputs were equal, and kept for the next."""
    if not remember:
        return assemble(sections())
    made = MADE.get(uri)
    if made is not None and made[0] == inputs:
        return made[1]
    page = assemble(sections())
    MADE[uri] = (inputs, page)
    return page


def briefings_index_sections(
    corpus: Corpus, part: paging.Part[Briefing] | None = None
) -> Iterator[str | Html]:
    shown = corpus.briefings if part is None else part.items[::-1]
    depth = paging.depth_of(paging.page_uri(BRIEFINGS_INDEX, part.number if part else 0))
    if part is None or part.front:
        yield "# Briefings"
        yield f"{m.plural(len(corpus.briefings), 'briefing')}, newest first."
    else:
        yield f"# Briefings, page {part.number}"
        # No count of the whole archive: a full older page stays the same as articles come.
        yield f"{m.plural(len(shown), 'briefing')}, newest first."
    for month, group in groupby(
        shown, key=lambda b: b.article.date.strftime("%Y-%m") if b.article.date else None
    ):
        yield f"## {m.human_date(month) if month else 'Undated'}"
        yield briefing_list(group, depth=depth)
    if part is not None:
        yield paging.pager(BRIEFINGS_INDEX, part, depth, "Pages of briefings")


def render_actors_index(
    corpus: Corpus, templates: Templates = DEFAULT, templates_key: object = None
) -> Rendered:
    """Who is in the news: the actors by type, most mentioned first, with how many
    briefings name them and the latest; their descriptions are in the glossary. With a
    ``templates_key`` (what the templates are), the page is given again from an earlier
    build when the actors and their counts are the same."""
    if templates_key is None:
        return assemble(actors_index_sections(corpus, templates))
    inputs = (
        templates_key,
        tuple(directory_row(actor, corpus) for actor in corpus.actors.values()),
    )
    sections = functools.partial(actors_index_sections, corpus, templates)
    return made_from(ACTORS_INDEX, inputs, sections, True)


def directory_row(actor: Actor, corpus: Corpus) -> tuple[object, ...]:
    """What the actors index shows of an actor: the actor, how many mentions and briefings,
    and the latest briefing's date."""
    slugs = corpus.briefings_of(actor.id)
    latest = corpus.by_slug[slugs[0]].article.date if slugs else None
    return (actor, len(corpus.mentions.get(actor.id, ())), len(slugs), latest)


def actors_index_sections(corpus: Corpus, templates: Templates) -> list[str | Html]:
    parts: list[str | Html] = [
        "# Actors",
        "Everyone the briefings name, by type, the most mentioned first. "
        "The [glossary](../glossary.md) explains each name, A–Z.",
    ]
    for actor_type, (_, heading) in TYPE_NOUNS.items():
        actors = [a for a in corpus.actors.values() if a.type == actor_type]
        if not actors:
            continue
        actors.sort(key=lambda a: (-len(corpus.mentions.get(a.id, ())), a.name.lower()))
        rows = []
        for actor in actors:
            slugs = corpus.briefings_of(actor.id)
            rows.append(
                {
                    "actor": actor,
                    "href": m.slug_url("actors", actor.id, 1),
                    "role": actor.role.title if actor.role else actor.kind,
                    "briefings": len(slugs),
                    "mentions": len(corpus.mentions.get(actor.id, ())),
                    "latest": corpus.by_slug[slugs[0]].article.date if slugs else None,
                }
            )
        parts.append(f"## {heading}")
        parts.append(Html(templates.render("actor-directory", rows=rows)))
    return parts


def initial(name: str) -> str:
    """The A–Z letter a name files under."""
    letter = unicodedata.normalize("NFKD", name.lstrip("'\"‘“(").upper()[:1])[:1]
    return letter if letter.isalpha() and letter.isascii() else "#"


def filed(term: str) -> str:
    """What a name files under: "the North" under N."""
    return term[4:] if term.lower().startswith("the ") else term


def variant(term: str) -> str:
    """A name with case, hyphens and apostrophe styles folded: spellings of one name."""
    return term.casefold().replace("’", "'").replace("-", " ")


def glossary_entries(corpus: Corpus) -> list[dict[str, Any]]:
    """Every actor's entry, and one for each other name it goes by (an alias, or a capital
    standing for its government) that points to it; sorted A–Z."""
    entries: list[dict[str, Any]] = []
    names = {a.name for a in corpus.actors.values()}
    for actor in corpus.actors.values():
        href = m.slug_url("actors", actor.id, 1)
        entries.append(
            {"term": actor.name, "actor": actor, "href": href, "see": None,
             "type": TYPE_NOUNS[actor.type][0].lower()}
        )  # fmt: skip
        others = {alias: None for alias in actor.aliases} | {n.text: n.note for n in actor.metonyms}
        seen = {variant(name) for name in names}
        for term, note in others.items():
            if variant(term) not in seen:  # "Kim Jong Un" is no other name for Kim Jong-un
                seen.add(variant(term))
                entries.append({"term": term, "href": href, "see": actor.name, "note": note})
    entries.sort(key=lambda e: (initial(filed(e["term"])), filed(e["term"]).lower()))
    return entries


def render_glossary(
    corpus: Corpus, templates: Templates = DEFAULT, templates_key: object = None
) -> Rendered:
    """Every name the briefings use, A–Z: each actor with its one line, and each other name
    it goes by pointing to it. With a ``templates_key`` (what the templates are), the page
    is given again from an earlier build when the actors are the same."""
    if templates_key is None:
        return assemble(glossary_sections(corpus, templates))
    inputs = (templates_key, tuple(corpus.actors.values()))
    return made_from(
        GLOSSARY, inputs, functools.partial(glossary_sections, corpus, templates), True
    )


def glossary_sections(corpus: Corpus, templates: Templates) -> list[str | Html]:
    parts: list[str | Html] = [
        "# Glossary",
        "Every person, organisation, country and place the briefings name, A–Z, with the "
        "other names they go by. [Actors](actors/index.md) ranks them by how often they "
        "are in the news.",
    ]
    for letter, group in groupby(glossary_entries(corpus), key=lambda e: initial(filed(e["term"]))):
        parts.append(f"## {m.text(letter)}")  # "#" alone would close an empty heading
        parts.append(Html(templates.render("glossary-letter", entries=list(group))))
    return parts


def render_timeline(corpus: Corpus) -> Rendered:
    """The front page of the timeline (the latest events)."""
    return render_timeline_pages(corpus)[TIMELINE]


def render_timeline_pages(corpus: Corpus, remember: bool = False) -> dict[str, Rendered]:
    """Every page of the timeline by its path under docs/: every dated event, curated and
    extracted, in order, grouped by year, :data:`.paging.TIMELINE_EVENTS` a page. With
    ``remember``, a page made from the same inputs in an earlier build is given again."""
    pages: dict[str, Rendered] = {}
    for part in paging.split(corpus.events, paging.TIMELINE_EVENTS):
        uri = paging.page_uri(TIMELINE, part.number)
        inputs = timeline_inputs(corpus, part) if remember else None
        sections = functools.partial(timeline_sections, corpus, part)
        pages[uri] = made_from(uri, inputs, sections, remember)
    return pages


def timeline_inputs(corpus: Corpus, part: paging.Part[Event]) -> tuple[object, ...]:
    """Everything a page of the timeline is made from: its events, which page of how many,
    the headlines of the briefings telling them and the actors their text links to."""
    titles = tuple(corpus.by_slug[e.slug].article.title for e in part.items if e.slug)
    actors = tuple((a, corpus.actors.get(a)) for e in part.items for _, _, a in e.mentions)
    return (part, titles, actors)


def timeline_sections(corpus: Corpus, part: paging.Part[Event]) -> Iterator[str | Html]:
    depth = paging.depth_of(paging.page_uri(TIMELINE, part.number))
    yield "# Timeline" if part.front else f"# Timeline, page {part.number}"
    yield (
        "Events from the briefings (dated from each article's publication date) and from the "
        "editors' background topics, oldest first."
        + (" The latest are here; earlier ones on the pages below." if part.older else "")
    )
    for year, group in groupby(part.items, key=lambda e: e.date[:4]):
        yield f"## {year}"
        yield event_list(group, corpus, depth=depth)
    yield paging.pager(TIMELINE, part, depth, "Pages of the timeline")
