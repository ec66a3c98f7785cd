"""Content-hash cache of annotations, in two levels, under ``.cache/briefings/``.

``docs/<ab>/<key>.doc``
    The parsed spaCy ``Doc`` of an article body: the expensive part (the statistical model).
    Keyed by the body text, the model's name and version, spaCy's version and our parsing
    code (``nlp/pipeline.py``).
``annotations/<ab>/<key>.json``
    The final :class:`~newsroom.model.Annotation`. Keyed by the whole article (the date
    anchors relative dates, the slug and file name select corrections), its Doc key, the
    actor registry, the corrections that name the article, and our annotation code and data
    (every file under ``nlp/``).
``seeds.json``
    The size and modification time of every seed file as the last build found them: a build
    that finds files new or changed since then starts loading the model at once, in a helper
    process (a guess, never a key: the keys above decide what is annotated).

One job per module: :mod:`.keys` computes keys, :mod:`.codec` turns entries into bytes and
back, :mod:`.checks` decides whether an entry read back describes its article, and
:mod:`.store` reads and writes the folder. Callers import from here.
"""

from .checks import annotation_problem
from .codec import (
    DOC_MAGIC,
    PARTS,
    CorruptEntry,
    annotation_from_json,
    annotation_to_json,
    doc_from_bytes,
    doc_to_bytes,
)
from .keys import (
    ANNOTATE_SOURCES,
    CACHE_VERSION,
    PARSE_SOURCES,
    annotation_key,
    dependency_versions,
    digest,
    doc_key,
    editorial_fingerprint,
    expected_article,
    expected_body,
    model_fingerprint,
    pipeline_fingerprint,
    registry_fingerprint,
    source_files,
    source_fingerprint,
)
from .store import (
    ANNOTATIONS_DIR,
    CACHEDIR_SIGNATURE,
    CACHEDIR_TAG,
    DOCS_DIR,
    STAMPS_FILE,
    AnnotationCache,
    Pruned,
    read_entry,
)

__all__ = [
    "ANNOTATE_SOURCES",
    "ANNOTATIONS_DIR",
    "CACHEDIR_SIGNATURE",
    "CACHEDIR_TAG",
    "CACHE_VERSION",
    "DOCS_DIR",
    "DOC_MAGIC",
    "PARSE_SOURCES",
    "PARTS",
    "STAMPS_FILE",
    "AnnotationCache",
    "CorruptEntry",
    "Pruned",
    "annotation_from_json",
    "annotation_key",
    "annotation_problem",
    "annotation_to_json",
    "dependency_versions",
    "digest",
    "doc_from_bytes",
    "doc_key",
    "doc_to_bytes",
    "editorial_fingerprint",
    "expected_article",
    "expected_body",
    "model_fingerprint",
    "pipeline_fingerprint",
    "read_entry",
    "registry_fingerprint",
    "source_files",
    "source_fingerprint",
]
