"""Rebuilds that render only the generated pages whose content changed.

``mkdocs serve`` rebuilds the whole site after every change, and rendering ~3,000 generated
pages is most of a rebuild at 1,600 articles, though a new article changes only its
briefing, the front pages of the actors it names and a few index pages. So the plugin
remembers, for each generated page out of the navigation, a key (its Markdown, its HTML
blocks and the site's signature: mkdocs.yml, the hand-written pages, the theme, the site's
address), the HTML that MkDocs wrote for it, and the entries the site's search made of it.
On the next build a page whose key is unchanged is not given to MkDocs as a page to render
but as a file to copy (:class:`KeptFile`, its HTML as content, at the page's own path and
URL, so links to it resolve as before); the search index gets the page's remembered
entries, the sitemap its address, and Material's tags plugin its tags, so that ``site/``
is the same as a full build's. Anything this module cannot vouch for (another search
plugin, a first build) means a full build.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .pages.blocks import Rendered


class KeptFile(File):
    """A generated page or data file kept from the last build: MkDocs copies its content
    and renders nothing (it is no documentation page), while links to a page's ``.md`` path
    still resolve. In a dirty build it is not even copied while the file the last build
    wrote is still there, untouched."""

    written: tuple[int, int] | None = None  # (size, mtime_ns) of what the last build wrote

    def is_documentation_page(self) -> bool:
        return False

    def is_modified(self) -> bool:
        return self.written is None or self.written != stat_of(self.abs_dest_path)


def stat_of(path: str) -> tuple[int, int] | None:
    """A written file's size and time, None where there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


@dataclass(frozen=True)
class Kept:
    """What the last build made of one generated page."""

    key: str
    html: bytes  # as MkDocs wrote it to site/
    entries: tuple[dict[str, Any], ...]  # the search index's entries of the page
    title: str | None
    meta: Mapping[str, Any]
    written: tuple[int, int] | None = None  # the file's size and time in site/


@dataclass(frozen=True)
class KeptData:
    """What the last build wrote of one generated data file (JSON export, feed, asset)."""

    content: str
    written: tuple[int, int] | None


def page_key(signature: str, rendered: Rendered) -> str:
    """What a generated page's HTML depends on: its Markdown, its HTML blocks, the site."""
    digest = hashlib.sha256(signature.encode())
    digest.update(rendered.markdown.encode())
    for block in rendered.html:
        digest.update(b"\0" + block.encode())
    digest.update(repr(sorted(rendered.unsearched)).encode())
    return digest.hexdigest()


