"""Measure the pipeline against gold keys: ``python -m newsroom.evaluation KIND ...``.

- ``glossary``: actor recognition (the glossary) on the fixtures or the development set;
- ``claims``: attribution (who says what) on the development set;
- ``dates``: date resolution on the development set and the TempEval-3 platinum set.

The development set (``../shared/eval/dev``) and the benchmark are read where they are; a
checkout without them skips with a message.
"""

from .glossary import evaluate, ratio

__all__ = ["evaluate", "ratio"]
