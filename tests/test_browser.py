"""A real browser (Debian's Chromium, headless, via Playwright) against the real app, at a phone's
390x844 and a laptop's 1366x900, with an English browser (the page must be Dutch anyway).

Per width: the page opens at its top and in Dutch, no tab scrolls sideways, a question with its
answer (start in view) and sources (under the answer on a phone, beside it on a laptop), the
empty-message hint, a follow-up, HTML in a question, the Partij filter, the Overzicht chart and a
click through to its actions, the action list (two columns on a phone, a readable table on a
laptop), a CSV and an Excel download opened and counted, the student view's search and a tap on a
card. Every request the page makes must go to the app itself.

Screenshots are written to a temporary directory; `make screenshots` sets
WERKAGENDA_SCREENSHOT_DIR=docs to put them in the README's folder. Without Chromium (or the
playwright package) the tests are skipped, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from _appserver import is_loopback_ip

CHROMIUM = Path(os.environ.get("WERKAGENDA_CHROMIUM", "/usr/bin/chromium"))
TIMEOUT_MS = 30_000
VIEWPORTS = {"telefoon": (390, 844), "desktop": (1366, 900)}
HEADERS = ["Actie", "Doelstelling", "Prioriteit", "Wat?", "Wie?", "Wanneer?", "Status zomer 2024",
           "Voortgang (2025)", "Partijen", "Stand"]
# Gradio's own labels in English: none of these may show on the page or as a button's label.
ENGLISH = ("Use via API", "Settings", "Copy message", "Clear", "Loading", "Built with Gradio", "Error",
           "Submit", "Download")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def require_browser():
    """Skip without a browser; under CI=true fail instead (a CI that silently skips the browser
    tests proves nothing)."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium) voor de browsertest"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "het Python-pakket playwright ontbreekt"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {problem}", pytrace=False)
        pytest.skip(problem)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def shot_dir(tmp_path_factory) -> Path:
    where = os.environ.get("WERKAGENDA_SCREENSHOT_DIR")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def page(request, browser, app_server):
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US",
                                  accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.width_name = request.param  # type: ignore[attr-defined]
    pg.phone = width <= 480  # type: ignore[attr-defined]
    pg.requested_urls = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("request", lambda req: pg.requested_urls.append(req.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(app_server.url + "/")
    pg.wait_for_selector("#wa-vraag textarea")
    yield pg
    context.close()


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


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_function("name => [...document.querySelectorAll('[role=tab]')].some("
                           "t => t.textContent.trim() === name && t.getAttribute('aria-selected') === 'true')", arg=name)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


# ------------------------------------------------------------------ opening


def test_page_opens_at_the_top_in_dutch(page):
    # nothing grabs focus and scrolls past the title and the tabs
    assert page.evaluate("() => window.scrollY") == 0
    assert page.locator("h1", has_text="Werkagenda mbo").is_visible()
    # Gradio's own labels follow the browser's language (English here) unless the app switches them
    page.wait_for_function("() => document.documentElement.lang === 'nl' && "
                           "document.body.innerText.includes('Instellingen')")
    for tab in ("Chat", "Overzicht", "Alle acties", "Voor studenten"):
        assert page.get_by_role("tab", name=tab).is_visible()  # all four, none in an overflow menu
    for tab in ("Overzicht", "Alle acties", "Voor studenten", "Chat"):
        open_tab(page, tab)
        text = page.locator("body").inner_text()
        labels = page.evaluate("() => [...document.querySelectorAll('button, [role=tab], a')]"
                               ".filter(e => e.offsetParent !== null)"
                               ".map(e => [e.getAttribute('aria-label') || '', e.getAttribute('title') || '',"
                               " e.innerText || ''].join(' | '))")
        for english in ENGLISH:
            assert not re.search(rf"\b{re.escape(english)}\b", text), (tab, english)
            assert not any(re.search(rf"\b{re.escape(english)}\b", label) for label in labels), (tab, english)
    assert page.evaluate("() => window.scrollY") == 0


def test_no_tab_scrolls_sideways(page):
    for tab in ("Overzicht", "Alle acties", "Voor studenten", "Chat"):
        open_tab(page, tab)
        page.wait_for_timeout(200)
        assert no_sideways_scroll(page), tab


# ------------------------------------------------------------------ the chat


def test_answer_its_start_in_view_and_its_sources(page):
    answer = ask(page, "wat is de status van het bbl-offensief?")
    assert "Doelstelling 2.3" in answer
    assert "Voortgang (2025)" in answer and "Status zomer 2024" in answer

    # the start of the new answer is in view, inside the chat box and on the page
    page.wait_for_timeout(300)
    msg = page.locator("#wa-chat .message-row.bot-row").last.bounding_box()
    chat = box(page, "#wa-chat")
    assert chat["y"] - 2 <= msg["y"] <= chat["y"] + chat["height"] - 40
    assert 0 <= msg["y"] <= page.viewport_size["height"] - 40

    row = page.locator("#wa-bronnen details[data-row-id='2.3-01']")
    row.wait_for()
    text = row.inner_text()
    for label in ("Wat?", "Wie?", "Wanneer?", "Status zomer 2024", "Voortgang (2025)"):
        assert label in text
    assert "BBL offensief" in row.locator("dt:text-is('Wat?') + dd").inner_text()
    assert "Doelstelling 2.3" in text and "prioriteit 2" in text
    # how the answer was made is behind "Details"
    assert not page.locator("#wa-bronnen .wa-details p").is_visible()
    assert "modus" not in page.locator("#wa-bronnen").inner_text()
    page.locator("#wa-bronnen .wa-details summary").click()
    assert "modus: extractief" in page.locator("#wa-bronnen .wa-details p").inner_text()

    chat = box(page, "#wa-chat")
    sources, options = box(page, "#wa-bronnen"), box(page, "#wa-opties")
    if page.phone:  # chat, then its sources, then filters and examples
        assert chat["y"] < sources["y"] < options["y"]
        assert sources["width"] > 0.8 * page.viewport_size["width"]
    else:  # sources beside the chat
        assert sources["x"] > chat["x"] + chat["width"] - 5 and abs(sources["y"] - chat["y"]) < 40


def test_empty_message_hint_is_its_own_message_and_keeps_the_sources(page):
    before = bot_messages(page)
    panel = page.locator("#wa-bronnen").inner_html()
    page.fill("#wa-vraag textarea", "   ")
    page.click("#wa-verstuur")
    page.wait_for_function("n => document.querySelectorAll('#wa-chat .message-row.bot-row').length > n",
                           arg=len(before))
    after = bot_messages(page)
    assert "Typ eerst een vraag" in after[-1] and "Doelstelling 2.3" not in after[-1]
    assert after[:-1] == before  # the previous answer is untouched
    page.wait_for_timeout(300)
    assert page.locator("#wa-bronnen").inner_html() == panel


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
    page.wait_for_function("() => document.querySelector('#wa-f-partij input').value === 'Alle'")


# ------------------------------------------------------------------ Overzicht


def test_overzicht_chart_and_a_click_through(page):
    open_tab(page, "Overzicht")
    segment = page.locator("#wa-overzicht .wa-seg[data-pick='1.1|loopt']")
    segment.wait_for()
    n = int(segment.inner_text())
    assert page.locator("#wa-overzicht .wa-balkrij").count() == 12  # one bar per doelstelling
    assert no_sideways_scroll(page)
    segment.click()
    page.wait_for_function("n => document.querySelectorAll('#wa-overzicht-lijst .wa-kaart').length === n", arg=n)
    lijst = page.locator("#wa-overzicht-lijst")
    assert f"{n} acties · doelstelling 1.1, stand: loopt" in lijst.inner_text()
    assert all(page.locator("#wa-overzicht-lijst .wa-kaart").nth(i).get_attribute("data-row-id").startswith("1.1-")
               for i in range(n))
    # the list comes into view (on a phone it is below the chart and the table)
    page.wait_for_timeout(300)
    assert box(page, "#wa-overzicht-lijst")["y"] < page.viewport_size["height"]
    # a cell of the table: all actions of doelstelling 2.3
    cell = page.locator("#wa-overzicht .wa-cel[data-pick='2.3|']")
    total = int(cell.inner_text())
    cell.click()
    page.wait_for_function("n => document.querySelectorAll('#wa-overzicht-lijst .wa-kaart').length === n",
                           arg=total)
    card = page.locator("#wa-overzicht-lijst .wa-kaart[data-row-id='2.3-01']")
    card.locator("summary").click()
    assert "Voortgang (2025)" in card.inner_text()


# ------------------------------------------------------------------ Alle acties


def test_action_list_is_readable_at_this_width(page):
    open_tab(page, "Alle acties")
    page.locator("#wa-tabel .wa-rij").first.wait_for()
    assert page.locator("#wa-tabel .wa-rij").count() == 78
    assert no_sideways_scroll(page)
    first = page.locator("#wa-tabel .wa-rij").first
    visible = [first.locator(f"summary .c{i}").is_visible() for i in range(8)]
    if page.phone:  # two columns: the id and the Wat
        assert visible == [True, False, False, False, True, False, False, False]
    else:
        assert all(visible)
        # headers on one line each (never "Doelstell ing"), in a proportional font
        for header in page.locator("#wa-tabel .wa-kop span").all():
            size = float(header.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
            assert header.bounding_box()["height"] < 1.9 * size, header.inner_text()
        font = first.evaluate("e => getComputedStyle(e).fontFamily").lower()
        assert "mono" not in font
    # a tap opens the whole action
    first.locator("summary").click()
    body = first.locator(".wa-rij-body")
    body.wait_for()
    for label in ("Wat?", "Wie?", "Wanneer?", "Status zomer 2024", "Voortgang (2025)"):
        assert label in body.inner_text()
    first.locator("summary").click()


def test_action_list_search(page):
    open_tab(page, "Alle acties")
    page.fill("#wa-zoek textarea", "bbl offensief")
    page.wait_for_function("() => document.querySelectorAll('#wa-tabel .wa-rij').length === 1")
    assert page.locator("#wa-tabel .wa-rij").get_attribute("data-row-id") == "2.3-01"
    assert page.locator("#wa-telling").inner_text().strip().startswith("1 van 78 acties")


def _download(page, selector: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.click(selector)
    info.value.save_as(target)
    return target


def test_export_downloads_open_with_the_filtered_rows(page, tmp_path):
    from openpyxl import load_workbook

    open_tab(page, "Alle acties")
    # still filtered by the search of the test above: the files hold what the table shows
    page.wait_for_function("() => document.querySelectorAll('#wa-tabel .wa-rij').length === 1")
    one = _download(page, "#wa-csv", tmp_path / "een.csv")
    rows = list(csv.reader(io.StringIO(one.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADERS and [r[0] for r in rows[1:]] == ["2.3-01"]

    page.fill("#wa-zoek textarea", "")
    page.wait_for_function("() => document.querySelectorAll('#wa-tabel .wa-rij').length === 78")
    page.wait_for_timeout(300)
    all_csv = _download(page, "#wa-csv", tmp_path / "alle.csv")
    assert all_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(all_csv.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADERS and len(rows) - 1 == 78
    xlsx = _download(page, "#wa-xlsx", tmp_path / "alle.xlsx")
    sheet = [[c.value for c in r] for r in load_workbook(xlsx).active.iter_rows()]
    assert sheet[0] == HEADERS and len(sheet) - 1 == 78
    assert {r[9] for r in sheet[1:]} <= {"afgerond", "loopt", "vertraagd of niet uitgevoerd",
                                         "ongewijzigd sinds zomer 2024", "geen voortgang vermeld"}


# ------------------------------------------------------------------ Voor studenten


def test_student_view_search_and_a_tap_asks_in_the_chat(page):
    open_tab(page, "Voor studenten")
    page.locator("#wa-studenten .wa-thema").first.wait_for()
    assert page.locator("#wa-studenten .wa-thema").count() >= 5  # grouped by theme
    assert "prioriteit" not in page.locator("#wa-studenten").inner_text().lower()  # plain language
    page.fill("#wa-s-zoek textarea", "studentenkaart")
    page.wait_for_function("() => document.querySelectorAll('#wa-studenten .wa-skaart').length === 1")
    card = page.locator("#wa-studenten .wa-skaart")
    assert card.get_attribute("data-row-id") == "1.1-05" and card.is_visible()
    assert no_sideways_scroll(page)
    button = card.locator("button.wa-vraagknop")
    question = button.inner_text().split(":", 1)[1].strip()
    assert len(question) < 60  # a short, natural question
    n = len(bot_messages(page))
    button.click()
    page.wait_for_function("() => [...document.querySelectorAll('[role=tab]')].some("
                           "t => t.textContent.trim() === 'Chat' && t.getAttribute('aria-selected') === 'true')")
    page.wait_for_function("n => document.querySelectorAll('#wa-chat .message-row.bot-row').length > n", arg=n)
    page.locator("#wa-bronnen details[data-row-id='1.1-05']").wait_for()
    asked = page.locator("#wa-chat .message-row.user-row").last.inner_text()
    assert question in asked and "filter" not in asked
    # the filters the user sees are the ones the question was asked with: none
    for sel in ("#wa-f-prio", "#wa-f-doel", "#wa-f-partij", "#wa-f-stand"):
        assert page.locator(f"{sel} input").input_value() == "Alle", sel
    assert "studentenkaart" in bot_messages(page)[-1].lower()


# ------------------------------------------------------------------ screenshots and privacy


def test_screenshots(page, shot_dir):
    """The README's pictures (see `make screenshots`): the chat with an answer, the Overzicht
    and the action list at this width."""
    open_tab(page, "Chat")
    page.click("#wa-nieuw")
    page.wait_for_function("() => document.querySelectorAll('#wa-chat .message-row').length === 0")
    page.evaluate("() => window.scrollTo(0, 0)")
    ask(page, "Wat is de status van het bbl-offensief?")
    page.locator("#wa-bronnen details[data-row-id='2.3-01']").wait_for()
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(400)
    name = page.width_name
    shots = [shot_dir / f"screenshot-{name}-chat.png"]
    page.screenshot(path=str(shots[-1]))
    open_tab(page, "Overzicht")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    shots.append(shot_dir / f"screenshot-{name}-overzicht.png")
    page.screenshot(path=str(shots[-1]))
    open_tab(page, "Alle acties")
    page.evaluate("() => window.scrollTo(0, 0)")
    if page.phone:  # the list itself, below the filters
        page.evaluate("() => document.querySelector('#wa-telling').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    shots.append(shot_dir / f"screenshot-{name}-acties.png")
    page.screenshot(path=str(shots[-1]))
    open_tab(page, "Chat")
    for shot in shots:
        assert shot.stat().st_size > 20_000, shot


def test_page_only_talks_to_the_app(page, app_server):
    assert page.requested_urls
    foreign = [u for u in page.requested_urls
               if urlparse(u).scheme not in ("data", "blob")
               and not (urlparse(u).hostname and is_loopback_ip(urlparse(u).hostname))]
    assert foreign == [], f"de pagina haalde iets van buiten: {foreign[:5]}"
