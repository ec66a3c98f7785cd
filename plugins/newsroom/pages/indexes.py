"""Index pages that keep navigation bounded: briefings by month, actors by type, the
glossary A–Z, the timeline by year, and the generated part of the home page."""

from __future__ import annotations

import unicodedata
from itertools import groupby

from ..corpus import TYPE_NOUNS, Corpus
from . import markup as m
from .events import event_item

HOME_LATEST = 10
HOME_ACTORS = 12


def briefing_item(slug: str, corpus: Corpus, prefix: str) -> str:
    """One briefing as a list item: linked headline and date."""
    article = corpus.by_slug[slug].article
    return f"- [{m.text(article.title)}]({prefix}{slug}.md) · {m.human_date(article.date)}"


def render_home_extra(corpus: Corpus) -> str:
    """Appended to the hand-written home page: latest briefings, topics, top actors."""
    parts = ["## Latest briefings"]
    latest = [
        briefing_item(b.article.slug, corpus, "briefings/") for b in corpus.briefings[:HOME_LATEST]
    ]
    parts.append("\n".join(latest) or "No briefings yet: add an article to `seeds/`.")
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


def render_briefings_index(corpus: Corpus) -> str:
    """Every briefing, newest first, grouped by month."""
    parts = ["# Briefings", f"{m.plural(len(corpus.briefings), 'briefing')}, newest first."]
    for month, group in groupby(
        corpus.briefings, key=lambda b: b.article.date.strftime("%Y-%m") if b.article.date else None
    ):
        parts.append(f"## {m.human_date(month) if month else 'Undated'}")
        parts.append("\n".join(briefing_item(b.article.slug, corpus, "") for b in group))
    return "\n\n".join(parts) + "\n"


def render_actors_index(corpus: Corpus) -> str:
    """All actors, grouped by type, most mentioned first."""
    parts = [
        "# Actors",
        "Everyone the briefings name, grouped by type. The glossary lists them A–Z.",
    ]
    for actor_type, (_, heading) in TYPE_NOUNS.items():
        actors = [a for a in corpus.actors.values() if a.type == actor_type]
        if not actors:
            continue
        actors.sort(key=lambda a: (-len(corpus.mentions.get(a.id, ())), a.name.lower()))
        parts.append(f"## {heading}")
        parts.append(
            "\n".join(
                f"- [{m.text(a.name)}]({a.id}.md) — {m.text(a.description)} · "
                f"{m.plural(len(corpus.mentions.get(a.id, ())), 'mention')}"
                for a in actors
            )
        )
    return "\n\n".join(parts) + "\n"


def initial(name: str) -> str:
    """The A–Z letter a name files under."""
    letter = unicodedata.normalize("NFKD", name.lstrip("'\"‘“(").upper()[:1])[:1]
    return letter if letter.isalpha() and letter.isascii() else "#"


def render_glossary(corpus: Corpus) -> str:
    """Every actor A–Z with its type and one line."""
    parts = ["# Glossary", "Every person, organisation, country and place the briefings name, A–Z."]
    actors = sorted(corpus.actors.values(), key=lambda a: (initial(a.name), a.name.lower()))
    for letter, group in groupby(actors, key=lambda a: initial(a.name)):
        parts.append(f"## {letter}")
        parts.append(
            "\n".join(
                f"- [{m.text(a.name)}](actors/{a.id}.md) · *{TYPE_NOUNS[a.type][0].lower()}* — "
                f"{m.text(a.description)}"
                for a in group
            )
        )
    return "\n\n".join(parts) + "\n"


def render_timeline(corpus: Corpus) -> str:
    """Every dated event, curated and extracted, in order, grouped by year."""
    parts = [
        "# Timeline",
        "Events from the briefings (dated from each article's publication date) and from the "
        "editors' background topics, oldest first.",
    ]
    for year, group in groupby(corpus.events, key=lambda e: e.date[:4]):
        parts.append(f"## {year}")
        parts.append("\n".join(event_item(e, corpus, depth=1) for e in group))
    return "\n\n".join(parts) + "\n"
