"""``briefings cache clear|prune``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO

from ..seeds import load_articles
from .project import load_project


def run_cache(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes] | None) -> int:
    """``briefings cache clear|prune``: empty the annotation cache, or drop what no current
    article or registry uses."""
    from ..annotate import Annotator
    from ..cache import AnnotationCache
    from ..editorial import load_editorial

    project = load_project(Path(args.config))
    cache = AnnotationCache(project.path("cache_dir"))
    if args.action == "clear":
        removed = cache.clear()
    else:
        loaded = load_articles(project.path("seeds_dir"), project.options.max_article_bytes)
        editorial = load_editorial(project.path("editorial_dir")).editorial
        annotator = Annotator(project.options.model, project.options.workers, cache=cache)
        keys = annotator.keys(loaded.articles, editorial)
        removed = cache.prune({k.doc for k in keys}, {k.annotation for k in keys})
    print(
        f"{project.shown('cache_dir')}: removed {removed.annotations} annotations and "
        f"{removed.docs} parses",
        file=out,
    )
    return 0
