"""Tests for the ``briefings`` command: add, check and cache."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, copy_project

from newsroom.cli import load_project, main
from newsroom.editorial import load_editorial, parse_actor
from newsroom.seeds import load_articles

SEED = ROOT / "seeds" / "000_1d4c26b279fe3bbb.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "eval" / "kim-yo-jong-rejects-seoul.md"
PACT = (
    "Seoul and Moscow trade warnings over a new pact\r\n"
    "\r\n"
    "South Korea’s foreign ministry summoned the Russian ambassador on Monday over the Cafe\u0301 "
    "accord signed in Pyongyang.\r\n"
    "Moscow said the agreement threatened no one.\r\n"
    "Advertisement\r\n"
    "Share this article\r\n"
)
PACT_SLUG = "seoul-and-moscow-trade-warnings-over-a-new-pact"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project, as the current folder."""
    (tmp_path / "site").mkdir()
    root = copy_project(tmp_path / "site")
    monkeypatch.chdir(root)
    return root


def run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """The exit status, stdout and stderr of one command."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out, err, io.BytesIO(stdin))
    return status, out.getvalue(), err.getvalue()


def new_seeds(project: Path) -> list[str]:
    return sorted(
        p.name for p in (project / "seeds").iterdir() if p.name != SEED.name and p.suffix != ".yml"
    )


def split(text: str) -> tuple[dict[str, object], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_add_writes_one_normalised_article_and_prints_its_url(
    project: Path, tmp_path: Path
) -> None:
    """A pasted .txt becomes seeds/<date>-<slug>.md: front matter, NFC, no CRs, no furniture."""
    source = tmp_path / "pact.txt"
    source.write_bytes(PACT.encode("utf-8"))
    status, out, _ = run(
        "add", str(source), "--date", "2025-09-01", "--source", "Yonhap",
        "--url", "https://example.org/pact", "--tags", "south-korea, russia",
    )  # fmt: skip
    assert status == 0
    assert new_seeds(project) == [f"2025-09-01-{PACT_SLUG}.md"]
    written = (project / "seeds" / f"2025-09-01-{PACT_SLUG}.md").read_bytes().decode("utf-8")
    front, body = split(written)
    assert front == {
        "title": "Seoul and Moscow trade warnings over a new pact",
        "date": dt.date(2025, 9, 1),
        "source": "Yonhap",
        "url": "https://example.org/pact",
        "tags": ["south-korea", "russia"],
    }
    assert "\r" not in written and "Café" in body and "Cafe\u0301" not in body
    assert "Advertisement" not in body and "Share" not in body
    assert f"briefings/{PACT_SLUG}/" in out
    loaded = load_articles(project / "seeds")
    assert [p for p in loaded.problems if p.severity != "info"] == []
    assert [a.slug for a in loaded.articles if a.source == "Yonhap"] == [PACT_SLUG]


def test_add_reads_markdown_with_front_matter_from_stdin(project: Path) -> None:
    """Front matter on stdin is accepted; an option wins over it."""
    text = "---\ntitle: Old headline\ndate: 2025-09-03\nauthor: A. Writer\n---\nFirst paragraph.\n\nSecond.\n"
    status, _, _ = run("add", "-", "--title", "Kim visits Beijing", stdin=text.encode())
    assert status == 0
    (name,) = new_seeds(project)
    front, body = split((project / "seeds" / name).read_text("utf-8"))
    assert name == "2025-09-03-kim-visits-beijing.md"
    assert front["title"] == "Kim visits Beijing" and front["author"] == "A. Writer"
    assert body.strip() == "First paragraph.\n\nSecond."


def test_add_refuses_a_text_already_in_seeds(project: Path) -> None:
    """The seed's text, however re-wrapped, is refused with exit 1 and nothing is written."""
    rewrapped = "\n\n".join(
        "  ".join(line.split()) for line in SEED.read_text("utf-8").splitlines()
    )
    status, _, err = run("add", "--date", "2025-08-14", stdin=rewrapped.encode())
    assert status == 1
    assert "already in" in err and SEED.name in err
    assert new_seeds(project) == []


