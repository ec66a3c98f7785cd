"""The ``briefings`` MkDocs plugin: the hooks read like the table of contents of a build.

load (seeds/, briefings/) -> annotate -> index the corpus -> render Markdown -> MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel

from .annotate import Annotator, annotator_for
from .cache import AnnotationCache
from .collector import IdleCollector
from .config import BriefingsConfig, cache_dir_problem
from .corpus import Corpus, build_corpus
from .editorial import EditorialLoad, load_editorial, with_articles
from .feeds import FeedSite, build_feeds
from .incremental import Rebuilds
from .model import Article, Briefing, Editorial, Problem
from .pages import Site, render_site
from .pages import markup as m
from .pages.indexes import render_home_extra
from .pages.orientation import section_index, wants_toc, with_toc
from .pages.templating import Templates
from .seeds import Loaded, load_articles
from .serve import CompiledTemplates, FolderWatch, Rebuilder, files_state
from .text import printable
from .topics import TopicText, topic_texts

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)
STYLESHEET = "assets/briefings.css"
SCRIPT = "assets/javascripts/briefings.js"
ASSETS = {STYLESHEET: "briefings.css", SCRIPT: "briefings.js"}  # site path -> templates/ file
# Our overrides of the theme's partials: after the site's custom_dir, before the theme's own.
THEME_OVERRIDES = str(Path(__file__).parent / "templates" / "theme")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def __init__(self) -> None:
        self.annotator: Annotator | None = None
        self.annotator_options: tuple[object, ...] = ()
        self.loaded: Loaded | None = None  # the last build's articles, reused by serve
        self.corpus: Corpus | None = None
        self.site: Site | None = None
        self.templates = Templates()
        self.templates_made_from: tuple[object, ...] = ()  # custom_dir and its files' state
        self.lost: list[str] = []  # pages whose unsearched blocks lost their markers
        self.root = Path.cwd()
        self.command: str | None = None  # None: MkDocs used as a library
        self.rebuilds = Rebuilds()  # generated pages kept between serve rebuilds
        self.files = Files([])
        self.dirty = False  # `mkdocs serve --dirty`: every rebuild a dirty one
        self.compiled = CompiledTemplates()  # the theme's templates, in serve
        self.editorial: tuple[object, EditorialLoad] | None = None  # its files' state, load
        self.collector: IdleCollector | None = None  # in serve, between rebuilds

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defined so that MkDocs keeps this object across serve rebuilds, and with it the
        annotator: its loaded model and the annotations of the last build, in memory."""
        self.command = command
        self.dirty = dirty
        # A serve session starts with nothing kept (MkDocs may hand over a plugin object
        # that built other sites in this process).
        self.rebuilds = Rebuilds(keeping=command == "serve")
        self.rebuilds.dirty = dirty and command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve folders against mkdocs.yml, add the stylesheet, (re)make the annotator
        when its options changed (serve reloads mkdocs.yml on every rebuild)."""
        if not self.config.enabled:
            return None
        if not config.use_directory_urls:
            raise PluginError(
                "briefings: the generated pages link to each other by folder URLs; "
                "remove `use_directory_urls: false` from mkdocs.yml"
            )
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in map(str, config.extra_javascript):
            script = ExtraScriptValue(SCRIPT)
            script.defer = True  # it only listens for taps: never worth delaying the first paint
            config.extra_javascript.append(script)
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        made_from = (custom_dir, files_state(custom_dir) if custom_dir else ())
        if made_from != self.templates_made_from:  # serve keeps them between rebuilds
            self.templates = Templates(custom_dir)
            self.templates_made_from = made_from
        if THEME_OVERRIDES not in config.theme.dirs:
            config.theme.dirs.insert(1 if custom_dir else 0, THEME_OVERRIDES)
        cache_dir = self.path("cache_dir") if self.config.cache else None
        if cache_dir is not None:
            problem = cache_dir_problem(
                cache_dir,
                self.root,
                seeds_dir=self.path("seeds_dir"),
                editorial_dir=self.path("editorial_dir"),
                docs_dir=Path(config.docs_dir),
                site_dir=Path(config.site_dir),
            )
            if problem:
                raise PluginError(f"briefings: {problem}")
        options = (
            self.config.model,
            self.config.workers,
            self.config.batch_size,
            cache_dir,
            self.config.executor,
            self.config.scheduler_address,
        )
        if self.annotator is None or options != self.annotator_options:
            self.annotator = make_annotator(self.config, cache_dir)
            self.annotator_options = options
        warn_without_site_url(config.site_url, self.command)
        return config

    def path(self, option: str) -> Path:
        return self.root / str(self.config[option])

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load, annotate and index the corpus; add every generated page in memory, the
        briefings, actors and topics out of the navigation (index pages lead to them)."""
        if not self.config.enabled or self.annotator is None:
            return None
        loaded = load_articles(self.path("seeds_dir"), self.config.max_article_bytes, self.loaded)
        self.loaded = loaded
        editorial = with_articles(self.load_editorial(), loaded.articles)
        report(loaded.problems, self.config.seeds_dir)
        report(editorial.problems, self.config.editorial_dir)
        # The topics' background is annotated with the articles, through the same cache.
        texts = topic_texts(editorial.editorial.topics)
        annotated, failed = annotate_each(
            self.annotator,
            [*loaded.articles, *(text.article for text in texts)],
            editorial.editorial,
        )
        articles_failed, topics_failed = split_failures(failed, texts)
        report(articles_failed, self.config.seeds_dir)
        report(topics_failed, self.config.editorial_dir)
        if self.annotator.report is not None:
            log.info(str(self.annotator.report))
        # An article or topic that failed is left out of ``annotated``: match by identity.
        done = {id(b.article): b for b in annotated}
        self.corpus = build_corpus(
            [done[id(a)] for a in loaded.articles if id(a) in done],
            editorial.editorial,
            [(t, done[id(t.article)].annotation) for t in texts if id(t.article) in done],
            remember=self.command == "serve",
        )
        self.site = render_site(self.corpus, self.templates, remember=self.command == "serve")
        self.lost = []
        generated = self.site.files()
        generated.update(build_feeds(self.corpus, FeedSite(config.site_name, config.site_url)))
        for src_uri, name in ASSETS.items():
            generated[src_uri] = (Path(__file__).parent / "templates" / name).read_text("utf-8")
        if self.command != "serve":
            self.rebuilds = Rebuilds(keeping=False)  # a build renders every page
        self.rebuilds.start(config, files)
        for src_uri, content in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = (
                InclusionLevel.NOT_IN_NAV if section_index(src_uri) else InclusionLevel.UNDEFINED
            )
            rendered = self.site.pages.get(src_uri)
            files.append(self.rebuilds.file(config, src_uri, content, rendered, inclusion))
        self.files = files
        return files

    def load_editorial(self) -> EditorialLoad:
        """The editorial folder, loaded again only when one of its files changed (serve
        rebuilds after a new article read the same registry)."""
        folder = self.path("editorial_dir")
        state = files_state(folder)
        if self.editorial is None or self.editorial[0] != state:
            self.editorial = (state, load_editorial(folder))
        return self.editorial[1]

    def mark_dirty(self, dirty: bool) -> None:
        """Told by serve's :class:`.serve.Rebuilder` whether the build at hand is dirty."""
        self.rebuilds.dirty = dirty or self.dirty

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Put a generated briefing, actor or topic page under its section's index page, so
        that Material shows that section's tab as active while the page is built."""
        if not self.config.enabled or not page.file.generated_by:
            return None
        index = section_index(page.file.src_uri)
        parent = files.get_file_from_path(index).page if index else None  # type: ignore[union-attr]
        if parent is not None and page.parent is None:
            page.parent = parent  # type: ignore[assignment]
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Append the latest briefings, topics and actors to the hand-written home page."""
        if not self.config.enabled or self.corpus is None or page.file.src_uri != "index.md":
            return None
        return markdown.rstrip() + "\n\n" + render_home_extra(self.corpus)

    @event_priority(100)  # first: other plugins see the page as readers will
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the generated page's HTML blocks in, where Markdown left their markers, and
        its contents under the title (MkDocs has made the toc by now)."""
        if not self.config.enabled or self.site is None or not page.file.generated_by:
            return None
        rendered = self.site.pages.get(page.file.src_uri)
        if rendered is None:
            return None
        filled = rendered.fill(html)
        return (
            with_toc(filled, page.toc, self.templates) if wants_toc(page.file.src_uri) else filled
        )

    @event_priority(100)  # first: before any plugin that minifies the page drops comments
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put in the blocks search does not read, now that it has indexed the page."""
        if not self.config.enabled or self.site is None or not page.file.generated_by:
            return None
        rendered = self.site.pages.get(page.file.src_uri)
        if rendered is None or not rendered.unsearched:
            return None
        finished, lost = rendered.fill_unsearched(output)
        if lost:
            self.lost.append(page.file.src_uri)
        return finished

    @event_priority(150)  # before Material's tags plugin lists the tags of every page
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> None:
        """Give the tags plugin the tags of the pages kept from the last serve build, and
        the theme's templates as compiled in the last one."""
        if self.config.enabled:
            self.rebuilds.tag(config.plugins, files)
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        """List the pages kept from the last serve build in the sitemap too."""
        if not self.config.enabled or template_name != "sitemap.xml":
            return None
        context["pages"] = self.rebuilds.sitemap_pages(self.files, context["pages"])
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Complete the search index with the kept pages' entries and remember this build's
        pages; name, once, the pages whose unsearched lists another plugin removed."""
        if not self.config.enabled:
            return
        if self.command == "serve":
            self.rebuilds.finish(config, self.files)
        if self.rebuilds.reused:
            log.info(f"{self.rebuilds.reused} unchanged pages kept from the last build")
        if self.lost:
            shown = ", ".join(self.lost[:5]) + (", ..." if len(self.lost) > 5 else "")
            log.warning(
                f"lists are missing from {m.plural(len(self.lost), 'page')} ({shown}): "
                "they wait in HTML comments until search has read a page, and another plugin "
                "removed the comments first; turn its comment removal off"
            )

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when an editor adds or edits an article or an editorial file, or deletes,
        moves or re-creates their folders; load the model in the background meanwhile: the
        first article added waits only for its own annotation, not for spaCy's import and
        the model's load."""
        if not self.config.enabled:
            return None
        if self.annotator is not None:
            self.annotator.preload()
        FolderWatch(server, self.own_folders()).start()
        # Not with --dirty (every one of MkDocs' builds is a dirty one) nor with --clean
        # (serve builds as `mkdocs build` does: every page, every time).
        if self.command == "serve" and not self.dirty:
            self.collector = IdleCollector()
            self.collector.start()
            server.builder = self.rebuilder(server.builder, config, self.collector)
        return server

    def on_shutdown(self) -> None:
        """Give the process its garbage collector back as serve found it."""
        if self.collector is not None:
            self.collector.stop()
            self.collector = None

    def own_folders(self) -> list[Path]:
        """The folders the plugin reads its inputs from: the seeds and the editorial files."""
        return [self.path("seeds_dir"), self.path("editorial_dir")]

    def rebuilder(
        self,
        builder: Callable[[], None],
        config: MkDocsConfig,
        collector: IdleCollector | None = None,
    ) -> Rebuilder:
        """Serve's rebuilds, dirty where only the plugin's own folders changed, around
        MkDocs' own ``builder``; ``collector`` plans the garbage collector's work."""
        return Rebuilder(builder, config, self.mark_dirty, self.own_folders(), collector)


