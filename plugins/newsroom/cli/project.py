"""The project a command works on: mkdocs.yml, the briefings plugin's options in it, and
how paths and problems are shown on the terminal."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from ..config import BriefingsConfig, cache_dir_problem
from ..model import Problem
from ..text import printable

PLUGIN = "briefings"


class CommandError(Exception):
    """A failure to report on one line and exit with ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader for mkdocs.yml: tags only MkDocs resolves (``!!python/name:...``,
    ``!relative``) read as plain values, and ``!ENV`` reads the environment like MkDocs."""


def _plain(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    names = _plain(loader, "", node)
    names = [names] if not isinstance(names, list) else names
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = _merge(merged[key], value)
        merged[key] = value
    return merged


def read_mkdocs_yml(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """mkdocs.yml as data, with ``INHERIT`` files merged in as MkDocs does."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror or error})", 2) from None
    except yaml.YAMLError as error:
        raise CommandError(f"{path}: malformed YAML ({error})", 2) from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a mapping of settings", 2)
    settings: dict[str, Any] = data
    parent = settings.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in seen:
            raise CommandError(f"{path}: INHERIT loops back to {parent_path}", 2)
        settings = _merge(read_mkdocs_yml(parent_path, (*seen, path.resolve())), settings)
    return settings


def plugin_options(settings: dict[str, Any]) -> dict[str, Any] | None:
    """The options of the briefings plugin entry, or None when mkdocs.yml does not list it."""
    plugins = settings.get("plugins")
    entries: list[Any] = list(plugins.items()) if isinstance(plugins, dict) else plugins or []
    for entry in entries:
        if isinstance(entry, tuple):  # plugins: {name: options}
            name, options = entry
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            name, options = entry, None
        if isinstance(name, str) and name.rsplit("/", 1)[-1] == PLUGIN:
            return dict(options) if isinstance(options, dict) else {}
    return None


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
    settings: dict[str, Any] = {}
    if config.is_file():
        settings = read_mkdocs_yml(config)
    elif required:
        raise CommandError(
            f"{config}: not found; run this in the folder of mkdocs.yml or pass --config", 2
        )
    options = BriefingsConfig()
    options.load_dict(plugin_options(settings) or {})
    errors, _ = options.validate()
    if errors:
        details = "; ".join(f"{name}: {error}" for name, error in errors)
        raise CommandError(f"{config}: invalid {PLUGIN} plugin options ({details})", 2)
    root = config.resolve().parent
    if options.cache:
        problem = cache_dir_problem(
            root / str(options.cache_dir),
            root,
            seeds_dir=root / str(options.seeds_dir),
            editorial_dir=root / str(options.editorial_dir),
            docs_dir=root / str(settings.get("docs_dir") or "docs"),
            site_dir=root / str(settings.get("site_dir") or "site"),
        )
        if problem:
            raise CommandError(f"{config}: {problem}", 2)
    site_url = settings.get("site_url")
    return Project(
        root=root,
        options=options,
        site_url=site_url if isinstance(site_url, str) and site_url.strip() else None,
        directory_urls=settings.get("use_directory_urls", True) is not False,
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
