"""The annotate stage: which articles need the model (:mod:`.plan`), one way of running
it here, in a pool or on Dask (:mod:`.run`, :mod:`.cluster`), and what a run did
(:mod:`.report`); :class:`Annotator` holds them together across serve rebuilds."""

from .annotator import EXECUTORS, Annotator, annotator_for
from .plan import Keys
from .report import AnnotationReport

__all__ = ["EXECUTORS", "AnnotationReport", "Annotator", "Keys", "annotator_for"]