def test_add_never_overwrites_and_leaves_existing_urls_alone(project: Path) -> None:
    """A second article with the same headline and date gets a new file and its own URL."""
    assert run("add", "--date", "2025-09-01", stdin=PACT.encode())[0] == 0
    first = project / "seeds" / f"2025-09-01-{PACT_SLUG}.md"
    before = first.read_bytes()
    other = PACT.replace("on Monday", "on Tuesday")
    status, out, err = run("add", "--date", "2025-09-01", stdin=other.encode())
    assert status == 0
    assert first.read_bytes() == before
    assert new_seeds(project) == [f"2025-09-01-{PACT_SLUG}.md", f"2025-09-01-{PACT_SLUG}_2.md"]
    url = re.search(r"briefing: (\S+)", out)
    assert url is not None and url.group(1).startswith(f"briefings/{PACT_SLUG}-")
    assert "moves" not in err
    slugs = {a.path.name: a.slug for a in load_articles(project / "seeds").articles}
    assert slugs[first.name] == PACT_SLUG
    assert f"briefings/{slugs[f'2025-09-01-{PACT_SLUG}_2.md']}/" == url.group(1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ((), "no date"),
        (("--date", "2025-02-30"), "YYYY-MM-DD"),
        (("--date", "13/08/2025"), "YYYY-MM-DD"),
        (("--date", "0001-01-01"), "outside the years"),
        (("--date", "9999-12-31"), "outside the years"),
    ],
)
def test_add_needs_a_valid_date(project: Path, options: tuple[str, ...], message: str) -> None:
    """Without a real publication date nothing is added (relative dates need it)."""
    status, _, err = run("add", *options, stdin=PACT.encode())
    assert status == 1 and message in err
    assert new_seeds(project) == []


def test_add_never_moves_an_existing_briefing(project: Path) -> None:
    """An older article with the headline of an existing briefing is refused, not given
    that briefing's URL (the earliest article keeps the plain slug)."""
    assert run("add", "--date", "2025-09-01", stdin=PACT.encode())[0] == 0
    before = {a.path.name: a.slug for a in load_articles(project / "seeds").articles}
    older = PACT.replace("on Monday", "on Sunday")
    status, _, err = run("add", "--date", "2025-08-01", stdin=older.encode())
    assert status == 1 and "would move its briefing" in err and "--title" in err
    assert {a.path.name: a.slug for a in load_articles(project / "seeds").articles} == before


BRIEFINGS = Path(sys.executable).parent / "briefings"


