"""The web app's hardening (issue 11, the UI items), each against the real thing:

- item 2, inert text: a page that records requests (a local HTTP server whose URLs sit in the
  model's answers, in its error text and in the report itself) gets none from headless Chromium,
  whatever tab shows that text; the chat handler's output holds no live link or image syntax;
- item 3, check before show: while a (slow, local) model streams an invented answer, the chat shows
  only a "being checked" placeholder, never the model's text; then the checked answer;
- item 4, bounded memory: many new sessions over the queue protocol (what a browser does), then
  the server's RSS after they expired; a 300-turn conversation and the size of each response;
- item 5, login: the throttle after 5 failed logins (429, growing delays, a log line without the
  password) and Gradio's session routes (cancel, reset, heartbeat) closed without a login.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from _appserver import REPO, start_app

BBL = "wat is de status van het bbl-offensief?"
INVENTED = "Het bbl-offensief is afgerond en kostte 5 miljard euro."
USER, PASSWORD = "medewerker", "geheim-wachtwoord-1"


# ------------------------------------------------------------------ local servers


class Recorder:
    """A page that records every request made to it (the URLs planted in model and document text)."""

    def __init__(self):
        self.hits: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


class ChatServer:
    """A local OpenAI-compatible chat-completions server; `mode` picks the reply, `delay` the pause
    between streamed words."""

    def __init__(self, recorder: Recorder):
        self.mode = "markdown"
        self.delay = 0.0
        self.requests: list[dict] = []
        base = recorder.base
        self.replies = {
            # valid-looking citation label, plus an image, a link and bare URLs from the model
            "markdown": (f"De Kamer is op 4 juli geïnformeerd. ![]({base}/llm-beacon.png?leak=1) "
                         f"[Klik hier om in te loggen]({base}/llm-link) www.example.net {base}/llm-bare "
                         "[Doelstelling 2.3, Voortgang 2025]"),
            "invented": INVENTED,
        }
        self.error_text = f"![fout]({base}/err-beacon.png) [log opnieuw in]({base}/err-link)"
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                if outer.mode == "error":
                    data = json.dumps({"error": {"message": outer.error_text, "type": "server_error"}}).encode()
                    self.send_response(500)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                reply = outer.replies[outer.mode]
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    words = reply.split(" ")
                    for i, word in enumerate(words):
                        delta = {"content": word + (" " if i < len(words) - 1 else "")}
                        chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "test",
                                 "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                        if outer.delay:
                            time.sleep(outer.delay)
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                payload = {"id": "x", "object": "chat.completion", "created": 0, "model": "test",
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": reply}}],
                           "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture(scope="module")
def recorder():
    r = Recorder()
    yield r
    r.close()


@pytest.fixture(scope="module")
def chat_server(recorder):
    s = ChatServer(recorder)
    yield s
    s.close()


def _active_markdown(text: str) -> str:
    """text without its backslash-escaped characters: what is left can still form markup."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def assert_inert(markdown: str) -> None:
    active = _active_markdown(markdown)
    for pattern in ("](", "][", "]:", "://", "www."):  # every link, image and autolink needs one of these
        assert pattern not in active, (pattern, markdown[:300])


# ------------------------------------------------------------------ the chat handler itself (in process)


@pytest.fixture(scope="module")
def llm_engine(data_dir, chat_server):
    from app.engine import Engine
    from app.llm import LLMSettings, LLMWriter
    from index import IndexConfig, open_index

    index = open_index(IndexConfig.from_env({"WERKAGENDA_DATA_DIR": str(data_dir)}))
    return Engine(index, llm=LLMWriter(LLMSettings(url=chat_server.url, model="test", timeout=10.0)))


def _respond(engine):
    from app.ui import build_app

    demo = build_app(engine)
    return next(f.fn for f in demo.fns.values() if f.name == "respond")


@pytest.mark.slow
def test_unchecked_llm_text_is_never_shown_only_a_placeholder(llm_engine, chat_server):
    from app.ui_text import PENDING_MESSAGE

    chat_server.mode, chat_server.delay = "invented", 0.02
    try:
        steps = list(_respond(llm_engine)(BBL, "Alle", "Alle", "Alle", "Alle", None))
    finally:
        chat_server.delay = 0.0
    assert len(steps) == 2  # the placeholder, then the checked answer
    first_chat = steps[0][0]
    assert first_chat[-1]["content"] == PENDING_MESSAGE
    for chat, *_ in steps:
        assert all("miljard" not in m["content"] for m in chat)
    chat, state, panel, box = steps[-1]
    final = state["answers"][-1]
    assert final.mode == "extractief" and "taalmodel" in chat[-1]["content"]  # the fallback, with its reason
    assert "Doelstelling 2.3" in chat[-1]["content"] and "2.3-01" in panel and box == ""


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["markdown", "error"])
def test_model_text_and_its_errors_reach_the_chat_inert(llm_engine, chat_server, recorder, mode):
    chat_server.mode = mode
    chat, state, panel, _ = list(_respond(llm_engine)(BBL, "Alle", "Alle", "Alle", "Alle", None))[-1]
    shown = chat[-1]["content"]
    assert_inert(shown)
    assert "<img" not in panel and "<a " not in panel
    if mode == "error":
        # The fallback note says why in Dutch (app/llm.py dutch_llm_error); the server's own error text,
        # URL included, does not reach the chat at all.
        assert "taalmodel" in shown and "foutcode 500" in shown and "err-beacon" not in shown


