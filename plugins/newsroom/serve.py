"""``mkdocs serve``: the input folders watched themselves, and quick rebuilds.

MkDocs watches a folder with a polling observer that stops for good when the folder goes
away, and it rebuilds on file events only: deleting ``seeds/`` (or moving it aside) and
putting it back would leave the site stale, with new articles 404 until some other file
changed. So the folder's parent is watched for the folder itself: when it appears, moves
or disappears, the folder's watch is renewed and a rebuild requested.

MkDocs' rebuild empties ``site/`` and writes every file again, the theme's too (about
1,200 files for 400 articles, two seconds on a slow disk), though a new article changes a
few dozen pages: :class:`Rebuilder` makes it a dirty build whenever only the articles or
the editorial files changed.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
from mkdocs.plugins import get_plugin_logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .collector import IdleCollector

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class FolderWatch(FileSystemEventHandler):
    """Renews the watch of each folder when the folder itself is created, moved or deleted."""

    def __init__(self, server: LiveReloadServer, folders: Iterable[Path]) -> None:
        self.server = server
        self.folders = {os.path.abspath(folder) for folder in folders}
        self.watched: set[str] = set()
        self.lock = threading.Lock()

    def start(self) -> None:
        """Watch each folder (recursively) and, once, each folder's parent (for the folder)."""
        for parent in sorted({os.path.dirname(f) for f in self.folders}):
            if os.path.isdir(parent):
                self.server.observer.schedule(self, parent, recursive=False)
        for folder in sorted(self.folders):
            self.renew(folder)

    def renew(self, folder: str) -> None:
        """Drop the folder's old watch (its observer may have stopped) and watch it again if
        it exists now."""
        with self.lock:
            if folder in self.watched:
                self.server.unwatch(folder)
                self.watched.discard(folder)
            if os.path.isdir(folder):
                self.server.watch(folder, recursive=True)
                self.watched.add(folder)

    def on_any_event(self, event: FileSystemEvent) -> None:
        """A change of the parent folder: act when it is one of ours."""
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", b"") or b"")}
        touched = sorted(self.folders & paths)
        for folder in touched:
            log.info(f"{folder} was {event.event_type}; rebuilding")
            self.renew(folder)
        if touched:
            request_rebuild(self.server)


def request_rebuild(server: LiveReloadServer) -> None:
    """Ask the server for a rebuild, as its own file watch does. MkDocs has no public call
    for it; without these attributes (another MkDocs version) the next file change will do."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave navigation and links stale: the
    plugin renders every page whose content changed and every hand-written page, and
    removes the files of pages that are gone (in strict mode the warning would abort)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class Rebuilder:
    """``mkdocs serve``'s rebuilds: a dirty build (``site/`` kept, the theme's files not
    copied again, kept pages not written again) when only articles or editorial files
    changed since the last build, MkDocs' own clean build otherwise.

    Whether anything else changed is told by the state of mkdocs.yml, the docs folder, the
    theme's ``custom_dir`` and the extra watched paths (their files' paths, sizes and
    times), taken before each build. ``mark`` tells the plugin whether the build at hand is
    a dirty one; ``collector``, if given, hears of each rebuild (see :mod:`.collector`)."""

    def __init__(
        self,
        builder: Callable[[], None],
        config: MkDocsConfig,
        mark: Callable[[bool], None],
        own: Iterable[Path],
        collector: IdleCollector | None = None,
    ) -> None:
        self.builder = builder  # MkDocs' own: reads mkdocs.yml again, cleans site/
        self.config_file = config.config_file_path
        self.site_dir = config.site_dir
        self.site_url = config.site_url  # serve's own address
        self.overrides: dict[str, Any] = {"dev_addr": str(config.dev_addr), "strict": config.strict}
        self.mark = mark
        self.own = tuple(os.path.abspath(p) for p in own)  # the seeds and editorial folders
        self.watch = list(config.watch)  # mkdocs.yml's and the command line's
        self.state: tuple[object, ...] | None = self.state_of(config)
        self.collector = collector

    def state_of(self, config: MkDocsConfig) -> tuple[object, ...]:
        """What a dirty build cannot follow: every file outside the plugin's own folders
        that the site is made from."""
        roots = [config.config_file_path, config.docs_dir, config.theme.custom_dir, *self.watch]
        found = [
            entry
            for root in sorted({os.path.abspath(r) for r in roots if r} - set(self.own))
            for entry in files_state(root, self.own)
        ]
        return (config.theme.name, tuple(found))

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        if config is not None:  # a build of a given config: MkDocs' own way
            self.builder(config)  # type: ignore[call-arg]
            return
        if self.collector is None:
            self.rebuild()
            return
        self.collector.busy()
        try:
            self.rebuild()
        finally:
            self.collector.rest()

    def rebuild(self) -> None:
        """Dirty when only the plugin's own folders changed, clean otherwise."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        fresh = load_config(self.config_file, site_dir=self.site_dir, **self.overrides)
        fresh.site_url = self.site_url
        state = self.state_of(fresh)
        if state != self.state:
            self.state = None  # until the clean build is through
            self.builder()
            self.state = state
            return
        self.mark(True)
        quiet = DirtyWarning()
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            build(fresh, serve_url=self.site_url, dirty=True)
        except BaseException:
            self.state = None  # the next rebuild is a clean one
            raise
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
            self.mark(False)


def files_state(
    root: str | os.PathLike[str], skipped: Iterable[str] = ()
) -> tuple[tuple[str, int, int], ...]:
    """Every file under ``root`` (or ``root`` itself) by path, size and time, in order,
    outside the ``skipped`` folders: what tells that one of them changed."""
    found = []
    for path in walk(os.fspath(root), skipped):
        try:
            stat = os.stat(path)
        except OSError:
            continue  # gone since it was listed
        found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def walk(root: str, skipped: Iterable[str]) -> Iterable[str]:
    """Every file under ``root`` (or ``root`` itself), in order, outside the ``skipped``
    folders."""
    if os.path.isfile(root):
        yield root
        return
    skip = set(skipped)
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if os.path.join(folder, f) not in skip)
        for name in sorted(names):
            yield os.path.join(folder, name)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once a serve session: MkDocs makes a new template
    environment for every build, and compiling Material's templates again took a fifth of
    a rebuild after a new article. Jinja checks each template's source against what was
    compiled, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
