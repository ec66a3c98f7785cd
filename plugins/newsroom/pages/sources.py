"""Who says so: the sources-and-claims section, the key-figures box and the key points."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..corpus import Corpus
from ..model import Briefing, Claim, Figure, Topic
from . import markup as m
from .blocks import Html

KEY_POINT_ACTORS = 5
CURRENCIES = {"dollars", "euros", "pounds", "yen", "yuan", "won", "rubles", "roubles"}


def source_label(source: str | None, source_text: str, corpus: Corpus, depth: int = 2) -> str:
    """A source's name, linked to its actor page, with its kind as a badge."""
    actor = corpus.actors.get(source or "")
    if actor is None and not source_text:
        return "<em>Unattributed</em> <small>(hearsay: the text names no speaker)</small>"
    if actor is None:
        return f"<em>{m.text(source_text)}</em> <small>(unidentified)</small>"
    badge = (
        f' <span class="briefing-badge briefing-badge--source">{m.text(actor.kind)}</span>'
        if actor.kind
        else ""
    )
    return f'<a href="{m.slug_url("actors", actor.id, depth)}">{m.text(actor.name)}</a>{badge}'


def claims_section(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    """Claims grouped by source, each linked to its paragraph."""
    claims = briefing.annotation.claims
    if not claims:
        return
    # Unattributed claims are grouped by how the text names their source, not lumped together.
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.source or f"text:{claim.source_text}"].append(claim)
    yield "## Sources and claims"
    yield (
        "Who asserts what in this article. State media, governments and intelligence services "
        "each have their own reasons to say what they say."
    )
    body = briefing.article.body
    for group in groups.values():
        items = []
        for claim in group:
            block = briefing.annotation.sentences[claim.sentence].block
            link = f'<a href="#{m.paragraph_id(block)}">in the text</a>'
            if claim.kind == "stance":
                # An evaluation reads as the sentence it is, not as a statement of fact.
                items.append(
                    '<li class="briefing-stance"><span class="briefing-badge">stance</span> '
                    f"{m.text(stance_sentence(claim))} <small>· {link}</small></li>"
                )
                continue
            words = m.text(claim.text)
            statement = f"<q>{words}</q>" if is_verbatim(body, claim) else words
            items.append(
                f"<li>{statement} <small>— {m.text(attribution(claim))} · {link}</small></li>"
            )
        label = source_label(group[0].source, group[0].source_text, corpus)
        yield Html(
            f'<div class="briefing-source-group"><p>{label}</p><ul class="briefing-claims">'
            f"{''.join(items)}</ul></div>",
            searched=False,
        )


OPENING_QUOTES = frozenset('“"«„')
CLOSING_QUOTES = frozenset('”"»')


def is_verbatim(body: str, claim: Claim) -> bool:
    """Whether the claim's words are a quotation in the text (not a paraphrase)."""
    before = body[: claim.start].rstrip()
    after = body[claim.end :].lstrip(" ,.;:!?")
    inner = claim.text.count("“") + claim.text.count("”") + claim.text.count('"')
    return (
        bool(before) and before[-1] in OPENING_QUOTES and after[:1] in CLOSING_QUOTES and not inner
    )


def attribution(claim: Claim) -> str:
    """The cue and chain as a phrase: "Tass, citing the Kremlin, reported", "according to
    Yonhap", "he said"."""
    via = f"citing {claim.via_text}" if claim.via_text else ""
    if claim.cue in {"according to", "citing"}:
        return " ".join(p for p in (claim.cue, claim.source_text) if p) + (
            f", {via}" if via else ""
        )
    if via:
        return f"{claim.source_text}, {via}, {claim.cue}"
    return f"{claim.source_text} {claim.cue}".strip()


def stance_sentence(claim: Claim) -> str:
    """An evaluation as the sentence it is: "Putin praised the troops' bravery"."""
    return f"{claim.source_text} {claim.cue} {claim.text}"


