"""axe-core in a real browser on the seed site: no serious or critical violation caused by
the project's markup, CSS or palette on home, a briefing, an actor page, the timeline and
the glossary, in light and dark.

axe-core is the npm package pinned in package.json (``npm ci`` at the repository root, as
.ci/run does), injected into Debian's Chromium through Playwright.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from conftest import ROOT, SEED_SLUG, Site
from test_browser import launched_chromium, require_chromium, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", f"briefings/{SEED_SLUG}/", "actors/kim-jong-un/", "timeline/", "glossary/"]
SCHEMES = {"light": "default", "dark": "slate"}
# Violations in Material's own markup, which no template or stylesheet of ours makes: by
# rule and element, with the reason. Anything else serious or critical fails the test.
MATERIAL_OWN = {
    ("aria-dialog-name", ".md-search"): "Material's search overlay: role=dialog, no name",
    ("aria-progressbar-name", ".md-progress"): "the progress bar Material's instant loading adds",
}
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


def ours(violations: list[dict[str, Any]]) -> list[str]:
    """The serious and critical failures that are not Material's own, one line per element."""
    found = []
    for violation in violations:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            target = str(node["target"][0])
            if (violation["id"], target) in MATERIAL_OWN:
                continue
            found.append(f"{violation['id']} {target}: {node.get('failureSummary', '')[:200]}")
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", [1366, 390])
def test_no_serious_axe_violation_of_ours(
    axe_browser: Browser, seed_origin: str, scheme: str, width: int
) -> None:
    """Every checked page, light and dark, at desk and phone width: no serious or critical
    axe-core violation outside Material's own markup."""
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
            if found := ours(result["violations"]):
                failures[path or "/"] = found
    finally:
        context.close()
    assert failures == {}


def test_material_exceptions_are_material_markup() -> None:
    """Only Material's own components (md-* classes) may be excused, each with a reason."""
    for (rule, target), reason in MATERIAL_OWN.items():
        assert target.startswith(".md-") and rule and reason
