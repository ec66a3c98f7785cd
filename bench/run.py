"""``make bench``: build times of generated corpora of 100, 400 and 1,600 articles.

Each corpus is made of the evaluation articles' sentences (tests/fixtures/eval and seeds/),
shuffled with a fixed seed into new articles with distinct headlines and dates; article *i*
is the same in every corpus, so the corpora nest. Each lives in its own project folder
under bench/out/ (a copy of mkdocs.yml, docs/ and briefings/).

Every build is ``python -m mkdocs build`` in a fresh process, as an editor runs it: the
times include Python's start-up and imports (spaCy's alone is about a second) and, where
something needs annotating, loading the model. Rows:

- cold: no cache; every article is parsed and annotated (best of ``--repeat`` runs, each
  followed by a raw nlp.pipe run, so that both meet the same load on a shared machine);
- warm: every annotation cached (best of ``--repeat`` runs);
- +1 article (build): ``mkdocs build`` after adding one new article to the warm project;
- serve rebuild, +1 article: in one process, as ``mkdocs serve`` runs: a first build, the
  model preloaded (as the plugin's ``on_serve`` does while the editor writes), then
  ``--repeat`` times a rebuild without change (shown in brackets) and the rebuild after
  adding one new article (removed again after); the fastest of each;
- plain: ``mkdocs build`` of the very pages the plugin generates, written out as Markdown
  into a project without the plugin, same theme, nav and extensions (best of ``--repeat``);
- raw nlp.pipe: in a fresh process, import spaCy, load the model and parse the same texts
  with the same components, batch size and number of processes as the cold build used
  (the plugin takes fewer processes when other programs keep the cores busy): the floor
  for cold annotation (best of ``--repeat``);
- cold annotation: the annotation stage of the cold build (from its log line), which
  also imports spaCy (lazily: a cached build never does) and loads the model.

Times are wall-clock seconds, with the CPU seconds of every process involved in brackets:
on a machine that other programs also use, CPU time is the steadier measure of our work.

``--before REV`` adds the cold, warm and +1 article builds with the plugin's code at git
revision REV (extracted with ``git archive``), on a copy of each corpus with its own cache:
each of its builds runs in a fresh process right after ours, so that both meet the same
load; the table lists the two side by side, with each version's number of site pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CODE = OUT / "code"
SOURCES = (ROOT / "tests" / "fixtures" / "eval", ROOT / "seeds")
SIZES = (100, 400, 1600)
CACHE_DIR = ".cache"  # the plugin's default cache_dir is .cache/briefings
SEED = 20250813
FIRST_DATE = dt.date(2021, 6, 1)
ANNOTATION_LOG = re.compile(
    r"(\d+) annotated.*? from cache in ([\d.]+) s \(CPU ([\d.]+) s\)(?: on (\d+) processes)?"
)
SERVE_TRIES = 5  # new and edited articles per serve session (the median counts)
SERVE_TARGETS = {400: 1.5, 1600: 2.0}  # seconds from written to served
PAGE_BOUND = 300_000  # bytes: no generated page's HTML may grow past this with the archive
BRIEFINGS_ENTRY = re.compile(r"(?m)^([ \t]*)- briefings:?[^\n]*\n(?:\1 +\S[^\n]*\n)*")


@dataclass(frozen=True)
class Time:
    """A duration: wall-clock seconds and CPU seconds (of every process involved). On a
    machine other programs also use, CPU time is the steadier measure of our own work."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.1f} s ({self.cpu:.1f})"

    def __sub__(self, other: Time) -> Time:
        return Time(self.wall - other.wall, self.cpu - other.cpu)


@dataclass
class Row:
    """The measurements of one corpus size."""

    size: int
    words: int = 0
    pages: int = 0
    processes: int = 1
    cold: Time | None = None
    warm: Time | None = None
    incremental: Time | None = None
    serve_unchanged: Time | None = None
    serve_added: Time | None = None
    # The annotation stage alone (seconds, from the plugin's report): our own share of a
    # build, which the machine's noise on a whole build can hide.
    stage_warm: float | None = None
    stage_added: float | None = None
    stage_serve_unchanged: float | None = None
    stage_serve_added: float | None = None
    plain: Time | None = None
    raw_pipe: Time | None = None
    cold_annotation: Time | None = None
    largest: tuple[int, str] | None = None  # the largest page's HTML: bytes, URL
    site_pages: int = 0  # pages of the built site (generated and hand-written)
    hugo: Time | None = None  # Hugo on the same pages, a minimal layout
    hugo_pages: int = 0
    served_added: list[float] = field(default_factory=list)  # mkdocs serve: written to served
    served_edited: list[float] = field(default_factory=list)
    served_cpu: tuple[list[float], list[float]] = ([], [])  # the serve process's CPU seconds
    # cold, warm and +1 article builds with the code of --before, alternating with ours
    before_cold: Time | None = None
    before_warm: Time | None = None
    before_incremental: Time | None = None
    before_site_pages: int = 0
    before_added: list[float] = field(default_factory=list)  # the same, code of --before
    before_edited: list[float] = field(default_factory=list)
    before_cpu: tuple[list[float], list[float]] = ([], [])


# --- the corpora ------------------------------------------------------------------------------


def source_sentences() -> list[str]:
    """Every sentence of the fixture articles' paragraphs, split by the model."""
    from newsroom.nlp.pipeline import load_model
    from newsroom.seeds import load_articles

    nlp = load_model()
    sentences: list[str] = []
    for folder in SOURCES:
        for article in load_articles(folder).articles:
            for block in article.blocks:
                if block.kind != "paragraph":
                    continue
                doc = nlp(article.block_text(block))
                sentences.extend(s.text.strip() for s in doc.sents if len(s.text.split()) >= 4)
    return sorted(set(sentences))