# ------------------------------------------------------------------ in a real browser: no request leaves


def _source_with_markdown(tmp_path: Path, base: str) -> Path:
    """The shipped report with an image, a link and bare URLs planted in one status cell."""
    src = (REPO / "data" / "werkagenda-mbo-voortgang.txt").read_text(encoding="utf-8")
    old = "De kamer is op 4 juli geïnformeerd over \n"
    assert src.count(old) == 1
    planted = (f"De kamer is op 4 juli ![b]({base}/doc-beacon.png) [klik]({base}/doc-link) www.example.org "
               f"{base}/doc-bare geïnformeerd over \n")
    path = tmp_path / "rapport-met-markdown.txt"
    path.write_text(src.replace(old, planted), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def planted_app(tmp_path_factory, recorder, chat_server):
    from ingest import load_rows

    tmp = tmp_path_factory.mktemp("planted")
    source = _source_with_markdown(tmp, recorder.base)
    bbl = next(r for r in load_rows(source) if r.id == "2.3-01")
    assert "doc-beacon" in bbl.status + bbl.voortgang  # the plant sits in the report's text
    server = start_app(tmp / "data", tmp / "log", env={"WERKAGENDA_SOURCE": str(source),
                                                       "WERKAGENDA_LLM_URL": chat_server.url,
                                                       "WERKAGENDA_LLM_MODEL": "test"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def planted_page(planted_app):
    from test_browser import require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.requested_urls = []  # type: ignore[attr-defined]
        page.on("request", lambda req: page.requested_urls.append(req.url))
        page.goto(planted_app.url + "/")
        page.wait_for_selector("#wa-vraag textarea")
        yield page
        context.close()
        browser.close()


def _ask(page, question: str) -> str:
    """Ask and wait for the checked answer (in LLM mode a placeholder comes first)."""
    from test_browser import ask, bot_messages

    ask(page, question)
    page.wait_for_function("() => { const b = [...document.querySelectorAll('#wa-chat .message-row.bot-row')];"
                           " return b.length && !b[b.length - 1].innerText.includes('gecontroleerd tegen'); }")
    return bot_messages(page)[-1]


@pytest.mark.slow
@pytest.mark.browser
def test_no_request_leaves_for_urls_in_model_or_document_text(planted_page, recorder, chat_server):
    page = planted_page
    # 1. a model answer full of Markdown
    chat_server.mode = "markdown"
    _ask(page, BBL)
    page.locator("#wa-bronnen details[data-row-id='2.3-01']").wait_for()
    # 2. the model's server fails with Markdown in its error text (shown in the fallback note)
    chat_server.mode = "error"
    assert "taalmodel" in _ask(page, BBL)
    # 3. an invented answer, streamed slowly: the chat must never show it, only the placeholder
    page.evaluate("""() => {
        window.__seen = {invented: false, pending: false};
        const chat = document.querySelector('#wa-chat');
        new MutationObserver(() => {
            const t = chat.innerText;
            if (t.includes('miljard')) window.__seen.invented = true;
            if (t.includes('gecontroleerd tegen de rapportage')) window.__seen.pending = true;
        }).observe(chat, {subtree: true, childList: true, characterData: true});
    }""")
    chat_server.mode, chat_server.delay = "invented", 0.15
    try:
        answer = _ask(page, BBL)
    finally:
        chat_server.delay = 0.0
    seen = page.evaluate("() => window.__seen")
    assert seen == {"invented": False, "pending": True}
    assert "miljard" not in answer and "Doelstelling 2.3" in answer
    # 4. the document's own text in every view: sources (open), Overzicht, Alle acties, Voor studenten
    for summary in page.locator("#wa-bronnen details").all():
        if summary.get_attribute("open") is None:
            summary.locator("summary").first.click()
    page.get_by_role("tab", name="Overzicht").click()
    page.locator("#wa-overzicht .wa-cel[data-pick='2.3|']").click()
    card = page.locator("#wa-overzicht-lijst .wa-kaart[data-row-id='2.3-01']")
    card.locator("summary").click()
    page.get_by_role("tab", name="Alle acties").click()
    page.fill("#wa-zoek textarea", "bbl offensief")
    page.wait_for_function("() => document.querySelectorAll('#wa-tabel .wa-rij').length === 1")
    page.locator("#wa-tabel .wa-rij summary").click()
    page.get_by_role("tab", name="Voor studenten").click()
    page.fill("#wa-s-zoek textarea", "bbl")
    page.locator("#wa-studenten .wa-skaart[data-row-id='2.3-01'] details summary").click()
    assert "doc-beacon.png" in page.locator("#wa-studenten").inner_text()  # shown, as text
    page.wait_for_timeout(1500)

    host = recorder.base.split("//")[1]
    assert recorder.hits == [], f"de browser vroeg {recorder.hits}"
    leaked = [u for u in page.requested_urls if host in u or "example." in u]
    assert leaked == []
    live = page.evaluate("host => [...document.querySelectorAll('a[href], img[src], [srcset]')]"
                         ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('srcset'))"
                         ".filter(u => u.includes(host) || u.includes('example.'))", host)
    assert live == []


# ------------------------------------------------------------------ the queue protocol (what a browser sends)


def _config(url: str) -> dict:
    with urllib.request.urlopen(url + "/config", timeout=30) as r:
        return json.load(r)


def _fn(config: dict, name: str) -> tuple[int, int]:
    dep = next(d for d in config["dependencies"] if d.get("api_name") == name)
    return dep["id"], dep["targets"][0][0]


def queue_call(url: str, fn: int, trigger: int, data: list, session: str | None = None,
               timeout: float = 60) -> tuple[dict, list[int]]:
    """One event as the browser sends it; returns the completed message and the size in bytes
    of every message the server sent for it."""
    session = session or uuid.uuid4().hex[:12]
    body = json.dumps({"data": data, "fn_index": fn, "session_hash": session, "event_data": None,
                       "trigger_id": trigger}).encode()
    req = urllib.request.Request(url + "/gradio_api/queue/join", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        json.load(r)
    sizes: list[int] = []
    with urllib.request.urlopen(url + f"/gradio_api/queue/data?session_hash={session}", timeout=timeout) as r:
        for raw in r:
            line = raw.decode("utf-8").strip()
            if not line.startswith("data:"):
                continue
            sizes.append(len(raw))
            msg = json.loads(line[5:])
            if msg.get("msg") == "process_completed":
                return msg, sizes
    raise AssertionError("geen process_completed")


@pytest.fixture(scope="module")
def short_lived_app(data_dir, tmp_path_factory):
    """The real app with sessions that expire after 2 s idle (the default is an hour)."""
    server = start_app(data_dir, tmp_path_factory.mktemp("kort-log"), env={"WERKAGENDA_SESSION_TTL": "2"})
    yield server
    server.stop()


SESSIONS = int(os.environ.get("WERKAGENDA_TEST_SESSIONS", "5000"))


@pytest.mark.slow
def test_memory_stays_bounded_over_many_new_sessions(short_lived_app):
    """5,000 new sessions (about 2.5 min on 2 cores; WERKAGENDA_TEST_SESSIONS=2000 for a quicker
    run, against the same bound per session) and less than 150 MB growth once they expired. Before
    (no time to live, Gradio's 10,000-session cap): ~240 KB per session, 1.2 GB for 5,000."""
    import psutil

    url = short_lived_app.url
    fn, trigger = _fn(_config(url), "respond")
    questions = [BBL, "welke acties betreffen JOB?", "hoe staat het met de studentenkaart?"]
    for q in questions:  # warm: first answers load lazily built parts of the engine
        queue_call(url, fn, trigger, [q, "Alle", "Alle", "Alle", "Alle", None, "2025"])
    proc = psutil.Process(short_lived_app.pid)
    before = proc.memory_info().rss
    errors: list[str] = []

    def worker(k: int) -> None:
        for i in range(k, SESSIONS, 4):
            try:
                msg, _ = queue_call(url, fn, trigger, [questions[i % 3], "Alle", "Alle", "Alle", "Alle", None, "2025"])
                if not msg.get("success"):
                    errors.append(str(msg)[:200])
            except Exception as exc:  # noqa: BLE001 - counted, reported below
                errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(2 + 3)  # every session idle past its time to live, and Gradio's 1 s sweep has run
    after = proc.memory_info().rss
    grown_mb = (after - before) / 1e6
    print(f"\n{SESSIONS} nieuwe sessies: RSS {before / 1e6:.0f} -> {after / 1e6:.0f} MB (+{grown_mb:.0f} MB)")
    assert errors == []
    assert grown_mb < 150 * SESSIONS / 5000
    msg, _ = queue_call(url, fn, trigger, [BBL, "Alle", "Alle", "Alle", "Alle", None, "2025"])
    assert "Doelstelling 2.3" in json.dumps(msg["output"]["data"][0], ensure_ascii=False)


@pytest.mark.slow
def test_a_300_turn_conversation_keeps_each_response_small(short_lived_app):
    from app.ui_text import CHAT_TURNS

    url = short_lived_app.url
    fn, trigger = _fn(_config(url), "respond")
    session = uuid.uuid4().hex[:12]
    questions = ["welke acties betreffen JOB?", BBL, "en wie is daarvoor verantwoordelijk?",
                 "welke acties zijn er in doelstelling 2.1?"]
    biggest, last = 0, None
    for turn in range(300):
        msg, sizes = queue_call(url, fn, trigger, [questions[turn % 4], "Alle", "Alle", "Alle", "Alle", None, "2025"], session)
        assert msg.get("success"), str(msg)[:300]
        biggest = max(biggest, *sizes)
        last = msg
    chat = last["output"]["data"][0]
    users = [m for m in chat if m["role"] == "user"]
    print(f"\ngrootste antwoord in 300 beurten: {biggest / 1024:.1f} KB")
    assert len(users) == CHAT_TURNS and "niet meer getoond" in json.dumps(chat[0], ensure_ascii=False)
    assert biggest < 100 * 1024


# ------------------------------------------------------------------ login throttle and session routes


@pytest.fixture(scope="module")
def login_app(data_dir, tmp_path_factory):
    server = start_app(data_dir, tmp_path_factory.mktemp("login-log"),
                       env={"WERKAGENDA_USER": USER, "WERKAGENDA_PASSWORD": PASSWORD})
    yield server
    server.stop()


def _login(url: str, user: str, password: str) -> tuple[int, dict, str]:
    """(status, headers, the Cookie header a browser would send next)."""
    body = urllib.parse.urlencode({"username": user, "password": password}).encode()
    req = urllib.request.Request(url + "/login", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            jar = "; ".join(c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or [])
            return r.status, {k.lower(): v for k, v in r.headers.items()}, jar
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, ""


@pytest.mark.slow
def test_failed_logins_are_throttled_and_logged_without_the_password(login_app):
    url = login_app.url
    wrong = [f"fout-wachtwoord-{i}" for i in range(6)]
    assert [_login(url, USER, w)[0] for w in wrong[:5]] == [400] * 5
    status, headers, _ = _login(url, USER, wrong[5])
    assert status == 429
    wait = int(headers["retry-after"])
    assert wait >= 1
    # while waiting, even the right password is not checked
    assert _login(url, USER, PASSWORD)[0] == 429
    time.sleep(wait + 0.2)
    # one more wrong one is checked, then the wait doubles
    assert _login(url, USER, wrong[0])[0] == 400
    status, headers, _ = _login(url, USER, PASSWORD)
    assert status == 429 and int(headers["retry-after"]) > wait
    time.sleep(int(headers["retry-after"]) + 0.2)
    status, _, cookie = _login(url, USER, PASSWORD)
    assert status == 200 and "access-token" in cookie
    # a good login clears the address: five free attempts again
    assert _login(url, USER, "nog-een-fout")[0] == 400

    log = login_app.stderr()
    assert "Mislukte inlogpoging 5 vanaf 127.0.0.1 (gebruikersnaam 'medewerker')" in log
    assert "Inlogpoging geweigerd vanaf 127.0.0.1" in log
    for secret in [*wrong, PASSWORD, "nog-een-fout"]:
        assert secret not in log


def _request(url: str, path: str, method: str = "POST", body: dict | None = None, cookie: str = "") -> int:
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    req = urllib.request.Request(url + path, method=method, headers=headers,
                                 data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code
    except TimeoutError:
        return 200  # the heartbeat is a stream that stays open: it was let through


@pytest.mark.slow
def test_session_routes_need_a_login(login_app):
    """Gradio answers /gradio_api/cancel, /reset and /heartbeat without checking the login; the
    guard closes them to visitors who are not logged in (what they can reach: see app/ui.py,
    LoginGuard)."""
    url = login_app.url
    cancel = {"session_hash": "abc", "fn_index": 0, "event_id": "x"}
    assert _request(url, "/gradio_api/cancel", body=cancel) == 401
    assert _request(url, "/gradio_api/reset", body={"session_hash": "abc", "fn_index": 0, "event_id": "x"}) == 401
    assert _request(url, "/gradio_api/heartbeat/abc", method="GET") == 401
    assert _request(url, "/gradio_api/cancel", body=cancel, cookie="access-token-x=verzonnen") == 401
    time.sleep(0.1)
    status, _, jar = _login(url, USER, PASSWORD)
    assert status == 200 and "access-token" in jar
    assert _request(url, "/gradio_api/cancel", body=cancel, cookie=jar) == 200
    assert _request(url, "/gradio_api/reset", body={"session_hash": "abc", "fn_index": 0, "event_id": "x"},
                    cookie=jar) == 200