def warn_without_site_url(site_url: str | None, command: str | None) -> None:
    """Say once per build that a site without ``site_url`` is not ready to publish: a
    warning for ``gh-deploy``, a note for ``build`` (which also makes previews)."""
    if site_url or command not in ("build", "gh-deploy"):
        return  # `mkdocs serve` sets its own address
    message = (
        "site_url is not set in mkdocs.yml: feeds link relatively, sitemap.xml lists no "
        "addresses and pages have no canonical link or og:url. Set it to the public address "
        "before publishing (site_url: https://example.org/briefings/, or "
        "site_url: !ENV [SITE_URL, ''] and SITE_URL in the environment)"
    )
    (log.warning if command == "gh-deploy" else log.info)(message)


def annotate_each(
    annotator: Annotator, articles: Sequence[Article], editorial: Editorial
) -> tuple[list[Briefing], tuple[Problem, ...]]:
    """Annotate every article; when that fails, one by one, so that an article the pipeline
    cannot take is one error and left out, never the end of the build. A missing model or
    Dask is a setup error, for the whole build."""
    try:
        return annotator.annotate(articles, editorial), ()
    except Exception as error:
        from .annotate.cluster import DaskUnavailable  # (Dask itself only when used)
        from .nlp.pipeline import ModelNotFound  # imported late: it imports spaCy

        if isinstance(error, ModelNotFound | DaskUnavailable):
            raise PluginError(str(error)) from None
    briefings: list[Briefing] = []
    failed: list[Problem] = []
    for article in articles:
        try:
            briefings.extend(annotator.annotate([article], editorial))
        except Exception as error:  # the boundary around one article
            detail = printable(f"{type(error).__name__}: {error}")[:200]
            failed.append(
                Problem(article.path.as_posix(), f"left out: annotating failed ({detail})")
            )
    return briefings, tuple(failed)