def test_concurrent_adds_of_one_text_write_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six adds of the same text at once write one file; the others are refused. Each add
    waits, after reading seeds/, until all six have read it (or 2 s pass): without the lock
    all six would find the text new and write it."""
    import newsroom.cli.add as add

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    barrier = threading.Barrier(6, timeout=2)
    load = add.load_articles  # type: ignore[attr-defined]

    def load_then_wait(*args: Any, **kwargs: Any) -> Any:
        loaded = load(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return loaded

    monkeypatch.setattr(add, "load_articles", load_then_wait)
    statuses: list[int] = []

    def one() -> None:
        out, err = io.StringIO(), io.StringIO()
        command = ["add", "--date", "2025-09-01", "--seeds", str(seeds)]
        statuses.append(main(command, out, err, io.BytesIO(PACT.encode())))

    threads = [threading.Thread(target=one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [p.name for p in seeds.iterdir()] == [f"2025-09-01-{PACT_SLUG}.md"]
    assert sorted(statuses) == [0, 1, 1, 1, 1, 1]


@pytest.mark.parametrize(
    ("shell", "message"),
    [
        ("briefings add --date 2025-09-01 --seeds seeds <&-", "standard input is closed"),
        ("briefings add --date 2025-09-01 --seeds seeds < /dev/zero", "byte limit"),
        ("briefings add /dev/zero --date 2025-09-01 --seeds seeds", "byte limit"),
        ("briefings add story.txt --date 2025-09-01 --seeds story.txt", "not a folder"),
        ("briefings add seeds --date 2025-09-01 --seeds seeds", "is a folder"),
    ],
)
def test_add_refuses_unreadable_input_with_one_line(
    tmp_path: Path, shell: str, message: str
) -> None:
    """A closed stdin, an endless input, a file as the seeds folder: one error line and
    exit 1, never a traceback or a read without end."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "story.txt").write_text(PACT, "utf-8")
    result = subprocess.run(
        ["bash", "-c", shell.replace("briefings", str(BRIEFINGS), 1)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
    assert list((tmp_path / "seeds").iterdir()) == []


def test_add_works_in_a_seeds_folder_with_a_symlink_loop(project: Path) -> None:
    """A link that points at itself in seeds/ is reported by the loader, not a crash of add."""
    (project / "seeds" / "loop.txt").symlink_to("loop.txt")
    assert run("add", "--date", "2025-09-01", stdin=PACT.encode())[0] == 0


def test_add_prints_the_full_url_when_site_url_is_set(project: Path) -> None:
    """With site_url in mkdocs.yml the absolute address is printed too."""
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url:.*$", "", config.read_text("utf-8"))
    config.write_text("site_url: https://example.org/news/\n" + text, "utf-8")
    status, out, _ = run("add", "--date", "2025-09-01", stdin=PACT.encode())
    assert status == 0
    assert f"https://example.org/news/briefings/{PACT_SLUG}/" in out


def test_options_come_from_the_plugin_entry_of_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mkdocs.yml is read by MkDocs itself: its tags and !ENV resolve, plugin options are
    validated and an invalid one is one error line with exit 2."""
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\n"
        "site_url: !ENV [BRIEFINGS_TEST_SITE_URL, 'https://fallback.example/']\n"
        "plugins:\n  - search\n  - briefings:\n      seeds_dir: articles\n      cache: false\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    monkeypatch.delenv("BRIEFINGS_TEST_SITE_URL", raising=False)
    project = load_project(config)
    assert project.path("seeds_dir") == tmp_path / "articles"
    assert project.options.cache is False and project.options.editorial_dir == "briefings"
    assert project.site_url == "https://fallback.example/"
    config.write_text("site_name: x\nplugins:\n  - briefings:\n      batch_size: many\n", "utf-8")
    status, _, err = run("check", "--config", str(config))
    assert status == 2 and "batch_size" in err
    assert run("check", "--config", str(tmp_path / "missing.yml"))[0] == 2


def test_check_lists_unknown_actors_with_a_stub_that_the_registry_accepts(
    project: Path, loads: list[str | None]
) -> None:
    """Check lists unknown actors with a stub that, pasted into actors.yml, makes them known."""
    shutil.copy(FIXTURE, project / "seeds" / FIXTURE.name)
    status, out, _ = run("check")
    assert status == 0
    listing = re.findall(r"^ +(\d+)  (.+?) \((\w+), (\d+) briefings?; as (.+)\)$", out, re.M)
    assert listing, out
    counts = [int(count) for count, *_ in listing]
    assert counts == sorted(counts, reverse=True)
    stub = out.split("under `actors:` in briefings/actors.yml:\n\n", 1)[1]
    entries = yaml.safe_load(stub)
    assert [e["name"] for e in entries] == [name for _, name, *_ in listing]
    for entry in entries:
        assert set(entry) == {"id", "name", "type", "description", "aliases"}
        assert entry["description"] == ""
        parse_actor(entry)  # a valid registry entry
    registry = project / "briefings" / "actors.yml"
    registry.write_text(registry.read_text("utf-8").rstrip("\n") + "\n\n" + stub, "utf-8")
    assert not load_editorial(project / "briefings").problems
    status, out, err = run("check")
    assert status == 0 and "every actor named in the briefings is in the registry" in out
    assert "(0 parsed by the model)" in err  # the registry change re-used the stored parses


def test_check_prints_every_problem_and_exits_1_on_errors(
    project: Path, loads: list[str | None]
) -> None:
    """Problems print as path:line: severity: message; only errors fail the check."""
    (project / "seeds" / "notes.pdf").write_bytes(b"%PDF-1.4")
    status, out, _ = run("check")
    assert status == 0
    assert "seeds/notes.pdf: warning: not an article" in out
    (project / "seeds" / "bad.md").write_text("---\ntitle: [\n---\nBody.\n", "utf-8")
    registry = project / "briefings" / "actors.yml"
    registry.write_text(
        registry.read_text("utf-8") + "\n  - id: Bad Id\n    name: x\n    type: person\n", "utf-8"
    )
    status, out, _ = run("check")
    assert status == 1
    assert re.search(r"^seeds/bad\.md:2: error: malformed YAML", out, re.M)
    assert re.search(r"^briefings/actors\.yml:\d+: error: field `id`", out, re.M)
    assert "2 errors, 1 warning" in out


def test_cache_prune_and_clear(project: Path, loads: list[str | None]) -> None:
    """Prune drops the entries of a deleted article; clear drops the rest."""
    assert run("check")[0] == 0
    assert "removed 0 annotations and 0 parses" in run("cache", "prune")[1]
    for path in (project / "seeds").iterdir():
        path.unlink()
    assert "removed 1 annotations and 1 parses" in run("cache", "prune")[1]
    assert run("check")[0] == 0
    run("cache", "clear")
    assert not (project / ".cache" / "briefings").exists()
