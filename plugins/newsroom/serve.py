"""``mkdocs serve`` watching the input folders themselves, not only the files in them.

MkDocs watches a folder with a polling observer that stops for good when the folder goes
away, and it rebuilds on file events only: deleting ``seeds/`` (or moving it aside) and
putting it back would leave the site stale, with new articles 404 until some other file
changed. So the folder's parent is watched for the folder itself: when it appears, moves
or disappears, the folder's watch is renewed and a rebuild requested.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler

if TYPE_CHECKING:
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
