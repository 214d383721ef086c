"""The web chat in a real browser: Playwright drives Debian's Chromium against `python app.py`.

Each test starts the real app in a subprocess on a free loopback port (feedback file in tmp)
and blocks every request that leaves 127.0.0.1, so the page must work offline. The first
test also saves docs/screenshot.png for the README. `make test` installs Chromium when
/usr/bin/chromium is missing; `playwright install` cannot download browsers here.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from serving import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from qa.answer import Answerer

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = ROOT / "docs" / "screenshot.png"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile.md"
CALDERON = "How many people were extradited under Calderón?"
ANSWERS = "#qa-chat .qa-answer, #qa-chat .qa-abstain, #qa-chat .qa-error"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (`make test` installs it)"
)


@dataclass
class Server:
    url: str
    feedback_db: Path
    log: Path


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator[Any]:
    """Start `python app.py` with extra environment; stopped when the test ends."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(**env: str) -> Server:
        port = free_port()
        log = tmp_path / f"app-{port}.log"
        feedback = tmp_path / f"feedback-{port}.sqlite3"
        environ = {
            **os.environ,
            "QA_SERVER__HOST": "127.0.0.1",
            "QA_SERVER__PORT": str(port),
            "QA_FEEDBACK_DB": str(feedback),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            **env,
        }
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "app.py"], cwd=ROOT, env=environ, stdout=out, stderr=out
            )
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{url}/", timeout=5).status_code == 200:
                    return Server(url, feedback, log)
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        pytest.fail(f"app.py did not serve / within 180 s:\n{log.read_text()[-3000:]}")

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Browser, start_app: Any) -> Iterator[Any]:
    """Open a page on a started app; pages close before their app stops."""
    pages: list[Page] = []

    def open_(server: Server) -> tuple[Page, list[str], list[str]]:
        """(page, URLs it tried outside loopback, page errors); offline except for loopback."""
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        pages.append(page)
        page.set_default_timeout(30_000)
        blocked: list[str] = []
        errors: list[str] = []

        def route(r: Any) -> None:
            if r.request.url.startswith(server.url):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(server.url)
        # The Ask button is enabled once the pipeline is ready; the page polls, no reload.
        page.wait_for_selector("#qa-ask:not([disabled])", timeout=120_000)
        return page, blocked, errors

    yield open_
    for page in pages:
        page.close()


def _ask(page: Page, question: str) -> str:
    """Type a question, send it, wait for the new answer and return its text."""
    before = page.locator(ANSWERS).count()
    page.fill("#qa-question textarea", question)
    page.click("#qa-ask")
    page.wait_for_function(
        "([selector, n]) => document.querySelectorAll(selector).length > n", arg=[ANSWERS, before]
    )
    return page.locator(ANSWERS).last.inner_text()


def _votes(db: Path, count: int) -> list[tuple[str, str, str, str]]:
    """The stored votes, once there are `count` of them (the vote is written off the page)."""
    deadline = time.monotonic() + 15
    rows: list[tuple[str, str, str, str]] = []
    while time.monotonic() < deadline:
        if db.exists():
            conn = sqlite3.connect(db)
            try:
                rows = conn.execute(
                    "SELECT vote, question, answer, citations FROM votes ORDER BY id"
                ).fetchall()
            except sqlite3.OperationalError:  # the table is not there yet
                rows = []
            finally:
                conn.close()
            if len(rows) >= count:
                return rows
        time.sleep(0.1)
    return rows


