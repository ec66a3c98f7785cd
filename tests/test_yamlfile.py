"""The one YAML reader and the schemas behind it (issue 18): every YAML file an editor writes
is bounded, refuses anchors and aliases, and each wrong value is one ``path:line`` problem
naming the field, with that entry left out and the others loaded, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsroom.editorial import load_editorial
from newsroom.seeds import load_articles

GOOD = "  - id: good-actor\n    name: Good Actor\n    type: person\n"
# 470 bytes that expand to hundreds of millions of characters through nine levels of aliases.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join('*' + chr(97 + i) for _ in range(9))}]\n"
    for i in range(8)
)


def editorial(tmp_path: Path, actors: str = "", corrections: str = "", topic: str = "") -> Path:
    """An editorial folder with the good actor first, then ``actors`` entries."""
    (tmp_path / "actors.yml").write_text("actors:\n" + GOOD + actors, "utf-8")
    if corrections:
        (tmp_path / "corrections.yml").write_text("corrections:\n" + corrections, "utf-8")
    if topic:
        (tmp_path / "topics").mkdir()
        (tmp_path / "topics" / "ties.md").write_text(topic, "utf-8")
    return tmp_path


def problems_of(folder: Path) -> list[tuple[str, int | None, str]]:
    loaded = load_editorial(folder)
    assert "good-actor" in loaded.editorial.actor_map()  # the rest of the registry loads
    return [(p.path, p.line, p.message) for p in loaded.problems]


ACTOR = "  - id: bad\n    name: Bad\n    type: person\n"  # lines 5-7 of actors.yml
LONG_ID = "x" * 300


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (ACTOR + "    metonyms: 5\n", 8, "field `metonyms` must be a list"),
        (ACTOR + "    roles: 5\n", 8, "field `roles` must be a list"),
        (ACTOR + "    metonyms:\n      - 5\n", 9, "field `metonyms` must be fields"),
        (ACTOR + "    roles:\n      - title: Chair\n        since: 2025-13\n", 10, "since"),
        (ACTOR + "    roles:\n      - title: Chair\n        since: 2025-00\n", 10, "01 to 12"),
        (
            ACTOR + "    roles:\n      - title: Chair\n        until: 2025-02-30\n",
            10,
            "no such day",
        ),
        (ACTOR + "    role: {title: Chair, since: 2025-13}\n", 8, "since"),
        (f"  - id: {LONG_ID}\n    name: Long\n    type: person\n", 5, "longer than 100"),
        (ACTOR + "    aliases: {a: b}\n", 8, "field `aliases` must be a list"),
        (ACTOR + "    description: [a, b]\n", 8, "field `description` must be text"),
    ],
)
def test_a_wrong_registry_value_is_one_problem_at_its_line(
    tmp_path: Path, entry: str, line: int, message: str
) -> None:
    """A wrong type or an impossible date in an actor is one problem at the field's line; the
    actor is left out and the rest of the registry loads."""
    folder = editorial(tmp_path, entry)
    (problem,) = problems_of(folder)
    assert problem[:2] == ("actors.yml", line) and message in problem[2], problem
    assert "bad" not in load_editorial(folder).editorial.actor_map()


CORRECTION = "  - article: seed\n    actor: good-actor\n"  # lines 2-3 of corrections.yml


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (CORRECTION + "    text: ''\n", 4, "field `text` is empty"),
        (CORRECTION + "    text: Kim\n    occurrence: true\n", 5, "whole number from 1"),
        (CORRECTION + "    text: Kim\n    occurrence: 0\n", 5, "whole number from 1"),
        (CORRECTION + "    text: [Kim]\n", 4, "field `text` must be text"),
        ("  - article: seed\n    text: Kim\n", 2, "field `actor` is required"),
    ],
)
def test_a_wrong_correction_is_one_problem_at_its_line(
    tmp_path: Path, entry: str, line: int, message: str
) -> None:
    """A correction with an empty text, a yes/no occurrence or a missing actor is one problem
    at its line, and is left out."""
    folder = editorial(tmp_path, corrections=entry)
    (problem,) = problems_of(folder)
    assert problem[:2] == ("corrections.yml", line) and message in problem[2], problem
    assert load_editorial(folder).editorial.corrections == ()


TOPIC_HEAD = "---\ntitle: Ties\nactors: [good-actor]\n"


@pytest.mark.parametrize(
    ("front", "line", "message", "loads"),
    [
        ("timeline: 5\n", 4, "field `timeline` must be a list", False),
        ("timeline:\n  - date: 2025-13\n    text: T\n    source: S\n", 5, "date", True),
        ("timeline:\n  - date: 2025-02-30\n    text: T\n    source: S\n", 5, "no such day", True),
        ("timeline:\n  - {date: 2025-00, text: T, source: S}\n", 5, "01 to 12", True),
        ("summary: [a]\n", 4, "field `summary` must be text", False),
    ],
)
def test_a_wrong_topic_value_is_one_problem_at_its_line(
    tmp_path: Path, front: str, line: int, message: str, loads: bool
) -> None:
    """A topic whose timeline is not a list is left out; a bad event is left out of its
    topic; each is one problem at its line."""
    folder = editorial(tmp_path, topic=TOPIC_HEAD + front + "---\nBody.\n")
    (problem,) = problems_of(folder)
    assert problem[:2] == ("topics/ties.md", line) and message in problem[2], problem
    topics = load_editorial(folder).editorial.topics
    assert [(t.id, t.timeline) for t in topics] == ([("ties", ())] if loads else [])


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """A 470-byte YAML alias bomb in actors.yml is one problem, read in well under a second."""
    (tmp_path / "actors.yml").write_text(BOMB + "actors:\n" + GOOD, "utf-8")
    assert len(BOMB.encode()) < 500
    started = time.perf_counter()
    loaded = load_editorial(tmp_path)
    assert time.perf_counter() - started < 1
    assert [(p.line, p.message) for p in loaded.problems] == [
        (1, "YAML anchors and aliases (&name, *name) are not allowed; write the value out")
    ]


def test_an_alias_in_front_matter_is_refused(tmp_path: Path) -> None:
    """Front matter goes through the same reader: an anchor there is the article's error."""
    (tmp_path / "a.md").write_text("---\ntitle: &t T\nauthor: *t\n---\nBody.\n", "utf-8")
    (problem,) = load_articles(tmp_path).problems
    assert (problem.path, problem.line) == ("a.md", 2) and "aliases" in problem.message


