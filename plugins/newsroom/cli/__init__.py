"""The ``briefings`` command: add an article to seeds/, check every input file, manage the
annotation cache, fill it ahead of a build. Settings come from the ``briefings`` plugin
entry of mkdocs.yml."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import IO

from .add import run_add
from .annotate import add_annotate_command
from .cache import run_cache
from .check import run_check
from .project import CommandError, load_project

__all__ = ["build_parser", "load_project", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``briefings add|check|cache``."""
    parser = argparse.ArgumentParser(
        prog="briefings",
        description="Add articles, check the inputs and manage the cache of a briefings site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = commands.add_parser(
        "add",
        help="add one article to the seeds folder",
        description="Write one normalised article as seeds/<date>-<slug>.md and print the URL "
        "its briefing will have. A .txt text takes its first line as the headline (unless "
        "--title); a .md text may carry front matter. Options win over front matter.",
    )
    add.add_argument(
        "file", nargs="?", metavar="FILE", help="a .txt or .md file; - or nothing reads stdin"
    )
    add.add_argument("--title", help="the headline (then every line of a text is body)")
    add.add_argument(
        "--date", help="the publication date, YYYY-MM-DD (required unless in front matter)"
    )
    add.add_argument("--source", help="who published it, e.g. Yonhap")
    add.add_argument("--url", help="the address of the original")
    add.add_argument("--author")
    add.add_argument("--tags", help="comma-separated, e.g. north-korea,russia")
    add.add_argument("--seeds", metavar="DIR", help="the seeds folder (default: from mkdocs.yml)")
    add.set_defaults(run=run_add)

    check = commands.add_parser(
        "check",
        help="validate every seed and editorial file; list actors the registry lacks",
        description="Print every problem of the seeds and editorial files as path:line: "
        "severity: message, then the actors the registry does not know with a YAML stub to "
        "paste. Exits 1 when any problem is an error.",
    )
    check.set_defaults(run=run_check)

    cache = commands.add_parser("cache", help="manage the annotation cache")
    cache.add_argument(
        "action",
        choices=("clear", "prune"),
        help="clear: remove every entry; prune: remove entries no current article uses",
    )
    cache.set_defaults(run=run_cache)
    add_annotate_command(commands)

    for command in (add, check, cache):
        command.add_argument(
            "--config",
            default="mkdocs.yml",
            metavar="FILE",
            help="the site's mkdocs.yml (default: %(default)s)",
        )
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> int:
    """Run the command; returns the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        # sys.stdin is None when the shell closed it (`briefings add <&-`).
        given = stdin or (sys.stdin.buffer if sys.stdin is not None else None)
        status: int = args.run(args, out, err, given)
    except CommandError as error:
        print(f"error: {error.message}", file=err)
        return error.status
    return status


if __name__ == "__main__":
    sys.exit(main())
