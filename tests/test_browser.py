"""The hostile site in a real browser (Debian's Chromium driven by Playwright): no script
from an article runs, no request leaves the local server, and readers see the literal text.

The site is the one tests/test_hostile.py builds (hostile articles, a hostile registry entry
and the real seed), served over HTTP on 127.0.0.1 because instant navigation and search
fetch pages and the search index, which file:// URLs do not allow.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import pytest
from conftest import SEED_SLUG
from test_hostile import EXPECTED_SLUGS, HostileBuild, build_hostile_site

from newsroom.editorial import load_editorial
from newsroom.model import Article
from newsroom.pages import markup
from newsroom.seeds import load_articles

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Error,
        Page,
        Route,
        ViewportSize,
        WebSocket,
    )

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Requests allowed to leave 127.0.0.1, each with its reason. None are: mkdocs.yml sets
# `font: false`, and the site has no repository link, analytics, CDN or embedded media.
ALLOWED_FOREIGN: dict[str, str] = {}
WORD_JOINER = "\u2060"
HOSTILE_PAGES = [
    f"briefings/{EXPECTED_SLUGS['injection.md']}/",
    f"briefings/{EXPECTED_SLUGS['injection.txt']}/",
    f"briefings/{EXPECTED_SLUGS['long-headline.txt']}/",
    f"briefings/{EXPECTED_SLUGS['safe-url.md']}/",
    "actors/zorblax-agency/",
    "actors/",
    "briefings/",
    "glossary/",
    "timeline/",
    "",
]
SEED_PAGES = ["", f"briefings/{SEED_SLUG}/", "actors/kim-jong-un/"]
# Elements and attributes no article or registry text may ever create.
ACTIVE_CONTENT_JS = """() => {
  const tags = [...document.querySelectorAll('iframe, frame, img, embed, object, base')];
  const handlers = [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name));
  const urls = [...document.querySelectorAll('[href], [src]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || '')
    .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u));
  return [...tags.map(t => t.outerHTML.slice(0, 120)), ...handlers, ...urls];
}"""


@dataclass
class Recorder:
    """Everything a page did that a reader's browser should never see on this site."""

    origin: str
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    local_requests: int = 0

    def route(self, route: Route) -> None:
        """Serve local requests; abort and record any other."""
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            self.local_requests += 1
            route.continue_()
        else:
            if url not in ALLOWED_FOREIGN:
                self.foreign_requests.append(url)
            route.abort()

    def watch(self, page: Page) -> None:
        """Record dialogs (dismissed), console errors and uncaught exceptions of ``page``."""

        def on_dialog(dialog: Dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.console_errors.append(f"{page.url}: {message.text}")

        def on_page_error(error: Error) -> None:
            self.page_errors.append(f"{page.url}: {error}")

        def on_websocket(socket: WebSocket) -> None:
            self.foreign_requests.append(socket.url)

        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.on("websocket", on_websocket)

    def assert_clean(self) -> None:
        """No script ran, nothing failed, and every request went to the local server."""
        assert self.dialogs == [], "a script from the content ran"
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.foreign_requests == []
        assert self.local_requests > 0


def require_chromium() -> None:
    """Skip without Chromium on a workstation; in CI (CI=true) a missing browser fails."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed (make install)"
    else:
        missing = "" if CHROMIUM.exists() else f"{CHROMIUM} is missing (apt-get install chromium)"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser tests, but {missing}")
        pytest.skip(f"browser tests need Debian's Chromium: {missing}")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    """The hostile site, built once per session (shared with tests/test_hostile.py)."""
    return build_hostile_site(tmp_path_factory)


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 at an ephemeral port, from a thread: its origin."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output clean."""

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def origin(hostile: HostileBuild) -> Iterator[str]:
    """The built site served on 127.0.0.1 at an ephemeral port, from a thread."""
    with served(hostile.site.site) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test."""
    require_chromium()
    with launched_chromium() as chromium:
        yield chromium


@dataclass
class Tab:
    """A fresh browser context and page with its recorder."""

    context: BrowserContext
    page: Page
    recorder: Recorder
    origin: str

    def open(self, path: str, until: Literal["load", "networkidle"] = "networkidle") -> Page:
        """Load a page of the site and wait until the network is quiet (or it has loaded)."""
        self.page.goto(f"{self.origin}/{path}", wait_until=until)
        return self.page


@pytest.fixture
def tab(browser: Browser, origin: str) -> Iterator[Tab]:
    """A fresh context per test: its own storage, routes and recorder."""
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 800})
    recorder = Recorder(origin)
    context.route("**/*", recorder.route)
    page = context.new_page()
    recorder.watch(page)
    yield Tab(context, page, recorder, origin)
    context.close()


def loaded_articles(hostile: HostileBuild) -> dict[str, Article]:
    """The hostile folder's articles as the loader reads them, by file name."""
    articles = load_articles(hostile.site.project / "seeds").articles
    return {a.path.as_posix(): a for a in articles}


def headline(page: Page) -> str:
    """The page's h1 as shown, without the permalink sign."""
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


# --- the tests ------------------------------------------------------------------------------


def test_hostile_pages_run_no_script_and_ask_no_other_host(tab: Tab) -> None:
    """On every hostile page, with every actor tooltip opened: no dialog, error or foreign request."""
    for path in HOSTILE_PAGES:
        page = tab.open(path, until="load")
        hostile_tips = page.locator('article a.briefing-actor[href$="/zorblax-agency/"]')
        others = page.locator("article a.briefing-actor")
        for link in [*hostile_tips.element_handles()[:2], *others.element_handles()[:1]]:
            link.hover(timeout=5000)
            page.wait_for_timeout(300)  # Material shows a tooltip after 250 ms
        page.mouse.wheel(0, 5000)
        page.wait_for_timeout(200)
        assert page.evaluate(ACTIVE_CONTENT_JS) == [], path
    tab.page.wait_for_load_state("networkidle")
    tab.recorder.assert_clean()


@pytest.mark.parametrize("name", ["injection.md", "injection.txt", "long-headline.txt"])
def test_reader_sees_the_literal_text(tab: Tab, hostile: HostileBuild, name: str) -> None:
    """Headline and paragraphs show exactly the article's characters, bidi controls as code points."""
    article = loaded_articles(hostile)[name]
    page = tab.open(f"briefings/{article.slug}/")
    assert headline(page) == markup.visible(article.title)
    shown = page.locator("article p.briefing-paragraph")
    expected = [
        markup.visible(article.block_text(b)) for b in article.blocks if b.kind == "paragraph"
    ]
    assert shown.all_inner_texts() == expected
    for index in range(shown.count()):
        assert shown.nth(index).is_visible()
    assert page.title().startswith(markup.visible(article.title))
    tab.recorder.assert_clean()


def test_tooltip_shows_registry_text_literally(tab: Tab, hostile: HostileBuild) -> None:
    """Material's tooltip for a hostile actor shows its name and description as text."""
    actor = load_editorial(hostile.site.project / "briefings").editorial.actor_map()[
        "zorblax-agency"
    ]
    page = tab.open(f"briefings/{EXPECTED_SLUGS['injection.md']}/")
    page.locator("article a.briefing-actor").first.hover()
    tip = page.locator(".md-tooltip2__inner")
    tip.wait_for(state="visible")
    shown = tip.inner_text().replace(WORD_JOINER, "").strip()
    assert shown == markup.visible(f"{actor.name}: {actor.description}")
    tab.recorder.assert_clean()


def test_override_characters_do_not_reorder_text(tab: Tab) -> None:
    """Text after a right-to-left override is laid out left to right, as it is stored."""
    page = tab.open(f"briefings/{EXPECTED_SLUGS['injection.md']}/")
    lefts = page.evaluate(
        """() => {
          const p = [...document.querySelectorAll('p.briefing-paragraph')]
            .find(p => p.textContent.includes('gnirts desrever'));
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode()) && !node.data.includes('gnirts')) {}
          const start = node.data.indexOf('gnirts');
          const left = i => { const r = document.createRange();
            r.setStart(node, start + i); r.setEnd(node, start + i + 1);
            return r.getBoundingClientRect().left; };
          return [left(0), left('gnirts desrever'.length - 1)];
        }"""
    )
    first, last = lefts
    assert first < last  # "g" is drawn before the final "r": not mirrored
    assert "<U+202E>" in page.locator("article").inner_text()
    tab.recorder.assert_clean()


@pytest.mark.parametrize("path", SEED_PAGES)
def test_seed_pages_load_without_console_errors(tab: Tab, path: str) -> None:
    """The home page, the seed's briefing and an actor page load cleanly beside hostile ones."""
    page = tab.open(path)
    expected = {
        "": "Briefings",
        f"briefings/{SEED_SLUG}/": "Kim Jong-un and Putin discuss alliance and war efforts "
        "against Ukraine",
        "actors/kim-jong-un/": "Kim Jong-un",
    }[path]
    assert headline(page) == expected
    if path.startswith("briefings/"):
        assert page.locator("article a.briefing-actor").count() >= 20
    tab.recorder.assert_clean()


def test_instant_navigation_and_search_stay_inert(tab: Tab, hostile: HostileBuild) -> None:
    """Following a link (instant navigation) and searching show hostile text, never run it."""
    article = loaded_articles(hostile)["injection.txt"]
    page = tab.open("")
    page.locator(f'article a[href$="/briefings/{article.slug}/"]').first.click()
    page.wait_for_url(f"**/briefings/{article.slug}/")
    page.wait_for_load_state("networkidle")
    assert headline(page) == markup.visible(article.title)
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("Zorblax")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    text = page.locator(".md-search-result").inner_text()
    assert "Zorblax <script>alert(1)</script> Agency" in text
    assert "<img src=x onerror=alert(1)>" in text
    tab.recorder.assert_clean()


# --- reading on a phone and finding one's way --------------------------------------------------

PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1366, "height": 900}