def test_an_oversized_registry_is_refused_unread(tmp_path: Path) -> None:
    """A registry over the size bound is one problem, not a parse of megabytes."""
    with (tmp_path / "actors.yml").open("w") as handle:
        handle.write("actors:\n" + GOOD + "#" * 5_000_000 + "\n")
    loaded = load_editorial(tmp_path)
    assert loaded.editorial.actors == () and "byte limit" in loaded.problems[0].message


def test_a_registry_that_is_a_folder_is_one_problem(tmp_path: Path) -> None:
    """actors.yml as a folder (or a pipe) is reported, never read or waited on."""
    (tmp_path / "actors.yml").mkdir()
    (problem,) = load_editorial(tmp_path).problems
    assert problem.path == "actors.yml" and "not a regular file" in problem.message


def test_a_duplicated_field_is_named_with_both_lines(tmp_path: Path) -> None:
    """A field written twice in one entry is an error, not a silent choice of the last."""
    folder = editorial(tmp_path, ACTOR + "    name: Other\n")
    (problem,) = problems_of(folder)
    assert problem[1] == 8 and "appears twice (first on line 6)" in problem[2]


def test_escape_sequences_in_a_key_are_shown_escaped(tmp_path: Path) -> None:
    """A field name with terminal escape sequences is quoted with them escaped, so it can
    neither erase the error line nor print a fake one."""
    key = "\x1b[2K\x1b[1Gcolour"
    folder = editorial(tmp_path, ACTOR + f'    "{key}": red\n'.replace("\x1b", "\\e"))
    (problem,) = problems_of(folder)
    assert "\x1b" not in problem[2] and "\\x1b[2K" in problem[2]


REGISTRY = Path(__file__).resolve().parent.parent / "briefings" / "actors.yml"
# Texts libyaml reads alike, and texts it reads where PyYAML refuses them (a tab where a
# token would start, "? " in a flow list, a byte order mark inside the text): each must
# come out of the reader as it always did, document or error alike.
READ_ALIKE = [
    "",
    "# only a comment\n",
    "---\n",
    "title: T\ndate: 2025-08-12\ntags: [a, b]\nnote: ~\nempty:\n",
    "a:\n  - x: 1\n    y: [2, {z: null}]\n  -\n  - 'q'\n",
    "a: 1\na: 2\nb:\n  c: 3\n  c: [4]\n",  # fields written twice: flaws, not errors
    "- a\n- b: c\n",
    "plain text only\n",
    "a: 1\n---\nb: 2\n",
    "a: !!str 5\n",
    "a: !custom x\n",
    "a: &x 1\nb: *x\n",
    "? a\n: b\n",
    "a:\tb\n",
    "a: [b? c]\n",
    "a: {b: x ? y}\n",
    "a: 1\n\ufeff\nb: 2\n",
    "a: [unclosed\n",
    "a: 'unclosed\n",
    ": no key\n",
    "[a, b]: c\n",
    "~: null key\n",
    "a:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(40)),
]


@pytest.mark.parametrize("text", READ_ALIKE)
def test_libyaml_reads_as_the_pure_python_reader(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's quick path (libyaml's events) gives the document, lines and flaws, or the
    error and its line, that the pure-Python composer gives."""
    from newsroom import yamlfile

    def read() -> object:
        try:
            document = yamlfile.parse_yaml(text, 3)
        except yamlfile.YamlError as error:
            return ("error", error.message, error.line)
        return (document.data, dict(document.lines), document.flaws)

    quick = read()
    monkeypatch.setattr(yamlfile, "_CParser", None)
    assert quick == read()


def test_the_registry_reads_alike_with_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped registry, thousands of lines, reads the same through either path."""
    from newsroom import yamlfile

    quick = yamlfile.read_yaml(REGISTRY)
    monkeypatch.setattr(yamlfile, "_CParser", None)
    slow = yamlfile.read_yaml(REGISTRY)
    assert (quick.data, quick.lines, quick.flaws) == (slow.data, slow.lines, slow.flaws)
