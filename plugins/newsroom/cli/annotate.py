"""``briefings annotate``: fill the annotation cache for a whole archive, with a progress
bar, so that a site build afterwards is warm. Settings come from mkdocs.yml, read by
MkDocs' own ``load_config`` as a build reads them; options on the command line win."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from ..config import cache_dir_problem
from .project import mkdocs_config

PLUGIN = "briefings"


def add_annotate_command(commands: Any) -> argparse.ArgumentParser:
    """Register ``annotate`` on the ``briefings`` command's subparsers."""
    annotate: argparse.ArgumentParser = commands.add_parser(
        "annotate",
        help="annotate every article into the cache, so that the next build is warm",
        description="Parse and annotate every article the cache lacks (locally, or on the "
        "Dask cluster of the plugin options) and store the results in the cache folder. "
        "Exits 2 when the model or Dask is missing.",
    )
    annotate.add_argument("--workers", type=int, help="local processes, or local Dask workers")
    annotate.add_argument(
        "--executor", choices=("local", "dask"), help="where the model runs (default: mkdocs.yml)"
    )
    annotate.add_argument(
        "--scheduler-address",
        metavar="ADDRESS",
        help="a Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask)",
    )
    annotate.add_argument("--quiet", action="store_true", help="no progress bar")
    annotate.add_argument(
        "--config",
        default="mkdocs.yml",
        metavar="FILE",
        help="the site's mkdocs.yml (default: %(default)s)",
    )
    annotate.set_defaults(run=run_annotate)
    return annotate


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The briefings plugin's validated options in ``config_file``, as a build sees them."""
    config = mkdocs_config(config_file)
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise AnnotateError(f"{config_file}: the {PLUGIN} plugin is not in its `plugins:` list")
    options = dict(plugin.config)
    root = config_file.resolve().parent
    problem = cache_dir_problem(
        root / options["cache_dir"],
        root,
        seeds_dir=root / options["seeds_dir"],
        editorial_dir=root / options["editorial_dir"],
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
    )
    if problem:
        raise AnnotateError(f"{config_file}: {problem}")
    return options


class AnnotateError(Exception):
    """A failure to report on one line (exit status 2)."""


def run_annotate(
    args: argparse.Namespace, out: IO[str], err: IO[str], stdin: IO[bytes] | None
) -> int:
    """``briefings annotate``: annotate every article the cache lacks; 2 on a setup error."""
    try:
        return annotate_archive(args, out, err)
    except AnnotateError as error:
        print(f"error: {error}", file=err)
        return 2


def annotate_archive(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """Load the articles and the editorial layer, annotate with a progress bar, report."""
    from tqdm import tqdm

    from ..annotate import annotator_for
    from ..annotate.cluster import DaskUnavailable
    from ..cache import AnnotationCache
    from ..editorial import load_editorial
    from ..nlp.pipeline import ModelNotFound
    from ..seeds import load_articles
    from ..topics import topic_texts

    config_file = Path(args.config)
    if not config_file.is_file():
        raise AnnotateError(f"{config_file}: not found; run this in the folder of mkdocs.yml")
    options = plugin_options(config_file)
    if not options["cache"]:
        raise AnnotateError(f"{config_file}: the {PLUGIN} cache is off (`cache: false`)")
    if args.workers is not None:
        options["workers"] = args.workers
    if args.scheduler_address:
        options["executor"], options["scheduler_address"] = "dask", args.scheduler_address
    elif args.executor:
        options["executor"] = args.executor
    root = config_file.resolve().parent
    loaded = load_articles(root / options["seeds_dir"], options["max_article_bytes"])
    editorial = load_editorial(root / options["editorial_dir"])
    problems = len(loaded.problems) + len(editorial.problems)
    if problems:
        print(f"{problems} input problems: `briefings check` lists them", file=err)
    annotator = annotator_for(options, AnnotationCache(root / options["cache_dir"]))
    # The topics' background too: a build annotates it with the articles.
    texts = [*loaded.articles, *(t.article for t in topic_texts(editorial.editorial.topics))]
    with tqdm(total=len(texts), unit="article", file=err, disable=args.quiet) as bar:
        try:
            annotator.annotate(texts, editorial.editorial, progress=bar.update)
        except (ModelNotFound, DaskUnavailable) as error:
            raise AnnotateError(str(error)) from None
    print(f"{options['cache_dir']}: {annotator.report}", file=out)
    return 0