@pytest.fixture
def phone(browser: Browser, origin: str) -> Iterator[Tab]:
    """A touch screen 390 px wide, as a phone's browser presents it."""
    context = browser.new_context(
        service_workers="block", viewport=PHONE, has_touch=True, is_mobile=True
    )
    recorder = Recorder(origin)
    context.route("**/*", recorder.route)
    page = context.new_page()
    recorder.watch(page)
    yield Tab(context, page, recorder, origin)
    context.close()


@pytest.mark.parametrize("path", [f"briefings/{SEED_SLUG}/", "actors/kim-jong-un/"])
def test_the_contents_are_reachable_on_a_phone(phone: Tab, path: str) -> None:
    """At 390 px, where Material hides its contents sidebar, "On this page" under the title
    opens the page's sections, and a tap on one goes to it."""
    page = phone.open(path)
    assert not page.locator(".md-sidebar--secondary").is_visible()
    summary = page.locator("article details.briefing-toc > summary")
    summary.tap()
    links = page.locator("article details.briefing-toc a")
    assert links.count() >= 3 and links.first.is_visible()
    # Instant navigation makes every link absolute: the fragment names the section.
    target = (links.last.get_attribute("href") or "").partition("#")[2]
    links.last.tap()
    page.wait_for_url(f"**/{path}#{target}")
    assert target and page.locator(f"[id='{target}']").is_visible()
    phone.recorder.assert_clean()