def test_chat_sources_votes_and_about(answerer: Answerer, start_app: Any, open_page: Any) -> None:
    # The `answerer` fixture builds index/ if needed, so app.py starts with it in place.
    server = start_app()
    page, blocked, errors = open_page(server)

    text = _ask(page, CALDERON)
    assert "587" in text and "[1]" in text
    first = page.locator("#qa-sources details.qa-source").first
    assert first.get_attribute("open") is not None
    assert "U.S.-Mexico Security Cooperation: An Overview" in first.locator("summary").inner_text()
    assert "587" in first.locator("mark").inner_text()
    # One click on a marker opens its (closed) source.
    second = page.locator("#qa-sources details.qa-source").nth(1)
    assert second.get_attribute("open") is None
    page.locator("#qa-chat a.qa-marker", has_text="[2]").last.click()
    page.wait_for_function(
        "() => document.querySelectorAll('#qa-sources details.qa-source[open]').length == 2"
    )

    text = _ask(page, "What happened in Allende, Coahuila?")
    assert "Allende" in text
    page.locator("#qa-chat a.qa-marker").last.click()
    source = page.locator("#qa-sources details.qa-source[open]").first
    assert "U.S.-Mexico Security Cooperation: An Overview" in source.inner_text()
    note = source.locator("li.qa-note")
    assert "Note 13" in note.inner_text() and "ProPublica" in note.inner_text()
    link = note.locator("a")
    href = link.get_attribute("href") or ""
    assert href.startswith("https://www.propublica.org/")
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in (link.get_attribute("rel") or "")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(800)  # let the panel's update settle so the picture is not dimmed
    page.screenshot(path=str(SCREENSHOT))

    # A follow-up is read with the conversation.
    assert "211" in _ask(page, "How many people were extradited under Fox?")
    assert "587" in _ask(page, "and under Calderón?")
    assert f"Read as: {CALDERON}" in page.locator("#qa-chat .qa-read-as").last.inner_text()

    text = _ask(page, "What is the recipe for mole poblano?")
    assert "does not say" in text
    assert "The brief does not say." in page.locator("#qa-sources").inner_text()
    assert page.locator("#qa-sources a.qa-section-link").count() >= 1

    # Thumbs up on the first answer, down on the abstention: both land in the SQLite file.
    page.locator("#qa-chat button[aria-label='Like']").first.click()
    rows = _votes(server.feedback_db, 1)
    assert rows and rows[0][0] == "up" and rows[0][1] == CALDERON and "587" in rows[0][2]
    assert json.loads(rows[0][3])[0]["section_id"] == "us-mexico-security-cooperation-an-overview"
    page.locator("#qa-chat button[aria-label='Dislike']").last.click()
    rows = _votes(server.feedback_db, 2)
    assert [r[0] for r in rows] == ["up", "down"]
    assert rows[1][1] == "What is the recipe for mole poblano?" and json.loads(rows[1][3]) == []

    # About this brief: the facts, the outline, and a section's text with paragraph numbers.
    page.get_by_role("tab", name="About this brief").click()
    about = page.locator("#qa-about").inner_text()
    for fact in (
        "Putting Citizens' Security First",
        "Gema Kloppe-Santamaría",
        "January 2021",
        "Re-Building a Complex Partnership",
    ):
        assert fact in about
    page.locator("#qa-about a.qa-section-link", has_text="Introduction").click()
    page.wait_for_selector("#qa-section .qa-section-text[data-section='introduction']")
    assert "¶1" in page.locator("#qa-section").inner_text()

    # Start over empties the chat.
    page.get_by_role("tab", name="Ask").click()
    page.click("#qa-clear")
    page.wait_for_function("s => document.querySelectorAll(s).length == 0", arg=ANSWERS)

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []
    assert blocked == [], f"the page tried to reach the network: {blocked[:5]}"


def test_hostile_corpus_shows_markup_as_text(
    start_app: Any, open_page: Any, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(HOSTILE, corpus / HOSTILE.name)
    # No index yet: app.py builds it on start and the page waits for it.
    server = start_app(
        QA_CORPUS_DIR=str(corpus),
        QA_INDEX_DIR=str(tmp_path / "index"),
        QA_CACHE_DIR=str(tmp_path / "cache"),
    )
    page, _, errors = open_page(server)
    assert "no index yet: building it" in server.log.read_text()

    text = _ask(page, "How many containers did the harbour authority of Puerto Pruebas inspect?")
    assert "<script>window.__pwned = 1</script>" in text
    assert "412" in text
    text = _ask(page, "What did the customs union recommend?")
    assert '<a href="javascript:window.__pwned = 1">' in text
    sources = page.locator("#qa-sources").inner_text()
    assert '"><svg onload="window.__pwned = 1">' in sources
    page.get_by_role("tab", name="About this brief").click()
    assert "Hostile Brief <script>" in page.locator("#qa-about").inner_text()
    links = page.locator("#qa-about a.qa-section-link")
    for i in range(links.count()):
        section = links.nth(i).get_attribute("data-section")
        links.nth(i).click()
        page.wait_for_selector(f"#qa-section .qa-section-text[data-section='{section}']")
    assert "Mallory <b onmouseover" in page.locator("#qa-section").inner_text()

    assert page.evaluate("typeof window.__pwned") == "undefined"
    injected = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.qa-header *, .qa-user *, .qa-answer *, .qa-sources *, .qa-about *, '
            + '.qa-section-text *'))
          .filter(e => ['SCRIPT', 'IMG', 'SVG', 'B'].includes(e.tagName.toUpperCase())
                       || Array.from(e.attributes).some(a => a.name.startsWith('on')))
          .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert injected == []
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    assert page.title() == "Brief Q&A"
    assert errors == []