def site_signature(config: MkDocsConfig, files: Iterable[File]) -> str:
    """What every page's HTML depends on besides its own content: mkdocs.yml, the site's
    address, the hand-written pages and theme overrides (by size and time), the versions
    of MkDocs and the theme."""
    digest = hashlib.sha256()
    config_file = Path(config.config_file_path or "mkdocs.yml")
    if config_file.is_file():
        digest.update(config_file.read_bytes())
    for value in (config.site_url, config.site_name, config.theme.name, config.theme.custom_dir):
        digest.update(f"\0{value}".encode())
    for package in ("mkdocs", "mkdocs-material"):
        digest.update(f"\0{package} {version(package)}".encode())
    sources = [f.abs_src_path for f in files if f.generated_by is None and f.abs_src_path]
    custom_dir = config.theme.custom_dir
    if custom_dir and Path(custom_dir).is_dir():
        sources += [str(p) for p in Path(custom_dir).rglob("*") if p.is_file()]
    for source in sorted(set(sources)):
        stat = Path(source).stat()
        digest.update(f"\0{source} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def dest_of(src_uri: str) -> str:
    """Where MkDocs writes a page (folder URLs): ``actors/x.md`` -> ``actors/x/index.html``."""
    parent, name = posixpath.split(src_uri.removesuffix(".md"))
    return posixpath.join(parent, "index.html" if name == "index" else f"{name}/index.html")


def search_entries(plugins: Any) -> list[dict[str, Any]] | None:
    """The entries list of the site's search index (Material's or MkDocs' own search
    plugin), or None where there is none this module knows."""
    for name in ("material/search", "search"):
        plugin = plugins.get(name) if hasattr(plugins, "get") else None
        index = getattr(plugin, "search_index", None)
        for attribute in ("entries", "_entries"):
            entries = getattr(index, attribute, None)
            if isinstance(entries, list):
                return entries
    return None


def page_url(location: str) -> str:
    """The page URL of a search entry's location (its part before the anchor)."""
    return location.split("#", 1)[0]


class Rebuilds:
    """Generated pages and data files kept between builds of one ``mkdocs serve`` session.

    ``dirty``: the build at hand is a dirty one (MkDocs keeps ``site/`` and copies only
    the files it finds modified). Then the hand-written pages are rendered all the same
    (the home page lists the newest briefings, the tags page every tag), kept files that
    are still in ``site/`` are not written again, and the files of generated pages and
    data that are gone since the last build are removed."""

    def __init__(self, keeping: bool = True) -> None:
        self.keeping = keeping  # False: a single build, nothing to keep for a next one
        self.kept: dict[str, Kept] = {}
        self.data: dict[str, KeptData] = {}
        self.keys: dict[str, str] = {}  # this build's keepable pages: src_uri -> key
        self.made: dict[str, tuple[Rendered, str]] = {}  # the key of each page made before
        self.reused = 0
        self.signature = ""
        self.dirty = False
        self.written: set[str] = set()  # site/ paths of the generated files of the last build

    def start(self, config: MkDocsConfig, files: Files) -> None:
        """Note the site's signature, before the generated pages join ``files``; in a dirty
        build, have MkDocs render every hand-written page."""
        if not self.keeping:
            return
        signature = site_signature(config, files)
        if signature != self.signature:
            self.made = {}
        self.signature = signature
        self.keys = {}
        self.reused = 0
        if search_entries(config.plugins) is None:
            self.kept = {}  # no search index we can complete: render everything
            self.data = {}
        if self.dirty:
            for file in files.documentation_pages():
                # MkDocs renders a page in a dirty build only when its HTML is missing or
                # older than its source.
                if file.generated_by is None and os.path.isfile(file.abs_dest_path):
                    os.unlink(file.abs_dest_path)

    def file(
        self,
        config: MkDocsConfig,
        src_uri: str,
        content: str,
        rendered: Rendered | None,
        inclusion: InclusionLevel,
    ) -> File:
        """The file of one generated page or data file: kept from the last build where it
        is a page out of the navigation whose key is unchanged, else as MkDocs reads it."""
        if not self.keeping:
            return File.generated(config, src_uri, content=content, inclusion=inclusion)
        if rendered is None:
            data = self.data.get(src_uri)
            if data is None or data.content != content:
                return File.generated(config, src_uri, content=content, inclusion=inclusion)
            file = cast(
                KeptFile, KeptFile.generated(config, src_uri, content=content, inclusion=inclusion)
            )
            file.written = data.written
            return file
        if inclusion != InclusionLevel.NOT_IN_NAV:
            return File.generated(config, src_uri, content=content, inclusion=inclusion)
        made = self.made.get(src_uri)
        if made is not None and made[0] is rendered:
            key = made[1]  # the same page as made before (pages keep what they make)
        else:
            key = page_key(self.signature, rendered)
            self.made[src_uri] = (rendered, key)
        self.keys[src_uri] = key
        kept = self.kept.get(src_uri)
        if kept is None or kept.key != key:
            return File.generated(config, src_uri, content=content, inclusion=inclusion)
        file = cast(
            KeptFile, KeptFile.generated(config, src_uri, content=kept.html, inclusion=inclusion)
        )
        file.dest_uri = dest_of(src_uri)
        file.written = kept.written
        page = Page(kept.title, file, config)  # for the sitemap and the tags plugin
        page.meta = dict(kept.meta)
        self.reused += 1
        return file

    def tag(self, plugins: Any, files: Files) -> None:
        """Give Material's tags plugin the tags of the kept pages, as it collects those of
        rendered pages while reading them."""
        tags = plugins.get("material/tags") if hasattr(plugins, "get") else None
        mappings = getattr(tags, "mappings", None)
        if mappings is None or not getattr(getattr(tags, "config", None), "enabled", False):
            return
        added = False
        for file in files:
            if isinstance(file, KeptFile) and file.page is not None and file.page.meta.get("tags"):
                mappings.add(file.page, "")
                added = True
        if added:  # in the order of a full build, which reads the pages in the order of files
            data = mappings.data
            order = [f.url for f in files if f.url in data]
            mappings.data = {url: data[url] for url in order} | data

    def sitemap_pages(self, files: Files, pages: Iterable[File]) -> list[File]:
        """The pages the sitemap lists: those MkDocs renders and the kept ones, in the order
        of ``files`` (the order of a full build)."""
        listed = {id(f) for f in pages}
        return [f for f in files if id(f) in listed or isinstance(f, KeptFile)]

    def finish(self, config: MkDocsConfig, files: Files) -> None:
        """Complete the search index with the kept pages' entries, in the order a full build
        gives them, and remember every keepable page for the next build."""
        entries = search_entries(config.plugins)
        if entries is None:
            self.kept = {}
            return
        by_url: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            by_url.setdefault(page_url(str(entry.get("location", ""))), []).append(entry)
        merged: list[dict[str, Any]] = []
        kept: dict[str, Kept] = {}
        data: dict[str, KeptData] = {}
        written: set[str] = set()
        for file in files:
            if file.generated_by is None:
                if file.is_documentation_page() and file.page is not None:
                    merged += by_url.pop(file.page.url, [])
                continue
            written.add(file.abs_dest_path)
            if isinstance(file, KeptFile) and file.src_uri in self.kept:
                previous = self.kept[file.src_uri]
                merged += previous.entries
                kept[file.src_uri] = replace(previous, written=stat_of(file.abs_dest_path))
            elif file.is_documentation_page() and file.page is not None:
                own = by_url.pop(file.page.url, [])
                merged += own
                key = self.keys.get(file.src_uri)
                path = Path(file.abs_dest_path)
                if key is not None and path.is_file():
                    page = file.page
                    kept[file.src_uri] = Kept(
                        key, path.read_bytes(), tuple(own), page.title, dict(page.meta),
                        stat_of(file.abs_dest_path),
                    )  # fmt: skip
            elif isinstance(file.content_string, str) and not file.is_documentation_page():
                data[file.src_uri] = KeptData(file.content_string, stat_of(file.abs_dest_path))
        for rest in by_url.values():  # entries of no page in files (none, in practice)
            merged += rest
        entries[:] = merged
        if self.dirty:
            remove_stale(self.written - written, config.site_dir)
        self.kept, self.data, self.written = kept, data, written


def remove_stale(paths: Iterable[str], site_dir: str) -> None:
    """Remove files the last build wrote for generated pages and data that are gone now,
    and the folders they leave empty (never ``site_dir`` itself)."""
    root = os.path.abspath(site_dir)
    for path in sorted(paths):
        if not os.path.abspath(path).startswith(root + os.sep):
            continue  # (another site's: never touched)
        try:
            os.unlink(path)
        except OSError:
            continue
        folder = os.path.dirname(os.path.abspath(path))
        while folder.startswith(root + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