def test_a_tap_on_a_name_shows_its_description(phone: Tab) -> None:
    """The first tap on a linked name shows its one line and a link to its page without
    leaving the briefing; the second follows the link."""
    page = phone.open(f"briefings/{SEED_SLUG}/")
    name = page.locator('article a.briefing-actor[href$="/actors/kim-jong-un/"]').first
    name.tap()
    popover = page.locator("article .briefing-popover")
    popover.wait_for(state="visible")
    assert page.url.endswith(f"/briefings/{SEED_SLUG}/")
    assert "Leader of North Korea since December 2011." in popover.inner_text()
    assert (popover.locator("a").get_attribute("href") or "").endswith("/actors/kim-jong-un/")
    page.locator("article h1").tap()
    assert popover.count() == 0  # a tap elsewhere closes it
    name.tap()
    name.tap()
    page.wait_for_url("**/actors/kim-jong-un/")
    phone.recorder.assert_clean()


@pytest.mark.parametrize(
    ("path", "section"),
    [
        (f"briefings/{SEED_SLUG}/", "Briefings"),
        ("actors/kim-jong-un/", "Actors"),
        ("background/north-korea-russia/", "Background"),
        ("glossary/", "Glossary"),
    ],
)
def test_the_tab_of_the_page_s_section_is_active_on_a_desk(
    browser: Browser, origin: str, path: str, section: str
) -> None:
    """At 1366 px the tabs show, and the one of the page's section is the active one."""
    context = browser.new_context(service_workers="block", viewport=DESK)
    recorder = Recorder(origin)
    context.route("**/*", recorder.route)
    page = context.new_page()
    recorder.watch(page)
    try:
        page.goto(f"{origin}/{path}", wait_until="networkidle")
        active = page.locator(".md-tabs__item--active")
        assert active.count() == 1 and active.is_visible()
        assert active.inner_text().strip() == section
        recorder.assert_clean()
    finally:
        context.close()
