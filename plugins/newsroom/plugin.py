"""The ``briefings`` MkDocs plugin: the hooks read like the table of contents of a build.

load (seeds/, briefings/) -> annotate -> index the corpus -> render Markdown -> MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .annotator import Annotator
from .config import BriefingsConfig
from .corpus import Corpus, build_corpus
from .editorial import load_editorial
from .model import Problem
from .nlp.pipeline import ModelNotFound
from .pages import render_pages
from .pages.indexes import render_home_extra
from .seeds import load_articles

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
STYLESHEET = "assets/briefings.css"


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.annotator: Annotator | None = None
        self.corpus: Corpus | None = None
        self.root = Path.cwd()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defined so that MkDocs keeps this object, and its loaded model, across serve rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve folders against mkdocs.yml and add the stylesheet."""
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        options = (self.config.model, self.config.workers, self.config.batch_size)
        if self.annotator is None or options != (
            self.annotator.model_name, self.annotator.workers, self.annotator.batch_size
        ):
            self.annotator = Annotator(*options)
        return config

    def path(self, option: str) -> Path:
        return self.root / str(self.config[option])

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load, annotate and index the corpus; add every generated page in memory."""
        if not self.config.enabled or self.annotator is None:
            return None
        loaded = load_articles(self.path("seeds_dir"), self.config.max_article_bytes)
        editorial = load_editorial(self.path("editorial_dir"))
        report(loaded.problems, self.config.seeds_dir)
        report(editorial.problems, self.config.editorial_dir)
        try:
            briefings = self.annotator.annotate(loaded.articles, editorial.editorial)
        except ModelNotFound as error:
            raise PluginError(str(error)) from None
        self.corpus = build_corpus(briefings, editorial.editorial)
        generated = render_pages(self.corpus)
        generated[STYLESHEET] = (Path(__file__).parent / "templates" / "briefings.css").read_text("utf-8")
        for src_uri, content in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Append the latest briefings, topics and actors to the hand-written home page."""
        if not self.config.enabled or self.corpus is None or page.file.src_uri != "index.md":
            return None
        return markdown.rstrip() + "\n\n" + render_home_extra(self.corpus)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        """Rebuild when an editor adds or edits an article or an editorial file."""
        if not self.config.enabled:
            return None
        for option in ("seeds_dir", "editorial_dir"):
            if self.path(option).is_dir():
                server.watch(str(self.path(option)), recursive=True)
        return server


def report(problems: tuple[Problem, ...], folder: str) -> None:
    """Log every input problem with its file (relative to mkdocs.yml) and line."""
    for problem in problems:
        message = f"{folder}/{problem}"
        if problem.severity == "error":
            log.error(message)
        else:
            log.warning(message)
