"""Read and validate ``seeds/`` into :class:`Article` objects (no spaCy, no MkDocs).

A bad file becomes a :class:`Problem` naming the file, the line where it applies and what
to do; it never stops the other articles from loading, and nothing here writes to disk.

The loader changes an article's text in these ways only, so that what a reader sees is
what the editor wrote (tests/test_properties.py holds it to this list):

- bytes: UTF-8, a leading byte-order mark dropped; text with a UTF-16 or UTF-32 byte-order
  mark, and lines that are not UTF-8 (read as Windows-1252, line by line), load with a
  warning;
- line ends: CRLF and CR become LF;
- characters: Unicode NFC; control characters other than whitespace (NUL, ESC, the C1
  controls) and stray byte-order marks are removed with a warning;
- whitespace: inside a line every run of whitespace becomes one space and the line is
  stripped; blank lines only separate paragraphs;
- structure: the headline (without wire tags such as "(LEAD)"), paragraphs and sub-headings
  (a ``.md`` heading loses its ``#`` markers);
- page furniture (see :mod:`newsroom.furniture`): before the first and after the last line
  of text, lines that are bylines, timestamps, photo credits and captions, share buttons,
  copyright notices, style sheets, labels of one or two words, or the headline repeated;
  between them only fixed labels ("Advertisement"), photo credits, copyright notices and
  style sheets; each dropped line is reported (info). A dateline ("SEOUL, Oct. 29
  (Yonhap) --") goes from the start of one of the first three paragraphs.
"""

from __future__ import annotations

from .blocks import is_subheading, join_blocks, parse_blocks, split_headline
from .decode import decode
from .errors import SeedError
from .files import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    MAX_ARTICLE_CHARS,
    SIDECAR_SUFFIXES,
    read_bounded,
    seed_stamps,
)
from .load import Loaded, load_articles, parse_article, read_article
from .metadata import (
    Fields,
    parse_fields,
    read_sidecar,
    split_front_matter,
    validate_metadata,
)
from .slugs import RESERVED_SLUGS, assign_slugs, make_slug

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "MAX_ARTICLE_CHARS",
    "RESERVED_SLUGS",
    "SIDECAR_SUFFIXES",
    "Fields",
    "Loaded",
    "SeedError",
    "assign_slugs",
    "decode",
    "is_subheading",
    "join_blocks",
    "load_articles",
    "make_slug",
    "parse_article",
    "parse_blocks",
    "parse_fields",
    "read_article",
    "read_bounded",
    "read_sidecar",
    "seed_stamps",
    "split_front_matter",
    "split_headline",
    "validate_metadata",
]
