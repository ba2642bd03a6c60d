"""The JSON API (app/api.py) on the real server: same answers as `werkagenda ask --json`, filters,
follow-ups, rows, validation in Dutch, the body limit, the host check and the login.

Everything goes over loopback HTTP to the real app (tests/_appserver.py); nothing is mocked.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys

import pytest

from _appserver import REPO, api_request, free_port, server_env, start_app

pytestmark = pytest.mark.slow

BBL = "Wat is de status van het bbl-offensief?"
USER, PASSWORD = "medewerker", "geheim-wachtwoord-1"


def _sample_questions(step: int = 9) -> list[str]:
    """Every step-th evaluation question: all kinds (lookups, lists, counts, out of scope) occur."""
    lines = (REPO / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][::step]


def _comparable(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "latency_ms"}


def _cli(data_dir, *args, env=None, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "werkagenda", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env=server_env(data_dir, env))


# ------------------------------------------------------------------ answers


def test_ask_returns_the_ask_json_object(app_server, data_dir, tmp_path):
    questions = _sample_questions()
    batch = tmp_path / "vragen.jsonl"
    batch.write_text("".join(json.dumps({"question": q}, ensure_ascii=False) + "\n" for q in questions),
                     encoding="utf-8")
    local = _cli(data_dir, "ask", "--batch", str(batch))
    assert local.returncode == 0, local.stderr[-2000:]
    expected = [json.loads(line) for line in local.stdout.splitlines() if line.strip()]
    assert len(expected) == len(questions)

    for question, want in zip(questions, expected):
        status, _, got = api_request(app_server.url, "/api/ask", {"question": question})
        assert status == 200, (question, got)
        assert set(got) == set(want)  # exactly the keys of ask --json
        assert _comparable(got) == _comparable(want), question
        assert isinstance(got["latency_ms"], (int, float))

    # The CLI against the running server prints the same objects.
    remote = _cli(data_dir, "ask", "--url", app_server.url, "--batch", str(batch))
    assert remote.returncode == 0, remote.stderr[-2000:]
    got_remote = [json.loads(line) for line in remote.stdout.splitlines() if line.strip()]
    assert [_comparable(a) for a in got_remote] == [_comparable(a) for a in expected]


def test_ask_url_text_output_and_unreachable_server(app_server, data_dir):
    res = _cli(data_dir, "ask", "--url", app_server.url, BBL)
    assert res.returncode == 0, res.stderr
    assert "Actie 2.3-01" in res.stdout and "Bronnen: 2.3-01" in res.stdout
    assert "&amp;" not in res.stdout and "&#" not in res.stdout  # text for a terminal, not HTML

    down = f"http://127.0.0.1:{free_port()}"
    res = _cli(data_dir, "ask", "--url", down, BBL)
    assert res.returncode == 1
    assert "niet bereikbaar" in res.stderr and down in res.stderr and "Traceback" not in res.stderr
    res = _cli(data_dir, "ask", "--url", "ftp://ergens", BBL)
    assert res.returncode == 2 and "geen geldig adres" in res.stderr


def test_filters_history_and_rows(app_server):
    url = app_server.url
    status, _, rows = api_request(url, "/api/rows?partij=JOB")
    assert status == 200 and rows["total"] >= rows["count"] > 0
    job_ids = [r["id"] for r in rows["rows"]]
    assert all("JOB" in r["partijen"] and r["stand"] for r in rows["rows"])
    assert set(rows["rows"][0]) >= {"id", "doelstelling", "prioriteit", "wat", "wie", "wanneer", "status",
                                    "voortgang", "partijen", "stand"}

    # The chat's filters: a list within one party is that party's rows.
    status, _, ans = api_request(url, "/api/ask", {"question": "welke acties zijn er?", "filters": {"partij": "JOB"}})
    assert status == 200 and ans["count"] == len(job_ids) and ans["rows"] == job_ids
    # "Alle" and null mean no filter, as in the chat's dropdowns.
    _, _, plain = api_request(url, "/api/ask", {"question": BBL})
    _, _, alle = api_request(url, "/api/ask", {"question": BBL, "filters": {"partij": "Alle", "stand": None}})
    assert _comparable(alle) == _comparable(plain)

    # A follow-up needs the earlier question of the conversation.
    status, _, follow = api_request(url, "/api/ask", {"question": "en welke daarvan lopen nog?",
                                                      "history": ["Welke acties betreffen JOB?"]})
    assert status == 200 and follow["plan"]["followup"] is True
    assert follow["rows"] and set(follow["rows"]) <= set(job_ids)
    # Replayed, not remembered: the same request gives the same answer.
    _, _, again = api_request(url, "/api/ask", {"question": "en welke daarvan lopen nog?",
                                                "history": ["Welke acties betreffen JOB?"]})
    assert _comparable(again) == _comparable(follow)

    # Stand and free text on /api/rows; both filters hold for every row.
    _, _, done = api_request(url, "/api/rows?stand=loopt&q=stage")
    assert done["count"] == len(done["rows"]) > 0
    assert all(r["stand"] == "loopt" for r in done["rows"])
    assert all("stage" in json.dumps(r, ensure_ascii=False).lower() for r in done["rows"])
    _, _, none = api_request(url, "/api/rows?q=hypotheekrenteaftrek")
    assert none == {"count": 0, "total": rows["total"], "rapport": "2025", "rows": []}


def test_health_docs_and_unknown_paths(app_server):
    status, _, health = api_request(app_server.url, "/api/health")
    assert status == 200 and health["status"] == "ok" and health["rows"] > 0

    status, _, spec = api_request(app_server.url, "/api/openapi.json")
    assert status == 200 and {"/api/ask", "/api/rows", "/api/health"} <= set(spec["paths"])
    status, hdrs, page = api_request(app_server.url, "/api/docs")
    assert status == 200 and hdrs["content-type"].startswith("text/html")
    assert "/api/ask" in page and "/api/rows" in page and "question" in page
    assert "<script" not in page and "cdn" not in page.lower()  # nothing loaded from elsewhere

    status, _, err = api_request(app_server.url, "/api/bestaat-niet")
    assert status == 404 and "Onbekend adres" in err["detail"]
    status, _, err = api_request(app_server.url, "/api/ask")  # GET where POST is meant
    assert status in (404, 405)


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("body, field, words", [
    ({}, "question", "ontbreekt"),
    ({"question": ""}, "question", "leeg"),
    ({"question": "   "}, "question", "leeg"),
    ({"question": 42}, "question", "tekst"),
    ({"question": "x" * 1001}, "question", "te lang"),
    ({"question": BBL, "vraag": "x"}, "vraag", "geen bekend veld"),
    ({"question": BBL, "history": "vorige vraag"}, "history", "lijst"),
    ({"question": BBL, "history": ["v"] * 11}, "history", "te veel"),
    ({"question": BBL, "history": [""]}, "history.0", "leeg"),
    ({"question": BBL, "filters": {"prioriteit": 7}}, "filters.prioriteit", "1, 2 of 3"),
    ({"question": BBL, "filters": {"doelstelling": "twee"}}, "filters.doelstelling", "2.3"),
    ({"question": BBL, "filters": {"stand": "klaar"}}, "filters.stand", "afgerond"),
    ({"question": BBL, "filters": {"jaar": 2025}}, "filters.jaar", "geen bekend veld"),
    ({"question": BBL, "filters": "JOB"}, "filters", "JSON-object"),
    ({"question": BBL, "rapport": "2031"}, "rapport", "onbekend; kies uit: 2025"),
    ([BBL], "body", "JSON-object"),
])
def test_bad_bodies_get_a_dutch_422(app_server, body, field, words):
    status, _, err = api_request(app_server.url, "/api/ask", body)
    assert status == 422, err
    assert err["detail"].startswith("Ongeldige invoer:")
    assert any(f["veld"] == field and words in f["melding"] for f in err["fouten"]), err


def test_invalid_json_and_bad_row_filters(app_server):
    status, _, err = api_request(app_server.url, "/api/ask", raw=b'{"question": "bbl"')
    assert status == 422 and "geen geldige JSON" in err["detail"]
    status, _, err = api_request(app_server.url, "/api/rows?prioriteit=9")
    assert status == 422 and err["fouten"] == [{"veld": "prioriteit", "melding": "moet 1, 2 of 3 zijn"}]
    status, _, err = api_request(app_server.url, "/api/rows?rapport=2031")
    assert status == 422 and err["fouten"][0]["veld"] == "rapport"


def test_the_report_can_be_named(app_server):
    """With the shipped report alone, naming it changes nothing; its rows carry its periods."""
    status, _, plain = api_request(app_server.url, "/api/ask", {"question": BBL})
    status2, _, named = api_request(app_server.url, "/api/ask", {"question": BBL, "rapport": "2025"})
    assert status == status2 == 200 and plain["rapport"] == named["rapport"] == "2025"
    assert _comparable(plain) == _comparable(named)
    status, _, rows = api_request(app_server.url, "/api/rows?rapport=2025&doelstelling=2.3")
    assert status == 200 and rows["rapport"] == "2025" and rows["count"] == 9
    assert {(r["status_label"], r["voortgang_label"]) for r in rows["rows"]} == {("Status zomer 2024", "Voortgang (2025)")}


def test_oversized_body_gets_413(app_server):
    big = json.dumps({"question": BBL, "history": ["a" * 1000] * 10, "padding": "x" * 20_000}).encode()
    status, _, err = api_request(app_server.url, "/api/ask", raw=big)
    assert status == 413 and "te groot" in err["detail"]

    # Without a Content-Length (chunked), the limit holds while reading.
    conn = http.client.HTTPConnection("127.0.0.1", app_server.port, timeout=30)
    conn.putrequest("POST", "/api/ask")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    for i in range(0, len(big), 4096):
        chunk = big[i:i + 4096]
        try:
            conn.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            break  # the server answered and closed early: also fine
    try:
        conn.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    resp = conn.getresponse()
    assert resp.status == 413 and "te groot" in json.loads(resp.read())["detail"]
    conn.close()


def test_only_the_configured_host(app_server):
    for host in ("evil.example", "evil.example:80", "werkagenda.example.org"):
        status, _, err = api_request(app_server.url, "/api/health", headers={"Host": host})
        assert status == 400 and "Onbekende host" in err["detail"], host
    status, _, _ = api_request(app_server.url, "/", headers={"Host": "evil.example"})
    assert status == 400  # the web app too: a rebinding page cannot read it
    for host in (f"localhost:{app_server.port}", f"127.0.0.1:{app_server.port}"):
        status, _, _ = api_request(app_server.url, "/api/health", headers={"Host": host})
        assert status == 200, host


# ------------------------------------------------------------------ login


def test_login_protects_the_api(data_dir, app_server, tmp_path):
    env = {"WERKAGENDA_USER": USER, "WERKAGENDA_PASSWORD": PASSWORD}
    server = start_app(data_dir, tmp_path / "log", env=env)
    try:
        url = server.url
        for path, body in (("/api/health", None), ("/api/rows", None), ("/api/ask", {"question": BBL}),
                           ("/api/docs", None), ("/api/openapi.json", None)):
            status, hdrs, err = api_request(url, path, body)
            assert status == 401, path
            assert hdrs.get("www-authenticate", "").startswith("Basic"), path
        status, _, err = api_request(url, "/api/ask", {"question": BBL}, auth=(USER, "fout"))
        assert status == 401 and "Onjuiste" in err["detail"]
        # Validation comes after the login: no details for visitors without one.
        status, _, _ = api_request(url, "/api/ask", {"vraag": 1})
        assert status == 401

        status, _, ans = api_request(url, "/api/ask", {"question": BBL}, auth=(USER, PASSWORD))
        assert status == 200 and "Doelstelling 2.3" in ans["answer"]
        status, _, _ = api_request(url, "/api/ask", {"vraag": 1}, auth=(USER, PASSWORD))
        assert status == 422

        # The web app's login cookie also opens the API (a logged-in browser may call it).
        req = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        req.request("POST", "/login", body=f"username={USER}&password={PASSWORD}",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = req.getresponse()
        resp.read()
        assert resp.status == 200
        cookies = "; ".join(c.split(";", 1)[0] for c in resp.headers.get_all("set-cookie") or [])
        assert "access-token" in cookies
        status, _, health = api_request(url, "/api/health", headers={"Cookie": cookies})
        assert status == 200 and health["status"] == "ok"

        # The CLI logs in with the same variables the server takes its login from.
        res = _cli(data_dir, "ask", "--url", url, "--json", BBL, env=env)
        assert res.returncode == 0, res.stderr
        assert json.loads(res.stdout)["rows"][0] == "2.3-01"
        res = _cli(data_dir, "ask", "--url", url, BBL)
        assert res.returncode == 1 and "login" in res.stderr and "WERKAGENDA_USER" in res.stderr

        # Guessing is throttled like the web app's login form (5 free failures, then a delay).
        codes = [api_request(url, "/api/health", auth=("raden", f"poging-{i}"))[0] for i in range(7)]
        assert codes[:5] == [401] * 5 and 429 in codes[5:]
        assert "Mislukte API-inlogpoging" in server.stderr() and "poging-" not in server.stderr()
    finally:
        server.stop()


def test_no_login_configured_means_open_api(app_server):
    status, _, health = api_request(app_server.url, "/api/health")
    assert status == 200
    status, _, _ = api_request(app_server.url, "/api/health", auth=("wie", "dan ook"))
    assert status == 200  # credentials are ignored when no login is configured
