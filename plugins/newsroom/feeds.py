"""Atom feeds of the briefings: the whole site, one per actor and one per tag, as
``{path under site/: xml}``; built with feedgen from the corpus."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from feedgen.feed import FeedGenerator
from slugify import slugify

from .corpus import Corpus
from .model import Briefing
from .pages import markup
from .pages.summary import describe

SITE_FEED = "feeds/briefings.xml"
# A feed lists the newest briefings only: readers poll it, and old entries are in the archive.
FEED_LENGTH = 100
# Characters XML 1.0 cannot hold at all (lxml refuses them): shown as code points instead.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class FeedSite:
    """What a feed says about the site: its name and public address (None: not set)."""

    name: str
    url: str | None = None
    author: str | None = None

    def link(self, path: str, feed: str) -> str:
        """The address of ``path`` (under the site root) as written in the feed at ``feed``:
        absolute with ``url``; else relative to the feed's own folder."""
        if self.url:
            return self.url.rstrip("/") + "/" + path
        return "../" * feed.count("/") + path

    def id(self, path: str) -> str:
        """A permanent entry or feed id: its address with ``url``, else a URN made from it."""
        if self.url:
            return self.link(path, "")
        return uuid.uuid5(uuid.NAMESPACE_URL, f"mkdocs-briefings:{path}").urn


def xml_text(value: str) -> str:
    """Text as a reader of the site sees it (controls shown), that XML can hold."""
    return NOT_XML.sub(lambda m: markup.code_point(m.group()), markup.visible(value))


def moment(day: dt.date) -> dt.datetime:
    """The start of a day in UTC: feeds want times, articles have dates."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Entry:
    """What a feed says of one briefing."""

    url: str
    title: str
    date: dt.date
    summary: str
    author: str | None
    tags: tuple[str, ...]


def entry_of(briefing: Briefing) -> Entry | None:
    """A briefing as a feed entry; None if it has no date (a feed orders by date)."""
    article = briefing.article
    if article.date is None:
        return None
    return Entry(
        f"briefings/{article.slug}/",
        article.title,
        article.date,
        describe(briefing),
        article.author,
        tuple(article.tags),
    )


def entry_again(briefing: Briefing) -> Entry | None:
    """:func:`entry_of`, taken from the last build's entries when the briefing is the same."""
    made = ENTRIES.get(briefing.article.slug)
    if made is not None and (made[0] is briefing or made[0] == briefing):
        return made[1]
    return entry_of(briefing)


# The last build's entries by slug, with their briefings: a serve rebuild describes again
# only the new and edited briefings (the feeds made from the entries are kept anyway).
ENTRIES: dict[str, tuple[Briefing, Entry | None]] = {}


def atom(site: FeedSite, path: str, title: str, page: str, briefings: Iterable[Briefing]) -> str:
    """One Atom feed at ``path`` of the newest dated ``briefings`` (given newest first),
    about the page at ``page``."""
    entries = (entry_of(b) for b in briefings)
    return atom_of(site, path, title, page, tuple(e for e in entries if e)[:FEED_LENGTH])


# A serve rebuild makes every feed again, and most are what they were: one per actor, and
# the feed of an actor the new article does not name is unchanged. Made by feedgen (lxml),
# they were a tenth of a rebuild; a feed of the same entries is taken from here.
@functools.lru_cache(maxsize=16_384)
def atom_of(site: FeedSite, path: str, title: str, page: str, dated: tuple[Entry, ...]) -> str:
    """The Atom feed of ``dated`` entries (newest first)."""
    feed = FeedGenerator()
    feed.id(site.id(path))
    feed.title(xml_text(title))
    feed.author({"name": xml_text(site.author or site.name)})
    feed.link(href=site.link(page, path), rel="alternate", type="text/html")
    feed.link(href=site.link(path, path), rel="self", type="application/atom+xml")
    feed.language("en")
    feed.generator("MkDocs Briefings")
    feed.updated(moment(max((e.date for e in dated), default=dt.date(1970, 1, 1))))
    for item in dated:
        entry = feed.add_entry(order="append")
        entry.id(site.id(item.url))
        entry.title(xml_text(item.title))
        entry.link(href=site.link(item.url, path), rel="alternate", type="text/html")
        entry.published(moment(item.date))
        entry.updated(moment(item.date))
        entry.summary(xml_text(item.summary))
        if item.author:
            entry.author({"name": xml_text(item.author)})
        for tag in item.tags:
            entry.category(term=xml_text(tag))
    xml: bytes = feed.atom_str(pretty=True)
    return xml.decode("utf-8")


def actor_feed(actor_id: str) -> str:
    """Where the feed of an actor's briefings is, under the site root."""
    return f"feeds/actors/{actor_id}.xml"


def tag_feed(tag: str) -> str:
    """Where the feed of a tag's briefings is, under the site root."""
    return f"feeds/tags/{slugify(tag)}.xml"


def build_feeds(corpus: Corpus, site: FeedSite) -> dict[str, str]:
    """Every feed of the site by its path: all briefings, each actor's, each tag's."""
    entries = {b.article.slug: entry_again(b) for b in corpus.briefings}  # each made once
    ENTRIES.clear()
    ENTRIES.update((b.article.slug, (b, entries[b.article.slug])) for b in corpus.briefings)

    def feed(path: str, title: str, page: str, slugs: Iterable[str]) -> str:
        dated = (e for slug in slugs if (e := entries.get(slug)))
        return atom_of(site, path, title, page, tuple(itertools.islice(dated, FEED_LENGTH)))

    feeds = {SITE_FEED: feed(SITE_FEED, site.name, "", entries)}
    for actor in corpus.actors.values():
        path = actor_feed(actor.id)
        title = f"{site.name}: {actor.name}"
        feeds[path] = feed(path, title, f"actors/{actor.id}/", corpus.briefings_of(actor.id))
    tagged: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for briefing in corpus.briefings:  # newest first, so each tag's list is too
        for tag in dict.fromkeys(briefing.article.tags):
            if slugify(tag):
                tagged[tag_feed(tag)].append(briefing.article.slug)
                names.setdefault(tag_feed(tag), tag)
    for path, slugs in tagged.items():
        feeds[path] = feed(path, f"{site.name}: {names[path]}", "briefings/", slugs)
    return feeds
