"""Index pages that keep navigation bounded: briefings by month, actors by type, the
glossary A–Z, the timeline by year, and the generated part of the home page."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from itertools import groupby

from ..corpus import TYPE_NOUNS, Corpus
from ..model import Actor
from . import markup as m
from .background import briefing_list
from .blocks import Html, Rendered, assemble
from .events import event_list

HOME_LATEST = 10
HOME_ACTORS = 12


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
    """Every briefing, newest first, grouped by month."""
    return assemble(briefings_index_sections(corpus))


def briefings_index_sections(corpus: Corpus) -> Iterator[str | Html]:
    yield "# Briefings"
    yield f"{m.plural(len(corpus.briefings), 'briefing')}, newest first."
    for month, group in groupby(
        corpus.briefings, key=lambda b: b.article.date.strftime("%Y-%m") if b.article.date else None
    ):
        yield f"## {m.human_date(month) if month else 'Undated'}"
        yield briefing_list(group, depth=1)


def actor_list(actors: Iterable[Actor], corpus: Corpus, type_shown: bool = False) -> Html:
    """Actors as an HTML list: linked name, (type,) one line and mentions; for a page one
    folder deep."""
    items = []
    for actor in actors:
        kind = f" · <em>{TYPE_NOUNS[actor.type][0].lower()}</em>" if type_shown else ""
        description = f" — {m.text(actor.description)}" if actor.description else ""
        mentions = m.plural(len(corpus.mentions.get(actor.id, ())), "mention")
        items.append(
            f'<li><a href="{m.slug_url("actors", actor.id, 1)}">{m.text(actor.name)}</a>'
            f"{kind}{description} · {mentions}</li>"
        )
    return Html('<ul class="briefing-list">' + "".join(items) + "</ul>")


def render_actors_index(corpus: Corpus) -> Rendered:
    """All actors, grouped by type, most mentioned first."""
    parts: list[str | Html] = [
        "# Actors",
        "Everyone the briefings name, grouped by type. The glossary lists them A–Z.",
    ]
    for actor_type, (_, heading) in TYPE_NOUNS.items():
        actors = [a for a in corpus.actors.values() if a.type == actor_type]
        if not actors:
            continue
        actors.sort(key=lambda a: (-len(corpus.mentions.get(a.id, ())), a.name.lower()))
        parts.append(f"## {heading}")
        parts.append(actor_list(actors, corpus))
    return assemble(parts)


def initial(name: str) -> str:
    """The A–Z letter a name files under."""
    letter = unicodedata.normalize("NFKD", name.lstrip("'\"‘“(").upper()[:1])[:1]
    return letter if letter.isalpha() and letter.isascii() else "#"


def render_glossary(corpus: Corpus) -> Rendered:
    """Every actor A–Z with its type and one line."""
    parts: list[str | Html] = [
        "# Glossary",
        "Every person, organisation, country and place the briefings name, A–Z.",
    ]
    actors = sorted(corpus.actors.values(), key=lambda a: (initial(a.name), a.name.lower()))
    for letter, group in groupby(actors, key=lambda a: initial(a.name)):
        parts.append(f"## {letter}")
        parts.append(actor_list(group, corpus, type_shown=True))
    return assemble(parts)


def render_timeline(corpus: Corpus) -> Rendered:
    """Every dated event, curated and extracted, in order, grouped by year."""
    parts: list[str | Html] = [
        "# Timeline",
        "Events from the briefings (dated from each article's publication date) and from the "
        "editors' background topics, oldest first.",
    ]
    for year, group in groupby(corpus.events, key=lambda e: e.date[:4]):
        parts.append(f"## {year}")
        parts.append(event_list(group, corpus, depth=1))
    return assemble(parts)