def split_failures(
    failed: tuple[Problem, ...], texts: Sequence[TopicText]
) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """Annotation failures of articles (paths under the seeds folder) and of topics (paths
    under the editorial folder), so that each is reported where its file is."""
    topics = {text.article.path.as_posix() for text in texts}
    return (
        tuple(p for p in failed if p.path not in topics),
        tuple(p for p in failed if p.path in topics),
    )


def make_annotator(options: BriefingsConfig, cache_dir: Path | None) -> Annotator:
    """The annotator the plugin options describe; ``cache_dir`` None: no cache."""
    cache = AnnotationCache(cache_dir) if cache_dir is not None else None
    return annotator_for(options, cache)


def located(problem: Problem, shown: str) -> str:
    """Where a problem is, as ``path[:line]`` relative to mkdocs.yml; ``shown`` is how the
    folder the problem's path is relative to is written there."""
    path = shown if Path(problem.path).is_absolute() else f"{shown}/{problem.path}"
    return f"{path}:{problem.line}" if problem.line else path


def report(problems: tuple[Problem, ...], shown: str) -> None:
    """Log every input problem with its file (relative to mkdocs.yml) and line."""
    for problem in problems:
        # Escaped: a file name or value from an input file never writes raw to the terminal.
        message = printable(f"{located(problem, shown)}: {problem.message}")
        {"error": log.error, "warning": log.warning, "info": log.info}[problem.severity](message)