def article_text(index: int, sentences: Sequence[str]) -> str:
    """Generated article number ``index`` as a .md seed; the same for every corpus."""
    rng = random.Random(f"{SEED}-{index}")
    paragraphs = [
        " ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(4, 8))
    ]
    words = re.sub(r"[^\w\s’'-]", "", paragraphs[0]).split()[:8]
    meta = {
        "title": f"Briefing {index + 1}: {' '.join(words)}",
        "date": FIRST_DATE + dt.timedelta(days=index),
        "source": "Bench wire",
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n\n" + "\n\n".join(paragraphs) + "\n"


def make_project(folder: Path, size: int, sentences: Sequence[str]) -> list[str]:
    """A project with ``size`` generated articles; returns their bodies' texts."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "briefings", folder / "briefings")
    (folder / "seeds").mkdir()
    for index in range(size):
        (folder / "seeds" / f"article-{index:05d}.md").write_text(
            article_text(index, sentences), encoding="utf-8"
        )
    from newsroom.seeds import load_articles

    return [a.body for a in load_articles(folder / "seeds").articles]


def plain_project(project: Path, plain: Path) -> int:
    """The pages the plugin generates for ``project``, written as Markdown files of a project
    without the plugin (same mkdocs.yml otherwise). Returns the number of generated files."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    if plain.exists():
        shutil.rmtree(plain)
    plain.mkdir(parents=True)
    shutil.copytree(project / "docs", plain / "docs")
    config = load_config(str(project / "mkdocs.yml"))
    plugins = cast(Any, config.plugins)  # the hooks, run as a build runs them
    config = plugins.on_config(config)
    files = plugins.on_files(Files([]), config=config)
    site = cast(Any, config.plugins["briefings"]).site  # pages with their HTML blocks written in
    for file in files:
        target = plain / "docs" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.src_uri in site.pages:
            target.write_text(site.pages[file.src_uri].standalone, encoding="utf-8")
        else:
            target.write_bytes(file.content_bytes)
    home = plain / "docs" / "index.md"
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    home.write_text(
        # The briefings plugin's own hook (the tags plugin's would want a real page).
        plugins["briefings"].on_page_markdown(
            home.read_text("utf-8"), page=page, config=config, files=files
        ),
        encoding="utf-8",
    )
    text = (project / "mkdocs.yml").read_text("utf-8")
    without, removed = BRIEFINGS_ENTRY.subn("", text, count=1)
    if removed != 1:
        raise SystemExit("bench: cannot find the briefings plugin entry in mkdocs.yml")
    extra_css = "\nextra_css:\n" + "".join(f"  - {css}\n" for css in config.extra_css)
    (plain / "mkdocs.yml").write_text(without + extra_css, encoding="utf-8")
    return len(files)


# --- measuring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """One ``mkdocs build``: its time, and what its annotation stage logged."""

    time: Time
    annotated: int | None = None
    annotation: Time | None = None
    processes: int = 1


def children_cpu() -> float:
    """CPU seconds of this process's finished children (and theirs, once reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def own_cpu() -> float:
    """CPU seconds of this process and its finished children."""
    return time.process_time() + children_cpu()


def snapshot_env(code: Path | None = None) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code or CODE)}


def mkdocs_build(project: Path, code: Path | None = None) -> Build:
    """``mkdocs build`` in a fresh process, on the code snapshot (or the code in ``code``)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    start, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run(
        command, cwd=project, env=snapshot_env(code), capture_output=True, text=True
    )
    spent = Time(time.perf_counter() - start, children_cpu() - cpu)
    if result.returncode != 0:
        raise SystemExit(f"bench: mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    match = ANNOTATION_LOG.search(result.stderr)
    if match is None:
        return Build(spent)
    annotation = Time(float(match.group(2)), float(match.group(3)))
    return Build(spent, int(match.group(1)), annotation, int(match.group(4) or 1))


def serve_rebuilds(project: Path, articles: Sequence[str]) -> dict[str, Any]:
    """The serve rebuilds of ``project``, measured in a fresh process on the code snapshot:
    unchanged, and after adding each of ``articles`` in turn (the fastest of each kind, as
    for the other rows); with their annotation stages."""
    command = [sys.executable, __file__, "--serve-session", str(project)]
    result = subprocess.run(
        command,
        input=json.dumps(list(articles)),
        env=snapshot_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: the serve session failed in {project}:\n{result.stderr[-3000:]}")
    times: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return times


def serve_session(project: Path, articles: Sequence[str]) -> dict[str, Any]:
    """Rebuild ``project`` the way ``mkdocs serve`` does: MkDocs reloads mkdocs.yml on every
    rebuild and keeps the plugin object (it defines on_startup), hence its annotator, and
    the plugin has serve's rebuilds run by its Rebuilder (a dirty build after a change of
    articles alone). For each article: a rebuild without change, one after adding it, then
    (not measured) one after removing it again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    plugins = cast(Any, config.plugins)
    plugin = plugins["briefings"]
    annotator = plugin.annotator

    def full() -> None:  # MkDocs' own serve rebuild
        build(load_config(str(project / "mkdocs.yml")))

    plugins.on_startup(command="serve", dirty=False)
    build(config)
    rebuilder = plugin.rebuilder(full, config)

    def rebuild() -> tuple[float, float, float]:
        start, cpu = time.perf_counter(), own_cpu()
        rebuilder()
        return time.perf_counter() - start, own_cpu() - cpu, annotator.report.seconds

    annotator = plugins["briefings"].annotator
    annotator.preload().join()  # what on_serve starts while the editor writes
    unchanged, added = [], []
    for attempt, article in enumerate(articles):
        unchanged.append(rebuild())
        extra = project / "seeds" / f"article-served-{attempt}.md"
        extra.write_text(article, encoding="utf-8")
        try:
            added.append(rebuild())
            if annotator.report.annotated != 1:
                raise SystemExit(f"bench: a serve rebuild annotated {annotator.report.annotated}")
        finally:
            extra.unlink()
        rebuild()
    return {"unchanged": best(unchanged), "added": best(added)}


def best(runs: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The fastest wall-clock, CPU and annotation-stage times of several rebuilds."""
    return (min(r[0] for r in runs), min(r[1] for r in runs), min(r[2] for r in runs))


def snapshot_code() -> None:
    """Run every build on a copy of the plugin taken now: edits made during a long run
    (which would change the cache keys) cannot skew it; each run has its own copy, so that
    a second run does not replace the code under the first one's processes."""
    global CODE
    CODE = OUT / f"code-{os.getpid()}"
    if CODE.exists():
        shutil.rmtree(CODE)
    shutil.copytree(
        ROOT / "plugins" / "newsroom",
        CODE / "newsroom",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    sys.path.insert(0, str(CODE))


def raw_pipe(project: Path, processes: int) -> Time:
    """spaCy alone on the project's article texts, in a fresh process on the code snapshot."""
    command = [sys.executable, __file__, "--raw-pipe", str(project), "--processes", str(processes)]
    result = subprocess.run(command, env=snapshot_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: raw nlp.pipe failed:\n{result.stderr[-3000:]}")
    return Time(*json.loads(result.stdout.strip().splitlines()[-1]))


def raw_pipe_session(project: Path, processes: int) -> tuple[float, float]:
    """Import spaCy, load the model and parse the texts on ``processes`` with the batch size
    the plugin would use: what the cold build's annotation stage does, minus ours."""
    from newsroom.seeds import load_articles

    texts = [a.body for a in load_articles(project / "seeds").articles]
    start, cpu = time.perf_counter(), own_cpu()
    from newsroom.annotate.plan import batch_for
    from newsroom.nlp.pipeline import load_model

    batch_size = batch_for(len(texts), processes, 32)
    nlp = load_model()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start, own_cpu() - cpu


def largest_page(site: Path) -> tuple[int, str]:
    """The largest page of a built site: its HTML's size in bytes and its URL."""
    size, path = max((p.stat().st_size, p) for p in site.rglob("index.html"))
    return size, path.parent.relative_to(site).as_posix() + "/"


def topic_count(project: Path) -> int:
    """How many background topics the project has: a cold build annotates them too."""
    return len(list((project / "briefings" / "topics").glob("*.md")))


def expect(build: Build, annotated: int, project: Path) -> Build:
    """``build``, after checking that it annotated what the step expects."""
    if build.annotated != annotated:
        raise SystemExit(f"bench: {project} annotated {build.annotated}, expected {annotated}")
    return build


def fastest(times: Sequence[Time]) -> Time:
    """The best wall and CPU times of several runs of the same thing."""
    return Time(min(t.wall for t in times), min(t.cpu for t in times))


def measure(
    size: int, sentences: Sequence[str], repeat: int, incremental: bool, before: Path | None = None
) -> Row:
    """Every row of the table for one corpus size. Warm builds and builds with one new
    article alternate, so that both meet the same weather on a shared machine; with the
    code of an earlier revision (``before``), its builds alternate with ours too, on a copy
    of the project (its own cache and site)."""
    project = OUT / f"corpus-{size}"
    texts = make_project(project, size, sentences)
    earlier = OUT / f"before-{size}"
    if before is not None:
        make_project(earlier, size, sentences)
    row = Row(size, words=sum(len(t.split()) for t in texts))
    # Cold builds and raw nlp.pipe alternate too, each the fastest of --repeat runs.
    colds: list[Build] = []
    pipes: list[Time] = []
    before_colds: list[Time] = []
    for _ in range(repeat):
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        colds.append(expect(mkdocs_build(project), size + topic_count(project), project))
        pipes.append(raw_pipe(project, colds[0].processes))
        if before is not None:
            shutil.rmtree(earlier / CACHE_DIR, ignore_errors=True)
            before_colds.append(mkdocs_build(earlier, before).time)
    row.cold, row.processes = fastest([c.time for c in colds]), colds[0].processes
    row.cold_annotation = fastest([c.annotation for c in colds if c.annotation])
    row.raw_pipe = fastest(pipes)
    warm: list[Build] = []
    added: list[Build] = []
    before_warm: list[Time] = []
    before_added: list[Time] = []
    for attempt in range(repeat):
        warm.append(expect(mkdocs_build(project), 0, project))
        if incremental:  # a new article each time: never in the cache
            added.append(added_build(project, size + attempt, sentences))
        if before is not None:
            before_warm.append(expect(mkdocs_build(earlier, before), 0, earlier).time)
            if incremental:
                before_added.append(added_build(earlier, size + attempt, sentences, before).time)
    row.warm = fastest([b.time for b in warm])
    row.largest = largest_page(project / "site")
    row.stage_warm = min(b.annotation.wall for b in warm if b.annotation)
    row.incremental = fastest([b.time for b in added]) if added else None
    if added:
        row.stage_added = min(b.annotation.wall for b in added if b.annotation)
    if before is not None:
        row.before_cold, row.before_warm = fastest(before_colds), fastest(before_warm)
        row.before_incremental = fastest(before_added) if before_added else None
        row.before_site_pages = site_pages(earlier / "site")
    if incremental:
        session = serve_rebuilds(
            project, [article_text(size + repeat + n, sentences) for n in range(repeat)]
        )
        wall, cpu, row.stage_serve_unchanged = session["unchanged"]
        row.serve_unchanged = Time(wall, cpu)
        wall, cpu, row.stage_serve_added = session["added"]
        row.serve_added = Time(wall, cpu)
    row.pages = plain_project(project, OUT / f"plain-{size}")
    row.plain = fastest([mkdocs_build(OUT / f"plain-{size}").time for _ in range(repeat)])
    scale_rows(row, project, sentences, repeat)
    log(f"{size} articles: {row}")
    return row


def added_build(
    project: Path, index: int, sentences: Sequence[str], code: Path | None = None
) -> Build:
    """``mkdocs build`` after adding generated article ``index`` (never in the cache), which
    is removed again after."""
    extra = project / "seeds" / f"article-added-{index}.md"
    extra.write_text(article_text(index, sentences), encoding="utf-8")
    try:
        return expect(mkdocs_build(project, code), 1, project)
    finally:
        extra.unlink()


def measure_scale(
    size: int, sentences: Sequence[str], repeat: int, before: Path | None = None
) -> Row:
    """The growth rows alone (``--scale``), on the corpus of an earlier run where there is one,
    else on a new one, after a build that is not measured (it fills the cache as far as this
    code needs)."""
    project = OUT / f"corpus-{size}"
    if not (project / CACHE_DIR).is_dir():
        make_project(project, size, sentences)
    mkdocs_build(project)  # not measured: the cache made warm for this code (keys hold its version)
    row = Row(size)
    row.warm = fastest([expect(mkdocs_build(project), 0, project).time for _ in range(repeat)])
    row.pages = plain_project(project, OUT / f"plain-{size}")
    scale_rows(row, project, sentences, repeat)
    if before is not None:  # the serve waits with the code of an earlier revision
        waits = serve_latency(project, sentences, size, SERVE_TRIES, before)
        row.before_added, row.before_edited = waits["added"], waits["edited"]
        row.before_cpu = (waits["added_cpu"], waits["edited_cpu"])
    log(f"{size} articles: {row}")
    return row


def scale_rows(row: Row, project: Path, sentences: Sequence[str], repeat: int) -> None:
    """The rows of growth with the archive: the largest page, the warm build per page
    against Hugo on the same pages, and an editor's wait in ``mkdocs serve``."""
    row.site_pages = site_pages(project / "site")
    row.largest = largest_page(project / "site")
    if shutil.which("hugo") is None:
        log("hugo is not installed (apt-get install hugo): no Hugo row")
    else:
        hugo = OUT / f"hugo-{row.size}"
        row.hugo_pages = hugo_project(OUT / f"plain-{row.size}", hugo)
        hugo_build(hugo)  # its first run, as the warm builds' first run was before
        row.hugo = fastest([hugo_build(hugo) for _ in range(repeat)])
    waits = serve_latency(project, sentences, row.size, SERVE_TRIES)
    row.served_added, row.served_edited = waits["added"], waits["edited"]
    row.served_cpu = (waits["added_cpu"], waits["edited_cpu"])


# --- an editor's wait: written to served, in a real `mkdocs serve` -------------------------------


def free_port() -> int:
    """A port the system gives on 127.0.0.1 (port 0), for the serve process to listen on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page at ``url``, or None while it is not there (404) or the server is busy."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, wanted: Any, limit: float = 600.0) -> float:
    """Seconds until ``wanted(page)`` holds for the page at ``url`` (polled every 20 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if wanted(fetch(url)):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"bench: {url} was not served as expected within {limit:.0f} s")


def process_cpu(pid: int) -> float:
    """CPU seconds a running process has used so far (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def slug_of(text: str) -> str:
    """The slug the plugin gives the article ``text`` (a .md seed)."""
    import tempfile

    from newsroom.seeds import load_articles

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "article.md").write_text(text, encoding="utf-8")
        return load_articles(Path(folder)).articles[0].slug


def serve_latency(
    project: Path, sentences: Sequence[str], size: int, tries: int = 5, code: Path | None = None
) -> dict[str, list[float]]:
    """In a real ``mkdocs serve`` of ``project`` (warm), listening on a free port of
    127.0.0.1: seconds from writing a new article into seeds/ to its page being served, and
    from editing an article to the edited page being served, ``tries`` times each (each
    added article removed again, unmeasured). One article is added and removed first, as
    an editor's first article loads the model while the rest of the session does not wait."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
        "-a", f"127.0.0.1:{port}",
    ]  # fmt: skip
    env = {**snapshot_env(), "PYTHONPATH": str(code or CODE)}
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    times: dict[str, list[float]] = {"added": [], "edited": [], "added_cpu": [], "edited_cpu": []}
    try:
        wait_for(base, lambda page: page is not None)
        edited = project / "seeds" / "article-00000.md"
        original = edited.read_text("utf-8")
        edited_url = base + f"briefings/{slug_of(original)}/"
        for attempt in range(tries + 1):
            text = article_text(size + 500 + attempt, sentences)
            extra = project / "seeds" / f"article-served-{attempt}.md"
            url = base + f"briefings/{slug_of(text)}/"
            cpu = process_cpu(server.pid)
            extra.write_text(text, encoding="utf-8")
            added = wait_for(url, lambda page: page is not None)
            added_cpu = process_cpu(server.pid) - cpu
            extra.unlink()
            wait_for(url, lambda page: page is None)
            if attempt == 0:
                continue  # the model's load: once a session
            times["added"].append(added)
            times["added_cpu"].append(added_cpu)
            cpu = process_cpu(server.pid)
            marker = f"Edited {attempt} times by the bench"  # (pages write "." as &#46;)
            edited.write_text(original.rstrip() + f"\n\n{marker}.\n", encoding="utf-8")
            times["edited"].append(
                wait_for(edited_url, lambda page, marker=marker: bool(page and marker in page))
            )
            times["edited_cpu"].append(process_cpu(server.pid) - cpu)
        edited.write_text(original, encoding="utf-8")
        wait_for(edited_url, lambda page: bool(page and "Edited " not in page))
    finally:
        server.terminate()
        server.wait(timeout=60)
    return times


# --- against Hugo, on the same pages ----------------------------------------------------------

HUGO_CONFIG = """baseURL = "http://127.0.0.1/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""
# A minimal layout: the page's title and content in an HTML page (Material's layout adds a
# header, tabs, a sidebar, search and the page's table of contents around the same content).
HUGO_LAYOUT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
    "</head><body><main>{{ .Content }}</main></body></html>\n"
)


def hugo_project(plain: Path, hugo: Path) -> int:
    """The plain project's pages (the plugin's generated pages as Markdown, their HTML
    written in) as a Hugo site with a minimal layout; returns the number of pages."""
    if hugo.exists():
        shutil.rmtree(hugo)
    count = 0
    for source in (plain / "docs").rglob("*.md"):
        relative = source.relative_to(plain / "docs")
        if relative.parts[0] in ("overrides", "snippets"):
            continue
        name = "_index.md" if relative.name == "index.md" else relative.name
        target = hugo / "content" / relative.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        count += 1
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    return count


def hugo_build(hugo: Path) -> Time:
    """``hugo`` on the project, into a fresh public/ folder."""
    shutil.rmtree(hugo / "public", ignore_errors=True)
    start, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run(
        ["hugo", "--quiet", "-s", str(hugo), "-d", str(hugo / "public")],
        capture_output=True,
        text=True,
    )
    spent = Time(time.perf_counter() - start, children_cpu() - cpu)
    if result.returncode != 0:
        raise SystemExit(f"bench: hugo failed in {hugo}:\n{result.stderr[-3000:]}")
    return spent


def site_pages(site: Path) -> int:
    """How many pages a built site has (its index.html files)."""
    return sum(1 for _ in site.rglob("index.html"))


# --- the annotation stage: local pool vs Dask, and the model helper vs the simple design -----
#
# Rows of their own, each measured side by side in one run (the two sides alternate):
#
# - annotation engines: a cold annotation of a ``--annotation-size`` corpus in a fresh
#   process on the code snapshot, by the local pool (``workers`` 2) and by a 2-worker Dask
#   ``LocalCluster`` on 127.0.0.1 (started before the clock, as a real cluster would be
#   running; its start is shown apart). Each run writes a fresh cache folder.
# - helper vs simple: ``mkdocs build`` of a ``--helper-size`` project after adding one new
#   article (and cold), by the code as it was with the model helper (``--helper-rev``, a git
#   revision) and by the code now; each version warms its own copy of the project.


@dataclass(frozen=True)
class Sample:
    """Several runs of one thing: their wall and CPU seconds."""

    walls: tuple[float, ...]
    cpus: tuple[float, ...]

    def __str__(self) -> str:
        walls = sorted(self.walls)
        median = walls[len(walls) // 2]
        return (
            f"best {min(walls):.2f} s, median {median:.2f} s, spread {walls[-1] - walls[0]:.2f} s "
            f"(CPU best {min(self.cpus):.2f} s; {len(walls)} runs)"
        )


def annotate_session(project: Path, executor: str, workers: int) -> dict[str, float]:
    """In a fresh process: annotate every article of ``project`` cold (into a fresh cache
    folder) with ``executor``; the seconds of the stage, its CPU, and a cluster's start."""
    from newsroom.annotate import Annotator
    from newsroom.cache import AnnotationCache
    from newsroom.editorial import load_editorial
    from newsroom.seeds import load_articles

    articles = load_articles(project / "seeds").articles
    editorial = load_editorial(project / "briefings").editorial
    cache_root = project / CACHE_DIR / f"engine-{executor}"
    shutil.rmtree(cache_root, ignore_errors=True)
    cluster_start, cluster, address = 0.0, None, None
    if executor == "dask":  # the plugin's own local cluster, started before the clock
        from newsroom.annotate.cluster import local_cluster

        started = time.perf_counter()
        cluster = local_cluster(workers)
        address = cluster.scheduler_address
        cluster_start = time.perf_counter() - started
    annotator = Annotator(
        workers=workers,
        cache=AnnotationCache(cache_root),
        executor=executor,
        scheduler_address=address,
    )
    start, cpu = time.perf_counter(), own_cpu()
    annotator.annotate(articles, editorial)
    wall = time.perf_counter() - start
    if cluster is not None:
        cluster.close()  # its workers' CPU time counts once they are reaped
    report = annotator.report
    if report is None or report.parsed != len(articles):
        raise SystemExit(f"bench: the {executor} session parsed {report and report.parsed}")
    shutil.rmtree(cache_root, ignore_errors=True)
    return {"wall": wall, "cpu": own_cpu() - cpu, "cluster": cluster_start}


def annotation_engines(
    size: int, sentences: Sequence[str], repeat: int, workers: int = 2
) -> list[str]:
    """The local pool against a Dask LocalCluster on the same corpus, alternating."""
    project = OUT / f"engines-{size}"
    make_project(project, size, sentences)
    runs: dict[str, list[dict[str, float]]] = {"local": [], "dask": []}
    for _ in range(repeat):
        for executor in runs:
            command = [
                sys.executable, __file__, "--annotate-session", str(project),
                "--executor", executor, "--processes", str(workers),
            ]  # fmt: skip
            result = subprocess.run(command, env=snapshot_env(), capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit(f"bench: the {executor} session failed:\n{result.stderr[-3000:]}")
            runs[executor].append(json.loads(result.stdout.strip().splitlines()[-1]))
            log(f"annotation of {size} articles on {executor}: {runs[executor][-1]}")
    local, dask = (
        Sample(tuple(r["wall"] for r in runs[k]), tuple(r["cpu"] for r in runs[k])) for k in runs
    )
    ratio = min(dask.walls) / min(local.walls)
    start = min(r["cluster"] for r in runs["dask"])
    return [
        f"| annotation of {size:,} articles, local pool ({workers} processes) | {local} |",
        f"| the same, Dask LocalCluster ({workers} workers; cluster start {start:.2f} s apart) | {dask} |",
        f"| Dask / local pool (best wall) | {ratio:.2f} x ({'PASS' if ratio <= 1.2 else 'FAIL'}: target <= 1.2 x) |",
    ]


def helper_revision() -> str:
    """The last commit whose code had the model helper (workers.py)."""
    result = subprocess.run(
        ["git", "rev-list", "-1", "HEAD", "--", "plugins/newsroom/workers.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    removed = result.stdout.strip()
    if not removed:
        raise SystemExit("bench: no commit has plugins/newsroom/workers.py; pass --helper-rev")
    parent = subprocess.run(
        ["git", "rev-parse", f"{removed}^"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return parent.stdout.strip()


def snapshot_revision(revision: str, target: Path) -> None:
    """The plugin's code at a git ``revision``, extracted into ``target``."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision, "plugins/newsroom"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)


def timed_build(project: Path, code: Path) -> tuple[float, float, str]:
    """``mkdocs build`` in a fresh process on the code in ``code``: wall, CPU, stderr."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)}
    start, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, children_cpu() - cpu, result.stderr


def helper_vs_simple(size: int, sentences: Sequence[str], repeat: int, revision: str) -> list[str]:
    """Cold builds and builds after adding one article, with the model helper and without."""
    old_code = OUT / "code-helper"
    snapshot_revision(revision, old_code)
    versions = {"helper": old_code / "plugins", "simple": CODE}
    projects = {name: OUT / f"{name}-{size}" for name in versions}
    for project in projects.values():
        make_project(project, size, sentences)
    cold: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
    warm: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
    added: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
    for _ in range(repeat):
        for name, code in versions.items():
            shutil.rmtree(projects[name] / CACHE_DIR, ignore_errors=True)
            wall, cpu, _ = timed_build(projects[name], code)
            cold[name].append((wall, cpu))
    for _ in range(repeat):
        for name, code in versions.items():
            wall, cpu, _ = timed_build(projects[name], code)
            warm[name].append((wall, cpu))
    for attempt in range(repeat):
        for name, code in versions.items():
            extra = projects[name] / "seeds" / f"article-added-{attempt}.md"
            extra.write_text(article_text(size + attempt, sentences), encoding="utf-8")
            try:
                wall, cpu, stderr = timed_build(projects[name], code)
            finally:
                extra.unlink()
            if "1 annotated" not in stderr:
                raise SystemExit(f"bench: the {name} build did not annotate the new article")
            added[name].append((wall, cpu))
    rows = []
    for label, runs in (("cold build", cold), ("warm build", warm), ("+1 article: build", added)):
        samples = {
            k: Sample(tuple(w for w, _ in v), tuple(c for _, c in v)) for k, v in runs.items()
        }
        gain = min(samples["helper"].walls) - min(samples["simple"].walls)
        noise = max(max(s.walls) - min(s.walls) for s in samples.values())
        rows.append(
            f"| {size:,} articles, {label}, with the model helper ({revision[:12]}) | {samples['helper']} |"
        )
        rows.append(f"| the same, simple (no helper) | {samples['simple']} |")
        verdict = (
            "helper faster by more than the noise"
            if -gain > noise
            else "within the noise or slower"
        )
        rows.append(
            f"| helper - simple (best wall) | {gain:+.2f} s; largest spread {noise:.2f} s: {verdict} |"
        )
    return rows


# --- reporting --------------------------------------------------------------------------------


def machine() -> str:
    """Cores, CPU model, memory and Python version."""
    cpu = "unknown CPU"
    memory = "unknown RAM"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(
            next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal"))
        )
        memory = f"{kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} cores ({cpu}), {memory}, Python {platform.python_version()}, "
        f"spaCy {version('spacy')}, MkDocs {version('mkdocs')}, "
        f"Material {version('mkdocs-material')}, {platform.system()}"
    )


def cell(value: Time | None) -> str:
    return "–" if value is None else str(value)


def stages(row: Row) -> str:
    values = (row.stage_warm, row.stage_added, row.stage_serve_unchanged, row.stage_serve_added)
    return " / ".join("–" if v is None else f"{v:.2f}" for v in values)


def table(rows: Sequence[Row]) -> str:
    """The results as one Markdown table: wall-clock seconds (CPU seconds)."""
    lines = [
        "| articles | words | generated files | cold build | warm build | +1 article: build | "
        "+1 article: serve rebuild (unchanged) | plain mkdocs build | raw nlp.pipe | "
        "cold annotation | annotation stage: warm / +1 build / serve unchanged / serve +1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        serve = "–"
        if row.serve_added is not None:
            serve = f"{row.serve_added} ({row.serve_unchanged})"
        pipe = cell(row.raw_pipe) + (f", {row.processes} processes" if row.processes > 1 else "")
        lines.append(
            f"| {row.size:,} | {row.words:,} | {row.pages:,} | {cell(row.cold)} | "
            f"{cell(row.warm)} | {cell(row.incremental)} | {serve} | {cell(row.plain)} | "
            f"{pipe} | {cell(row.cold_annotation)} | {stages(row)} |"
        )
    return "\n".join(lines)


def before_table(rows: Sequence[Row], revision: str) -> str:
    """Our builds beside those of the code of an earlier revision, measured alternately on
    the same corpus: wall-clock seconds (CPU seconds)."""
    lines = [
        "| articles | code | site pages | cold build | warm build | +1 article: build |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row.before_warm is None:
            continue
        lines.append(
            f"| {row.size:,} | before ({revision}) | {row.before_site_pages:,} | "
            f"{cell(row.before_cold)} | {cell(row.before_warm)} | {cell(row.before_incremental)} |"
        )
        lines.append(
            f"| {row.size:,} | now | {row.site_pages:,} | {cell(row.cold)} | {cell(row.warm)} | "
            f"{cell(row.incremental)} |"
        )
    return "\n".join(lines)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def spread(values: Sequence[float]) -> str:
    """The median of several waits, with their range."""
    if not values:
        return "–"
    return f"{median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def cpu_of(values: Sequence[float]) -> str:
    """The median CPU seconds of the serve process over several waits, in brackets."""
    return f" [CPU {median(values):.2f} s]" if values else ""


def scale_table(rows: Sequence[Row]) -> str:
    """Growth with the archive: page sizes, time per page against Hugo, an editor's waits."""
    lines = [
        "| articles | pages | largest page | warm build | per page | Hugo, same pages "
        "(minimal layout) | Hugo per page | serve: new article served (median of "
        f"{SERVE_TRIES}, range) [serve process CPU] | serve: edit served |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        largest = f"{row.largest[0] / 1000:.0f} KB ({row.largest[1]})" if row.largest else "–"
        per_page = (
            f"{row.warm.wall / row.site_pages * 1000:.1f} ms"
            if row.warm and row.site_pages
            else "–"
        )
        hugo_page = (
            f"{row.hugo.wall / row.hugo_pages * 1000:.2f} ms"
            if row.hugo and row.hugo_pages
            else "–"
        )
        lines.append(
            f"| {row.size:,} | {row.site_pages:,} | {largest} | {cell(row.warm)} | {per_page} | "
            f"{cell(row.hugo)} | {hugo_page} | {spread(row.served_added)}{cpu_of(row.served_cpu[0])} | "
            f"{spread(row.served_edited)}{cpu_of(row.served_cpu[1])} |"
        )
    for row in rows:
        if row.before_added:
            lines.append(
                f"| {row.size:,}, code before | | | | | | | {spread(row.before_added)}"
                f"{cpu_of(row.before_cpu[0])} | {spread(row.before_edited)}"
                f"{cpu_of(row.before_cpu[1])} |"
            )
    return "\n".join(lines)


def verdicts(rows: Sequence[Row]) -> list[str]:
    """The issue's targets, with PASS or FAIL on wall-clock time and on CPU time."""
    out = []

    def check(label: str, wall: float, cpu: float, limit: float, unit: str) -> None:
        passed = ("PASS" if wall <= limit else "FAIL", "PASS" if cpu <= limit else "FAIL")
        out.append(
            f"wall {passed[0]} / CPU {passed[1]}  {label}: {wall:.2f}{unit} wall, "
            f"{cpu:.2f}{unit} CPU (target <= {limit}{unit})"
        )

    for row in rows:
        if row.warm and row.plain:
            ratio = (row.warm.wall / row.plain.wall, row.warm.cpu / row.plain.cpu)
            check(f"{row.size:>5,}: warm build / plain build", *ratio, 1.3, " x")
    for row in rows:
        if row.incremental and row.warm:
            extra = row.incremental - row.warm
            check(
                f"{row.size:>5,}: +1 article (mkdocs build) - warm build",
                extra.wall,
                extra.cpu,
                1.5,
                " s",
            )
        if row.stage_added is not None and row.stage_warm is not None:
            extra_stage = row.stage_added - row.stage_warm
            out.append(
                f"{'PASS' if extra_stage <= 1.5 else 'FAIL'} (stage)  {row.size:>5,}: +1 article "
                f"(mkdocs build): the annotation stage takes {extra_stage:.2f} s more"
            )
        if row.stage_serve_added is not None and row.stage_serve_unchanged is not None:
            extra_stage = row.stage_serve_added - row.stage_serve_unchanged
            out.append(
                f"{'PASS' if extra_stage <= 1.5 else 'FAIL'} (stage)  {row.size:>5,}: +1 article "
                f"(serve rebuild): the annotation stage takes {extra_stage:.2f} s more"
            )
        if row.serve_added and row.warm and row.serve_unchanged:
            extra = row.serve_added - row.warm
            check(
                f"{row.size:>5,}: +1 article (serve rebuild) - warm build",
                extra.wall,
                extra.cpu,
                1.5,
                " s",
            )
            # The same session's rebuild without a change: the warm build an editor running
            # `mkdocs serve` gets, measured alternately with the +1 rebuilds.
            extra = row.serve_added - row.serve_unchanged
            check(
                f"{row.size:>5,}: +1 article (serve rebuild) - serve rebuild unchanged",
                extra.wall,
                extra.cpu,
                1.5,
                " s",
            )
    for row in rows:
        if row.cold_annotation and row.raw_pipe:
            ratio = (
                row.cold_annotation.wall / row.raw_pipe.wall,
                row.cold_annotation.cpu / row.raw_pipe.cpu,
            )
            check(f"{row.size:>5,}: cold annotation / raw nlp.pipe", *ratio, 1.2, " x")
    for row in rows:
        if row.largest:
            size, url = row.largest
            out.append(
                f"{'PASS' if size <= PAGE_BOUND else 'FAIL'} (page)  {row.size:>5,}: the largest "
                f"page is {size / 1000:.0f} KB ({url}; target <= {PAGE_BOUND // 1000} KB)"
            )
    for row in rows:
        limit = SERVE_TARGETS.get(row.size)
        for label, waits in (("new article", row.served_added), ("edit", row.served_edited)):
            if limit is not None and waits:
                out.append(
                    f"{'PASS' if median(waits) <= limit else 'FAIL'} (serve) {row.size:>5,}: "
                    f"{label} served in {median(waits):.2f} s, median of {len(waits)} "
                    f"(target <= {limit} s)"
                )
    by_size = {row.size: row for row in rows}
    warm_small, warm_large = (by_size[n].warm if n in by_size else None for n in (400, 1600))
    if warm_small and warm_large:
        exponent = math.log(warm_large.wall / warm_small.wall) / math.log(4)
        cpu_exponent = math.log(warm_large.cpu / warm_small.cpu) / math.log(4)
        out.append(
            f"{'PASS' if exponent <= 1.05 else 'FAIL'} (growth) 400 -> 1,600 articles: warm "
            f"build time exponent {exponent:.2f} wall, {cpu_exponent:.2f} CPU (target <= 1.05)"
        )
    if 400 in by_size and 1600 in by_size:
        for name in ("cold", "warm", "plain"):
            small, large = getattr(by_size[400], name), getattr(by_size[1600], name)
            if small and large:
                growth = (large.wall / small.wall, large.cpu / small.cpu)
                check(f"400 -> 1,600 articles: {name} build grows", *growth, 4.6, " x")
    return out


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the corpora, build them, print the table and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="corpus sizes")
    parser.add_argument(
        "--annotation-size", type=int, default=1600,
        help="corpus of the local pool vs Dask row (0: skip)",
    )  # fmt: skip
    parser.add_argument(
        "--helper-size", type=int, default=100,
        help="project of the model helper vs simple row (0: skip)",
    )  # fmt: skip
    parser.add_argument("--helper-rev", help="git revision with the model helper (default: found)")
    parser.add_argument("--annotate-session", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="local", help=argparse.SUPPRESS)
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each build (the fastest counts)"
    )
    parser.add_argument(
        "--incremental", type=int, nargs="*", default=None,
        help="sizes that get the +1 article row (default: all)",
    )  # fmt: skip
    parser.add_argument(
        "--scale", action="store_true",
        help="only the growth rows (page size, Hugo, serve waits) on the --sizes corpora",
    )  # fmt: skip
    parser.add_argument(
        "--before-sizes", type=int, nargs="*", default=None,
        help="with --scale --before: the sizes that get the earlier revision's serve waits "
        "(default: all)",
    )  # fmt: skip
    parser.add_argument(
        "--before",
        help="also the cold, warm and +1 article builds with the code of this git revision, "
        "alternating with ours (with --scale: the serve waits)",
    )
    parser.add_argument("--serve-session", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--raw-pipe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.raw_pipe:  # the child process of raw_pipe()
        print(json.dumps(raw_pipe_session(args.raw_pipe, args.processes)))
        return 0
    if args.annotate_session:  # the child process of annotation_engines()
        print(json.dumps(annotate_session(args.annotate_session, args.executor, args.processes)))
        return 0
    if args.serve_session:  # the child process of serve_rebuilds()
        print(json.dumps(serve_session(args.serve_session, json.loads(sys.stdin.read()))))
        return 0
    incremental = set(args.sizes if args.incremental is None else args.incremental)
    started = time.perf_counter()
    load = os.getloadavg()[0]
    snapshot_code()
    log(f"machine: {machine()}")
    sentences = source_sentences()
    log(f"{len(sentences)} source sentences")
    if args.scale:
        before = None
        if args.before:
            snapshot_revision(args.before, OUT / "code-before")
            before = OUT / "code-before" / "plugins"
        rows = [
            measure_scale(
                size,
                sentences,
                max(1, args.repeat),
                before if args.before_sizes is None or size in args.before_sizes else None,
            )
            for size in args.sizes
        ]
        print(
            f"Machine: {machine()}; load average before/after: {load:.2f} / {os.getloadavg()[0]:.2f}"
        )
        print()
        print(scale_table(rows))
        print()
        print("\n".join(verdicts(rows)))
        return 0
    before = None
    if args.before:
        snapshot_revision(args.before, OUT / "code-before")
        before = OUT / "code-before" / "plugins"
    rows = [
        measure(size, sentences, max(1, args.repeat), size in incremental, before)
        for size in args.sizes
    ]
    print(f"Machine: {machine()}")
    print("Seconds of wall-clock time (CPU seconds of every process involved in brackets).")
    print(
        f"Load average before/after: {load:.2f} / {os.getloadavg()[0]:.2f}; bench took {time.perf_counter() - started:.0f} s"
    )
    stage_rows = annotation_rows(args, sentences) + long_article_rows()
    if rows:
        print()
        print(table(rows))
        if args.before:
            print()
            print(before_table(rows, args.before))
        print()
        print()
        print(scale_table(rows))
        print()
        print("\n".join(verdicts(rows)))
    if stage_rows:
        print()
        print("| annotation stage | seconds |\n|---|---|")
        print("\n".join(stage_rows))
    return 0


def long_article_rows(sizes: Sequence[int] = (25_000, 100_000)) -> list[str]:
    """Paragraph handling on one article of many one-line paragraphs (the
    ``briefings_paragraphs`` component, once quadratic in paragraphs): time at each size
    and the exponent between them (1.0 is linear)."""
    import spacy

    from newsroom.nlp.pipeline import paragraph_breaks

    nlp = spacy.blank("en")
    times = []
    for size in sizes:
        text = "\n\n".join(f"Line {i} of a long article." for i in range(size))
        nlp.max_length = len(text) + 1  # no parser here: the length limit guards its memory
        best = math.inf
        for _ in range(3):
            doc = nlp.make_doc(text)
            started = time.perf_counter()
            paragraph_breaks(doc)
            best = min(best, time.perf_counter() - started)
        times.append(best)
    rows = [
        f"| {size:,} one-line paragraphs, paragraphs stage | {t:.2f} |"
        for size, t in zip(sizes, times, strict=True)
    ]
    growth = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
    rows.append(f"| growth exponent, {sizes[0]:,} to {sizes[-1]:,} paragraphs | {growth:.2f} |")
    return rows


def annotation_rows(args: argparse.Namespace, sentences: Sequence[str]) -> list[str]:
    """The annotation stage's rows the options ask for (see annotation_engines and
    helper_vs_simple)."""
    rows: list[str] = []
    repeat = max(1, args.repeat)
    if args.annotation_size:
        rows += annotation_engines(args.annotation_size, sentences, repeat)
    if args.helper_size:
        revision = args.helper_rev or helper_revision()
        rows += helper_vs_simple(args.helper_size, sentences, max(5, repeat), revision)
    return rows


if __name__ == "__main__":
    sys.exit(main())
