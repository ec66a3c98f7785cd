"""The Jinja templates of the generated pages' HTML blocks: the one place a value becomes HTML.

Templates live in the package's ``templates/partials/briefings/``; a site overrides one by
putting a file of the same name under its ``theme.custom_dir`` (``partials/briefings/…``),
as it overrides Material's own partials. Autoescape is on, so a value printed without a
filter is escaped all the same; the filters say what a value is:

- ``text``: article or registry text (every ASCII punctuation an entity, bidi controls shown:
  :func:`.markup.text`), inert in HTML and Markdown alike;
- ``tooltip``: a ``title`` attribute, which Material's tooltips insert as HTML;
- ``date``: an ISO date shown to readers ('15 August 2025'); any other value as text;
- ``lead``: the first words of a text, for a list that points to where the rest is.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import markup as m

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LEAD_WORDS = 8


def lead(value: str, words: int = LEAD_WORDS) -> str:
    """At most the first ``words`` words of ``value`` and an ellipsis; always cut (a pointer
    to where the whole text is, never a copy of it), unless it is a single word."""
    parts = value.split()
    keep = min(words, len(parts) - 1)
    return value if keep < 1 else " ".join(parts[:keep]).rstrip(",;:") + "…"


def text(value: object) -> Markup:
    """Article or registry text, escaped by :func:`.markup.text`."""
    return Markup(m.text(value if isinstance(value, str) else str(value)))


# A page names the same few actors and dates hundreds of times: their tooltips and dates
# are escaped once.
@functools.lru_cache(maxsize=4096)
def tooltip(value: str) -> Markup:
    """A ``title`` attribute's value, escaped by :func:`.markup.tooltip`."""
    return Markup(m.tooltip(str(value)))


@functools.lru_cache(maxsize=4096)
def date(value: str | dt.date | None) -> Markup:
    """An ISO date as readers see it ('15 August 2025'); any other value as text."""
    return Markup(m.human_date(value))


class Templates:
    """The page templates, the site's ``custom_dir`` first, then the package's."""

    def __init__(self, custom_dir: Path | None = None) -> None:
        folders: Iterable[Path] = [custom_dir] if custom_dir and custom_dir.is_dir() else []
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([*map(str, folders), str(PACKAGE_TEMPLATES)]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,  # a misspelt value in a template fails the build
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            # The plugin makes a new Templates for a build whose custom_dir changed (serve's
            # rebuilds too), so an edited template is read again by the next build; otherwise
            # the files are not looked at again on every include (thousands of stat calls).
            auto_reload=False,
        )
        self.environment.filters.update(
            text=text,
            tooltip=tooltip,
            date=date,
            lead=lambda value, words=LEAD_WORDS: Markup(m.text(lead(str(value), words))),
            plural=m.plural,
        )
        self._cache: dict[str, jinja2.Template] = {}

    def render(self, name: str, **values: Any) -> str:
        """The partial ``partials/briefings/<name>.html`` filled with ``values``."""
        template = self._cache.get(name)
        if template is None:
            template = self.environment.get_template(f"partials/briefings/{name}.html")
            self._cache[name] = template
        return template.render(values).strip()


DEFAULT = Templates()  # the package's own templates, for a site without overrides
