"""Atom feeds of the briefings: the whole site, one per actor and one per tag, as
``{path under site/: xml}``; built with feedgen from the corpus."""

from __future__ import annotations

import datetime as dt
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


def atom(site: FeedSite, path: str, title: str, page: str, briefings: Iterable[Briefing]) -> str:
    """One Atom feed at ``path`` of the newest dated ``briefings`` (given newest first),
    about the page at ``page``."""
    dated = [b for b in briefings if b.article.date is not None][:FEED_LENGTH]
    feed = FeedGenerator()
    feed.id(site.id(path))
    feed.title(xml_text(title))
    feed.author({"name": xml_text(site.author or site.name)})
    feed.link(href=site.link(page, path), rel="alternate", type="text/html")
    feed.link(href=site.link(path, path), rel="self", type="application/atom+xml")
    feed.language("en")
    feed.generator("MkDocs Briefings")
    days = [b.article.date for b in dated if b.article.date is not None]
    feed.updated(moment(max(days, default=dt.date(1970, 1, 1))))
    for briefing in dated:
        article = briefing.article
        assert article.date is not None
        url = f"briefings/{article.slug}/"
        entry = feed.add_entry(order="append")
        entry.id(site.id(url))
        entry.title(xml_text(article.title))
        entry.link(href=site.link(url, path), rel="alternate", type="text/html")
        entry.published(moment(article.date))
        entry.updated(moment(article.date))
        entry.summary(xml_text(describe(briefing)))
        if article.author:
            entry.author({"name": xml_text(article.author)})
        for tag in article.tags:
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
    feeds = {SITE_FEED: atom(site, SITE_FEED, site.name, "", corpus.briefings)}
    for actor in corpus.actors.values():
        briefings = [
            corpus.by_slug[s] for s in corpus.briefings_of(actor.id) if s in corpus.by_slug
        ]
        path = actor_feed(actor.id)
        feeds[path] = atom(
            site, path, f"{site.name}: {actor.name}", f"actors/{actor.id}/", briefings
        )
    tagged: dict[str, list[Briefing]] = defaultdict(list)
    names: dict[str, str] = {}
    for briefing in corpus.briefings:  # newest first, so each tag's list is too
        for tag in dict.fromkeys(briefing.article.tags):
            if slugify(tag):
                tagged[tag_feed(tag)].append(briefing)
                names.setdefault(tag_feed(tag), tag)
    for path, briefings in tagged.items():
        feeds[path] = atom(site, path, f"{site.name}: {names[path]}", "briefings/", briefings)
    return feeds
