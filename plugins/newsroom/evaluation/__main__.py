"""``python -m newsroom.evaluation KIND [options]``: run one of the scorers."""

from __future__ import annotations

import importlib
import sys

KINDS = ("glossary", "claims", "dates")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in KINDS:
        print(f"usage: python -m newsroom.evaluation {{{','.join(KINDS)}}} [options]")
        return 2
    module = importlib.import_module(f"newsroom.evaluation.{argv[0]}")
    result: int = module.main(argv[1:])
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
