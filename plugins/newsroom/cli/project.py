"""The project a command works on: mkdocs.yml, the briefings plugin's options in it, and
how paths and problems are shown on the terminal."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import yaml

from ..config import BriefingsConfig, cache_dir_problem
from ..model import Problem
from ..text import printable

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "briefings"


class CommandError(Exception):
    """A failure to report on one line and exit with ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class _Collect(logging.Handler):
    """Collects the errors MkDocs logs while it validates a config."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_config(path: Path) -> MkDocsConfig:
    """mkdocs.yml read and validated by MkDocs itself, as a build reads it (``INHERIT``,
    ``!ENV``, every plugin's options); its errors as one :class:`CommandError`."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        return load_config(str(path))
    except (Abort, ConfigurationError, OSError, yaml.YAMLError) as error:
        details = "; ".join(collect.messages) or str(error)
        raise CommandError(f"{path}: invalid configuration ({details})", 2) from None
    finally:
        logger.removeHandler(collect)


@dataclass(frozen=True)
class Project:
    """Where the inputs are, after mkdocs.yml and the command line."""

    root: Path  # the folder of mkdocs.yml
    options: BriefingsConfig
    site_url: str | None = None
    directory_urls: bool = True

    def path(self, option: str) -> Path:
        """A folder option, resolved against mkdocs.yml."""
        return self.root / str(self.options[option])

    def shown(self, option: str) -> str:
        """A folder as the user knows it: relative to the current folder where possible."""
        return shown_path(self.path(option))

    def url(self, slug: str) -> str:
        """A briefing's URL relative to the site root."""
        return f"briefings/{slug}/" if self.directory_urls else f"briefings/{slug}.html"


def shown_path(path: Path) -> str:
    """A path relative to the current folder where it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_project(config: Path, required: bool = True) -> Project:
    """The project described by ``config`` (mkdocs.yml); plain defaults when it does not
    exist and is not ``required``."""
    root = config.resolve().parent
    if not config.is_file():
        if required:
            raise CommandError(
                f"{config}: not found; run this in the folder of mkdocs.yml or pass --config", 2
            )
        defaults = BriefingsConfig()
        defaults.load_dict({})
        defaults.validate()
        return Project(root=root, options=defaults)
    mkdocs = mkdocs_config(config)
    plugin = mkdocs.plugins.get(PLUGIN)
    if plugin is not None:
        options = plugin.config
    else:
        options = BriefingsConfig()
        options.load_dict({})
        options.validate()
    if options.cache:
        problem = cache_dir_problem(
            root / str(options.cache_dir),
            root,
            seeds_dir=root / str(options.seeds_dir),
            editorial_dir=root / str(options.editorial_dir),
            docs_dir=Path(mkdocs.docs_dir),
            site_dir=Path(mkdocs.site_dir),
        )
        if problem:
            raise CommandError(f"{config}: {problem}", 2)
    site_url = mkdocs.site_url
    return Project(
        root=root,
        options=options,
        site_url=site_url if isinstance(site_url, str) and site_url.strip() else None,
        directory_urls=mkdocs.use_directory_urls is not False,
    )


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def print_problems(problems: Sequence[Problem], shown: str, out: IO[str]) -> None:
    """One ``path:line: severity: message`` line per problem."""
    from ..plugin import located

    for problem in problems:
        line = f"{located(problem, shown)}: {problem.severity}: {problem.message}"
        print(printable(line), file=out)