def figure_line(figure: Figure, corpus: Corpus) -> str:
    """'around 15,000 troops (per South Korea)'; a unit already in the text is not repeated."""
    source = corpus.actors.get(figure.source or "")
    said = (
        f" <small>(per {m.text(source.name)})</small>"
        if source
        else " <small>(unattributed)</small>"
    )
    if figure.phrase.startswith(figure.text) and len(figure.phrase) > len(figure.text):
        # The words as written: "thousands of military construction workers", "a 60-40 vote".
        rest = figure.phrase[len(figure.text) :]
        return f"<strong>{m.text(figure.text)}</strong>{m.text(rest)}{said}"
    counts = figure.counts.strip()
    repeated = (
        counts.lower() in figure.text.lower()
        or (figure.text.endswith("%") and counts.lower() in {"percent", "per cent"})
        or (counts.lower() in CURRENCIES and any(c in figure.text for c in "$€£¥₩₽"))
    )
    if counts and not repeated:
        return f"<strong>{m.text(figure.text)}</strong> {m.text(counts)}{said}"
    return f"<strong>{m.text(figure.text)}</strong>{said}"


def figures_section(briefing: Briefing, corpus: Corpus) -> Iterator[str | Html]:
    """The key figures box: numbers with what they count and who says so."""
    figures = briefing.annotation.figures
    if not figures:
        return
    items = "".join(
        f'<li>{figure_line(f, corpus)} · <a href="#{m.paragraph_id(briefing.annotation.sentences[f.sentence].block)}">in the text</a></li>'
        for f in figures
    )
    yield "## Key figures"
    yield Html(f'<ul class="briefing-figures">{items}</ul>')


def key_points(briefing: Briefing, corpus: Corpus) -> Html:
    """A few lines a reader can take in at a glance, all drawn from the annotation."""
    counts = corpus.actor_counts(briefing)
    points = []
    if counts:
        named = ", ".join(
            f'<a href="{m.slug_url("actors", a, 2)}">{m.text(corpus.actors[a].name)}</a>'
            for a, _ in counts.most_common(KEY_POINT_ACTORS)
        )
        points.append(f"<strong>Who:</strong> {named}")
    sources = list(
        dict.fromkeys(
            c.source for c in briefing.annotation.claims if c.source and c.source in corpus.actors
        )
    )
    if sources:
        described = ", ".join(
            m.text(corpus.actors[s].name)
            + (f" ({m.text(corpus.actors[s].kind or '')})" if corpus.actors[s].kind else "")
            for s in sources
        )
        points.append(f"<strong>According to:</strong> {described}")
    if briefing.annotation.figures:
        points.append(
            "<strong>Figures:</strong> "
            + "; ".join(figure_line(f, corpus) for f in briefing.annotation.figures[:3])
        )
    topics = [t for t in corpus.topics if t.id in corpus.topics_of.get(briefing.article.slug, ())]
    if topics:
        points.append(
            "<strong>Background:</strong> "
            + ", ".join(
                f'<a href="{m.slug_url("background", t.id, 2)}">{m.text(t.title)}</a>'
                for t in topics
            )
        )
    if not points:
        return Html("")
    # The HTML Markdown's admonition extension makes of `!!! abstract "Key points"`.
    return Html(
        '<div class="admonition abstract"><p class="admonition-title">Key points</p><ul>'
        + "".join(f"<li>{p}</li>" for p in points)
        + "</ul></div>"
    )


def topic_figures(topic: Topic, corpus: Corpus, depth: int = 2) -> Iterator[str | Html]:
    """The same kind of figure across a topic's briefings, oldest first: how estimates moved
    (on a page ``depth`` folders deep)."""
    rows = corpus.figures_of(topic)
    if not rows:
        return
    by_count: dict[str, list[str]] = defaultdict(list)
    for briefing, figure in rows:
        href = m.slug_url("briefings", briefing.article.slug, depth)
        link = f'<a href="{href}">{m.human_date(briefing.article.date)}</a>'
        by_count[figure.counts.lower() or "other figures"].append(
            f"<li>{link}: {figure_line(figure, corpus)}</li>"
        )
    yield "## Figures over time"
    for counts, items in sorted(by_count.items(), key=lambda item: -len(item[1])):
        yield f"### {m.text(counts.capitalize())}"
        yield Html('<ul class="briefing-figures-over-time">' + "".join(items) + "</ul>")
