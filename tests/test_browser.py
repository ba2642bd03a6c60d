"""A real browser (Debian's Chromium, headless, via Playwright) against the real app.

Asks the bbl-offensief question, checks the answer and the sources panel, asks a follow-up,
shows that HTML in a question stays text, uses the Partij filter, opens "Alle acties" and
"Voor studenten", and saves docs/screenshot.png for the README. Every request the page makes
must go to the app itself (no CDN, fonts or analytics).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from _appserver import REPO, is_loopback_ip

CHROMIUM = Path(os.environ.get("WERKAGENDA_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOT = REPO / "docs" / "screenshot.png"
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium) "
                              "voor de browsertest"),
]


@pytest.fixture(scope="module")
def page(app_server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="het Python-pakket playwright ontbreekt")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        pg.requested_urls = []  # type: ignore[attr-defined]
        pg.dialogs = []  # type: ignore[attr-defined]
        pg.on("request", lambda req: pg.requested_urls.append(req.url))
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.goto(app_server.url + "/")
        pg.wait_for_selector("#wa-vraag textarea")
        yield pg
        context.close()
        browser.close()


def bot_messages(page) -> list[str]:
    return page.locator("#wa-chat .message-row.bot-row").all_inner_texts()


def ask(page, question: str) -> str:
    """Type a question, send it, wait for the new answer and return its text."""
    before = len(bot_messages(page))
    page.fill("#wa-vraag textarea", question)
    page.click("#wa-verstuur")
    page.wait_for_function(
        "n => document.querySelectorAll('#wa-chat .message-row.bot-row').length > n", arg=before)
    # the handler also clears the textbox when it is done
    page.wait_for_function("() => document.querySelector('#wa-vraag textarea').value === ''")
    return bot_messages(page)[-1]


def test_bbl_offensief_answer_and_sources_panel(page):
    answer = ask(page, "wat is de status van het bbl-offensief?")
    assert "Doelstelling 2.3" in answer
    assert "Voortgang (2025)" in answer and "Status zomer 2024" in answer

    row = page.locator("#wa-bronnen details[data-row-id='2.3-01']")
    row.wait_for()
    text = row.inner_text()
    for label in ("Wat?", "Wie?", "Wanneer?", "Status zomer 2024", "Voortgang (2025)"):
        assert label in text
    wat = row.locator("dt:text-is('Wat?') + dd").inner_text()
    assert "BBL offensief" in wat
    assert "Doelstelling 2.3" in text and "prioriteit 2" in text

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000


def test_follow_up_uses_the_previous_answer(page):
    answer = ask(page, "en wie is daarvoor verantwoordelijk?")
    assert "Doelstelling 2.3" in answer
    assert "VNO-NCW" in answer and "SBB" in answer


def test_html_in_a_question_is_shown_as_text(page):
    ask(page, "<script>alert(1)</script>")
    users = page.locator("#wa-chat .message-row.user-row").all_inner_texts()
    assert "<script>alert(1)</script>" in users[-1]
    assert page.locator("#wa-chat script").count() == 0
    assert page.evaluate(
        "() => [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(1)')).length") == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_partij_filter_narrows_to_job(page):
    page.click("#wa-f-partij input")
    page.get_by_role("option", name="JOB", exact=True).click()
    page.wait_for_function("() => document.querySelector('#wa-f-partij input').value === 'JOB'")
    answer = ask(page, "welke acties zijn er?")
    assert "JOB" in answer
    cited = page.locator("#wa-bronnen details[data-row-id]")
    assert cited.count() >= 1
    for i in range(cited.count()):
        parties = cited.nth(i).locator("p:has-text('Partijen:')").text_content()
        assert "JOB" in parties
    # back to all parties for the other tests
    page.click("#wa-f-partij input")
    page.get_by_role("option", name="Alle", exact=True).click()


def test_alle_acties_tab_searches_the_table(page):
    page.get_by_role("tab", name="Alle acties").click()
    table = page.locator("#wa-tabel")
    table.wait_for()
    page.wait_for_function("() => document.querySelector('#wa-tabel').innerText.includes('1.1-01')")
    page.fill("#wa-zoek textarea", "bbl offensief")
    page.wait_for_function("() => !document.querySelector('#wa-tabel').innerText.includes('1.1-01')")
    assert "2.3-01" in table.inner_text()
    count = page.locator("text=/\\d+ van \\d+ acties/").first.inner_text()
    assert re.match(r"\d+ van \d+ acties", count)


def test_voor_studenten_tab_asks_in_the_chat(page):
    page.get_by_role("tab", name="Voor studenten").click()
    button = page.get_by_role("button", name=re.compile(r"Vraag hierover in de chat \(1\.1-03\)"))
    button.click()
    page.locator("#wa-bronnen details[data-row-id='1.1-03']").wait_for()
    assert page.get_by_role("tab", name="Chat").get_attribute("aria-selected") == "true"


def test_page_only_talks_to_the_app(page, app_server):
    assert page.requested_urls
    foreign = [u for u in page.requested_urls
               if urlparse(u).scheme not in ("data", "blob")
               and not (urlparse(u).hostname and is_loopback_ip(urlparse(u).hostname))]
    assert foreign == [], f"de pagina haalde iets van buiten: {foreign[:5]}"
