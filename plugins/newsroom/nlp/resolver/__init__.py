"""The registry ruler and the actor resolver, one job per module: :mod:`.ruler` (patterns
and the entity filter), :mod:`.scope` (which names count where), :mod:`.component` (the
spaCy component that maps entities to actors)."""
