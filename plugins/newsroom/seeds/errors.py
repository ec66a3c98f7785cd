"""Why a file cannot become an article."""

from __future__ import annotations


class SeedError(Exception):
    """A file that cannot become an article; carries the line (and the file, when it is not
    the article itself but its sidecar) where it applies."""

    def __init__(self, message: str, line: int | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path
