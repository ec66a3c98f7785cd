"""axe-core in a real browser on the seed site: no serious or critical violation on home, a
briefing, an actor page, the timeline, the glossary and a background topic, in light and
dark (Material's search dialog and progress bar, which had no names, are named by the
plugin's overrides of their partials).

axe-core is the npm package pinned in package.json (``npm ci`` at the repository root, as
.ci/run does), injected into Debian's Chromium through Playwright.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import ROOT, SEED_SLUG, Site
from test_browser import launched_chromium, require_chromium, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    f"briefings/{SEED_SLUG}/",
    "actors/kim-jong-un/",
    "timeline/",
    "glossary/",
    "background/north-korea-russia/",
]
SCHEMES = {"light": "default", "dark": "slate"}
THEME_OVERRIDES = ROOT / "plugins" / "newsroom" / "templates" / "theme" / "partials"
SERIOUS = {"serious", "critical"}


def require_axe() -> None:
    """Skip without axe-core on a workstation; in CI (CI=true) a missing script fails."""
    if not AXE.is_file():
        missing = f"{AXE.relative_to(ROOT)} is missing (npm ci at the repository root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the accessibility tests, but {missing}")
        pytest.skip(f"accessibility tests need axe-core: {missing}")


@pytest.fixture(scope="module")
def seed_origin(seed_site: Site) -> Iterator[str]:
    """The seed site served on 127.0.0.1 at an ephemeral port, from a thread."""

    with served(seed_site.site) as address:
        yield address


@pytest.fixture(scope="module")
def axe_browser() -> Iterator[Browser]:
    """One headless Chromium for the accessibility tests."""
    require_chromium()
    require_axe()
    with launched_chromium() as chromium:
        yield chromium


def serious(violations: list[dict[str, Any]]) -> list[str]:
    """The serious and critical failures, one line per element."""
    found = []
    for violation in violations:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            target = str(node["target"][0])
            found.append(f"{violation['id']} {target}: {node.get('failureSummary', '')[:200]}")
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", [1366, 390])
def test_no_serious_axe_violation(
    axe_browser: Browser, seed_origin: str, scheme: str, width: int
) -> None:
    """Every checked page, light and dark, at desk and phone width: no serious or critical
    axe-core violation."""
    context = axe_browser.new_context(
        color_scheme="dark" if scheme == "dark" else "light",
        viewport={"width": width, "height": 900},
        service_workers="block",
    )
    page = context.new_page()
    script = AXE.read_text("utf-8")
    failures: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(f"{seed_origin}/{path}", wait_until="networkidle")
            shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert shown == SCHEMES[scheme], path
            page.add_script_tag(content=script)
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            if found := serious(result["violations"]):
                failures[path or "/"] = found
    finally:
        context.close()
    assert failures == {}


@pytest.mark.parametrize("name", ["search.html", "progress.html"])
def test_theme_overrides_are_materials_partials_with_a_name(name: str) -> None:
    """The overridden partials are Material's (as installed), only given an aria-label: an
    upgrade of Material that changes them fails here instead of going unnoticed."""
    import re

    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / name).read_text("utf-8")
    mine = (THEME_OVERRIDES / name).read_text("utf-8")

    def body(template: str) -> str:
        without_comments = re.sub(r"\{#.*?#\}\s*", "", template, flags=re.S)
        return re.sub(r'(role="\w+") aria-label="[^"]*"', r"\1", without_comments).strip()

    assert body(mine) == body(theirs)
    assert body(mine) != re.sub(r"\{#.*?#\}\s*", "", mine, flags=re.S).strip()
