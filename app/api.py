"""The JSON API for scripts, on the same server and port as the web app.

    POST /api/ask     {"question": "...", "history"?: ["eerdere vraag", ...], "filters"?: {...}}
                      -> exactly the object of `werkagenda ask --json` (Answer.to_json())
    GET  /api/rows    ?partij=&doelstelling=&prioriteit=&stand=&q=  -> the matching rows
    GET  /api/health  -> {"status": "ok", ...}
    GET  /api/docs    the API described (rendered here from /api/openapi.json; no CDN scripts)

`create_server_app` mounts the Gradio app at "/" of a FastAPI app and puts these routes beside
it, so both share one process, one port and one engine. `run_server` serves it with uvicorn on a
socket bound here (a bind error becomes a Dutch message, not a traceback).

Why a JSON API at all: through Gradio's queue protocol (gradio_client) an answer costs ~1 s at
20 concurrent clients on 2 cores although the engine needs ~5 ms; a plain POST costs what the
engine costs plus a little HTTP.

Guards (ApiGuard, pure ASGI, in front of everything):
- Host header: with a loopback or a specific address bound, only requests addressed to that
  host (or localhost) are answered; a page on another site that points its own name at
  127.0.0.1 (DNS rebinding) gets 400. A wildcard bind (0.0.0.0, ::) accepts any name.
- /api/* with a login configured: HTTP Basic with the web app's user and password, or the web
  app's own login cookie. Failed Basic logins are throttled with the web app's policy
  (app.ui_guard.LoginGuard: after 5 failures per address a doubling delay, answered 429).
- /api/* request bodies: at most MAX_BODY bytes (413), validated by pydantic with Dutch 422s.
"""

# No `from __future__ import annotations`: FastAPI reads the route signatures below, whose types
# (Query, Request) are imported inside create_server_app and must be evaluated where they stand.
import asyncio
import base64
import binascii
import hmac
import json
import math
import re
import socket
import sys
import threading
import traceback
from typing import Annotated, Any, Callable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MAX_BODY = 16 * 1024  # bytes; a question with ten earlier questions fits many times over
MAX_QUESTION = 1000  # characters, as app.engine.MAX_QUESTION (which would silently cut longer ones)
MAX_HISTORY = 10  # earlier questions replayed; as many answers as the chat keeps for follow-ups
MAX_TEXT = 200  # characters of a filter value or a free-text row search
API_PREFIX = "/api"
REALM = "Werkagenda mbo API"

ASK_FIELDS = ("question", "history", "filters", "rapport")
FILTER_FIELDS = ("prioriteit", "doelstelling", "partij", "stand")


# ---------------------------------------------------------------- request models


def _no_choice(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().casefold() in ("", "alle", "all"))


class FiltersIn(BaseModel):
    """The chat's filters. "Alle", "" and null mean: no filter."""

    model_config = ConfigDict(extra="forbid")

    prioriteit: int | str | None = Field(None, description="1, 2 of 3")
    doelstelling: str | None = Field(None, description="bijvoorbeeld 2.3")
    partij: str | None = Field(None, max_length=MAX_TEXT, description="bijvoorbeeld JOB of MBO Raad")
    stand: str | None = Field(None, description="afgerond, loopt, vertraagd of niet uitgevoerd, "
                                                "ongewijzigd (sinds de eerdere stand), geen voortgang vermeld")

    @field_validator("prioriteit", mode="before")
    @classmethod
    def _prioriteit(cls, v):
        if _no_choice(v):
            return None
        try:
            p = int(str(v).strip())
        except (TypeError, ValueError):
            p = 0
        if p not in (1, 2, 3) or isinstance(v, (bool, float)):
            raise ValueError("moet 1, 2 of 3 zijn")
        return p

    @field_validator("doelstelling")
    @classmethod
    def _doelstelling(cls, v):
        if _no_choice(v):
            return None
        d = v.strip().replace(",", ".")
        if not re.fullmatch(r"[1-9]\.[1-9]", d):
            raise ValueError("moet een doelstelling zijn zoals 2.3")
        return d

    @field_validator("partij")
    @classmethod
    def _partij(cls, v):
        return None if _no_choice(v) else v.strip()

    @field_validator("stand")
    @classmethod
    def _stand(cls, v):
        if _no_choice(v):
            return None
        from index.stand import STANDS, is_stand

        s = v.strip().casefold()
        if not is_stand(s):
            raise ValueError("moet een van deze zijn: " + ", ".join(STANDS))
        return s

    def to_filters(self):
        """index.Filters, or None without any filter: the same object the chat's dropdowns make."""
        from app.ui_text import make_filters

        return make_filters(self.prioriteit, self.doelstelling, self.partij, self.stand)


Question = Annotated[str, Field(min_length=1, max_length=MAX_QUESTION)]


class AskIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": "Wat is de status van het bbl-offensief?"},
        {"question": "en welke daarvan zijn afgerond?", "history": ["Welke acties betreffen JOB?"]},
        {"question": "welke acties zijn er?", "filters": {"partij": "JOB", "stand": "loopt"}},
    ]})

    question: Question = Field(description=f"de vraag, in het Nederlands (hoogstens {MAX_QUESTION} tekens)")
    history: list[Question] = Field(default_factory=list, max_length=MAX_HISTORY,
                                    description="eerdere vragen van hetzelfde gesprek, oudste eerst "
                                                f"(hoogstens {MAX_HISTORY}); nodig voor vervolgvragen")
    filters: FiltersIn | None = Field(None, description="filters zoals in de chat; gelden voor het hele gesprek")
    rapport: str | None = Field(None, max_length=40, description="welk rapport (bijv. 2025); standaard het nieuwste, "
                                                               "of het rapport dat de vraag noemt")

    @field_validator("question")
    @classmethod
    def _question(cls, v):
        if not v.strip():
            raise ValueError("mag niet leeg zijn")
        return v


# ---------------------------------------------------------------- Dutch validation errors


_MESSAGES: dict[str, Callable[[dict], str]] = {
    "missing": lambda c: "ontbreekt",
    "string_type": lambda c: "moet tekst zijn",
    "string_too_short": lambda c: "mag niet leeg zijn",
    "string_too_long": lambda c: f"is te lang: hoogstens {c.get('max_length')} tekens",
    "too_long": lambda c: f"heeft te veel items: hoogstens {c.get('max_length')}",
    "list_type": lambda c: "moet een lijst zijn",
    "model_type": lambda c: "moet een JSON-object zijn",
    "model_attributes_type": lambda c: "moet een JSON-object zijn",
    "dict_type": lambda c: "moet een JSON-object zijn",
    "extra_forbidden": lambda c: "is geen bekend veld",
    "json_invalid": lambda c: "is geen geldige JSON",
    "json_type": lambda c: "is geen geldige JSON",
    "int_type": lambda c: "moet een getal zijn",
    "int_parsing": lambda c: "moet een getal zijn",
}


def dutch_errors(errors) -> list[dict]:
    """pydantic/FastAPI errors as [{"veld": "filters.stand", "melding": "..."}], in Dutch."""
    out = []
    for err in errors:
        kind = err.get("type", "")
        loc = [str(x) for x in err.get("loc", ()) if x not in ("body", "query")]
        field = "body" if kind == "json_invalid" else ".".join(loc) or "body"
        ctx = err.get("ctx") or {}
        if kind == "value_error":
            message = str(ctx.get("error", "")) or "is ongeldig"
            message = message.removeprefix("Value error, ")
        else:
            message = _MESSAGES.get(kind, lambda c: "is ongeldig")(ctx)
        if kind == "extra_forbidden":
            allowed = FILTER_FIELDS if loc[:1] == ["filters"] else ASK_FIELDS
            message += f" (toegestaan: {', '.join(allowed)})"
        item = {"veld": field, "melding": message}
        if item not in out:
            out.append(item)
    return out


def invalid_response(errors, what: str = "Ongeldige invoer"):
    from fastapi.responses import JSONResponse

    fouten = dutch_errors(errors)
    detail = f"{what}: " + "; ".join(f"{f['veld']} {f['melding']}" for f in fouten)
    return JSONResponse({"detail": detail, "fouten": fouten}, status_code=422)


# ---------------------------------------------------------------- the guard (host, login, body size)


def allowed_hosts(bind_host: str) -> set[str] | None:
    """Host names a request may be addressed to; None: any (a wildcard bind serves every name)."""
    h = (bind_host or "").strip().strip("[]").lower()
    if h in ("", "0.0.0.0", "::"):
        return None
    return {h, "localhost", "127.0.0.1", "::1"}


def _host_of(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        return value.rsplit(":", 1)[0]
    return value


def basic_credentials(header: str) -> tuple[str, str] | None:
    if not header.lower().startswith("basic "):
        return None
    try:
        raw = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = raw.partition(":")
    return (user, password) if sep else None


def credentials_ok(given: tuple[str, str], auth: tuple[str, str]) -> bool:
    # Both compared, always, in constant time: no early exit tells which half was wrong.
    user_ok = hmac.compare_digest(given[0].encode(), auth[0].encode())
    pass_ok = hmac.compare_digest(given[1].encode(), auth[1].encode())
    return user_ok and pass_ok


async def send_json(send, status: int, payload: dict, headers=()) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


class ApiGuard:
    """ASGI middleware on the outer app: host check for every request; login and body limit for
    /api/* (Gradio's own routes keep Gradio's login, see app.ui_guard.LoginGuard)."""

    def __init__(self, app, bind_host: str, auth: tuple[str, str] | None = None,
                 cookie_user: Callable[[dict], bool] | None = None, max_body: int = MAX_BODY, log=None):
        from app.ui_guard import LoginGuard

        self.app = app
        self.hosts = allowed_hosts(bind_host)
        self.auth = auth
        self.cookie_user = cookie_user
        self.max_body = max_body
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        # The web app's throttling policy, its own counters (Gradio builds LoginGuard's instance).
        self.throttle = LoginGuard(None, log=self.log)

    async def __call__(self, scope, receive, send):
        if scope.get("type") not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if self.hosts is not None:
            host = _host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                if scope["type"] == "websocket":
                    return await send({"type": "websocket.close", "code": 1008})
                return await send_json(send, 400, {"detail": f"Onbekende host '{host}': deze server antwoordt "
                                                             "alleen op het adres waarop hij luistert."})
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == API_PREFIX or path.startswith(API_PREFIX + "/")):
            return await self.app(scope, receive, send)
        if self.auth is not None and not await self._logged_in(scope, headers, send):
            return
        return await self._limited(scope, receive, send, headers)

    async def _logged_in(self, scope, headers, send) -> bool:
        if self.cookie_user is not None and self.cookie_user(scope):
            return True
        given = basic_credentials(headers.get(b"authorization", b"").decode("latin-1"))
        challenge = [(b"www-authenticate", f'Basic realm="{REALM}", charset="UTF-8"'.encode())]
        if given is None:
            await send_json(send, 401, {"detail": "Inloggen vereist: gebruik HTTP Basic met de gebruikersnaam en "
                                                  "het wachtwoord van de web-app."}, challenge)
            return False
        addr = (scope.get("client") or ("onbekend", 0))[0]
        wait = self.throttle.admit(addr)
        if wait > 0:
            seconds = math.ceil(wait)
            await send_json(send, 429, {"detail": f"Te veel mislukte inlogpogingen. Probeer het over {seconds} "
                                                  "seconden opnieuw."}, [(b"retry-after", str(seconds).encode())])
            return False
        ok = credentials_ok(given, self.auth)
        failures, _ = self.throttle.settle(addr, ok)
        if ok:
            return True
        self.log(f"Mislukte API-inlogpoging {failures} vanaf {addr} (gebruikersnaam {ascii(given[0][:64])}).")
        await send_json(send, 401, {"detail": "Onjuiste gebruikersnaam of wachtwoord."}, challenge)
        return False

    async def _limited(self, scope, receive, send, headers):
        too_big = {"detail": f"De body is te groot: hoogstens {self.max_body // 1024} KB."}
        length = headers.get(b"content-length")
        if length is not None:
            try:
                if int(length) > self.max_body:
                    return await send_json(send, 413, too_big)
            except ValueError:
                return await send_json(send, 400, {"detail": "Ongeldige Content-Length."})
        if scope.get("method") in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        # A chunked body has no length up front: read it here, at most max_body bytes, then replay.
        from app.ui_guard import TOO_BIG, read_body, replayer

        body = await read_body(receive, self.max_body)
        if body is None:
            return
        if body is TOO_BIG:
            return await send_json(send, 413, too_big)
        return await self.app(scope, replayer(body, receive), send)


# ---------------------------------------------------------------- the app


class Warmth:
    """Whether the engine has answered once (its lazily loaded parts are in memory)."""

    def __init__(self) -> None:
        self.done = threading.Event()

    def warm(self, engine, question: str) -> None:
        from app.ui_handlers import safe_answer

        try:
            safe_answer(engine, question)
        finally:
            self.done.set()


def create_server_app(engine, demo, *, host: str = "127.0.0.1", auth: tuple[str, str] | None = None,
                      gradio_kwargs: dict | None = None, warmth: Warmth | None = None,
                      workers: int | None = None):
    """FastAPI app: the API routes under /api, the Gradio app `demo` mounted at "/"."""
    from app.process import configure_process

    configure_process()  # a library entry point: usable without the CLI or app.ui
    import gradio as gr
    from fastapi import FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse

    warmth = warmth or Warmth()
    app = FastAPI(
        title="Werkagenda mbo – API",
        version="1",
        description="Vragen over de voortgangsrapportage van de Werkagenda mbo, als JSON. Dezelfde antwoorden "
                    "als `werkagenda ask --json` en de chat.",
        docs_url=None, redoc_url=None, openapi_url=f"{API_PREFIX}/openapi.json",
    )

    # One small pool for the engine: on 2 cores more threads only fight over the GIL and the
    # engine's search lock, and a flood of requests queues here instead of in 40 threads.
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=workers or 2, thread_name_prefix="werkagenda-api")

    async def in_pool(fn, *args):
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return invalid_response(exc.errors())

    def answer(body: AskIn) -> dict:
        f = body.filters.to_filters() if body.filters is not None else None
        history = []
        for q in body.history:
            history.append(engine.answer(q, history=history, filters=f, rapport=body.rapport))
        return engine.answer(body.question, history=history or None, filters=f, rapport=body.rapport).to_json()

    def unknown_report(rapport: str | None):
        if rapport and rapport not in engine.reports:
            return invalid_response([{"loc": ("rapport",), "type": "value_error",
                                      "ctx": {"error": "is onbekend; kies uit: " + ", ".join(engine.reports)}}])
        return None

    @app.post(f"{API_PREFIX}/ask", summary="Een vraag beantwoorden",
              description="Geeft precies het object van `werkagenda ask --json`: answer (Markdown, HTML-veilig), "
                          "citations, rows, abstained, mode, latency_ms, plan, stands, answer_sentences, count. "
                          "Met history worden de eerdere vragen eerst opnieuw gesteld, zodat een vervolgvraag "
                          "('en welke daarvan zijn afgerond?') begrepen wordt.",
              responses={401: {"description": "inloggen vereist"}, 413: {"description": "body te groot"},
                         422: {"description": "ongeldige invoer (Nederlandse melding)"}})
    async def ask(body: AskIn):
        bad = unknown_report(body.rapport)
        if bad is not None:
            return bad
        try:
            return JSONResponse(await in_pool(answer, body))
        except Exception:  # noqa: BLE001 - a script gets a Dutch message, the log the traceback
            print("Fout bij het beantwoorden van een API-vraag:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            return JSONResponse({"detail": "Er ging iets mis bij het beantwoorden van deze vraag. (De fout is "
                                           "vastgelegd in het logboek van de server.)"}, status_code=500)

    def rows_matching(f, q: str | None, rapport: str | None) -> list[dict]:
        from app.export import select_rows

        source = engine.reports.get(rapport or engine.rapport, engine)
        rows = source.index.filter_rows(f) if f is not None else list(source.rows)
        if q and q.strip():
            rows = select_rows(rows, {}, query=q)
        return [{**r.to_json(), "stand": source.stands.get(r.id, "")} for r in rows]

    @app.get(f"{API_PREFIX}/rows", summary="Acties opzoeken",
             description="Alle acties die aan de filters voldoen, in de volgorde van de rapportage, met hun stand. "
                         "q zoekt op woorden (alle woorden moeten voorkomen, hoofdletters en accenten maken niet uit).")
    async def rows(partij: Annotated[str | None, Query(max_length=MAX_TEXT, description="bijv. JOB")] = None,
                   doelstelling: Annotated[str | None, Query(max_length=MAX_TEXT, description="bijv. 2.3")] = None,
                   prioriteit: Annotated[str | None, Query(max_length=MAX_TEXT, description="1, 2 of 3")] = None,
                   stand: Annotated[str | None, Query(max_length=MAX_TEXT, description="bijv. afgerond")] = None,
                   q: Annotated[str | None, Query(max_length=MAX_TEXT, description="vrije tekst")] = None,
                   rapport: Annotated[str | None, Query(max_length=40, description="bijv. 2025; standaard het nieuwste")] = None):
        try:
            f = FiltersIn(partij=partij, doelstelling=doelstelling, prioriteit=prioriteit, stand=stand)
        except ValidationError as exc:
            return invalid_response(exc.errors(), "Ongeldige filter")
        bad = unknown_report(rapport)
        if bad is not None:
            return bad
        found = await in_pool(rows_matching, f.to_filters(), q, rapport)
        total = len(engine.reports.get(rapport or engine.rapport, engine).rows)
        return JSONResponse({"count": len(found), "total": total, "rapport": rapport or engine.rapport, "rows": found})

    @app.get(f"{API_PREFIX}/health", summary="Draait de server?")
    async def health():
        manifest = getattr(getattr(engine, "index", None), "manifest", None)
        return {"status": "ok", "rows": len(engine.rows), "rapporten": list(getattr(engine, "reports", {})),
                "warm": warmth.done.is_set(),
                "mode": "llm" if getattr(engine, "llm", None) is not None else "extractief",
                "index": getattr(manifest, "build_id", None)}

    @app.get(f"{API_PREFIX}/docs", include_in_schema=False)
    async def docs():
        return HTMLResponse(docs_html(app.openapi()))

    @app.api_route(API_PREFIX + "/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                   include_in_schema=False)
    async def unknown(rest: str, request: Request):
        # Without this, Gradio (mounted at "/") would answer unknown /api paths with its own English 404.
        return JSONResponse({"detail": f"Onbekend adres {request.method} {API_PREFIX}/{rest}. Zie {API_PREFIX}/docs."},
                            status_code=404)

    gr.mount_gradio_app(app, demo, path="/", server_name=host, auth=auth, **(gradio_kwargs or {}))

    def cookie_user(scope) -> bool:
        gradio_app = next((r.app for r in app.routes if getattr(r, "path", None) == ""), None)
        if gradio_app is None:
            return False
        from app.ui_guard import cookies as read_cookies

        cookies = read_cookies(scope)
        cid = getattr(gradio_app, "cookie_id", "")
        token = cookies.get(f"access-token-{cid}") or cookies.get(f"access-token-unsecure-{cid}")
        return bool(token) and token in getattr(gradio_app, "tokens", {})

    app.add_middleware(ApiGuard, bind_host=host, auth=auth, cookie_user=cookie_user)
    app.state.warmth = warmth
    app.state.pool = pool
    return app


# ---------------------------------------------------------------- docs page (no external scripts)


def _schema_type(schema: dict, components: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " of ".join(_schema_type(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"lijst van {_schema_type(schema.get('items', {}), components)}"
    return schema.get("type", "?")


def _limits(schema: dict) -> str:
    parts = []
    for s in [schema, *schema.get("anyOf", [])]:
        if "maxLength" in s:
            parts.append(f"hoogstens {s['maxLength']} tekens")
        if "maxItems" in s:
            parts.append(f"hoogstens {s['maxItems']} items")
    return "; ".join(parts)


def docs_html(spec: dict) -> str:
    """The OpenAPI document as one readable page. Swagger UI would load its scripts from a CDN;
    this app loads nothing from outside, so the page is plain HTML made from the same spec."""
    from app.text import esc

    def e(value) -> str:
        return esc(value, quote=True)

    comps = spec.get("components", {}).get("schemas", {})
    out = [f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{e(spec['info']['title'])}</title>",
           "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}"
           "code,pre{background:#f3f3f3;padding:.1em .3em;border-radius:4px}pre{padding:.7em;overflow:auto}"
           "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;"
           "vertical-align:top}h2{margin-top:1.6em}</style></head><body>",
           f"<h1>{e(spec['info']['title'])}</h1><p>{e(spec['info'].get('description', ''))}</p>",
           f"<p>Machineleesbaar: <a href='{API_PREFIX}/openapi.json'>{API_PREFIX}/openapi.json</a> (OpenAPI "
           f"{e(spec.get('openapi', ''))}). Met een login: HTTP Basic met de gebruikersnaam en het wachtwoord van "
           f"de web-app. Bodies hoogstens {MAX_BODY // 1024} KB; ongeldige invoer geeft 422 met een Nederlandse "
           "melding.</p>",
           "<pre>curl -s -X POST http://127.0.0.1:7860/api/ask -H 'Content-Type: application/json' \\\n"
           "  -d '{\"question\": \"Wat is de status van het bbl-offensief?\"}'\n"
           "curl -s 'http://127.0.0.1:7860/api/rows?partij=JOB&amp;stand=loopt'</pre>"]
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            out.append(f"<h2><code>{e(method.upper())} {e(path)}</code> — {e(op.get('summary', ''))}</h2>")
            if op.get("description"):
                out.append(f"<p>{e(op['description'])}</p>")
            params = op.get("parameters", [])
            if params:
                out.append("<table><tr><th>parameter</th><th>type</th><th>betekenis</th></tr>")
                for p in params:
                    sch = p.get("schema", {})
                    out.append(f"<tr><td><code>{e(p['name'])}</code></td><td>{e(_schema_type(sch, comps))}</td>"
                               f"<td>{e(p.get('description') or sch.get('description', ''))} {e(_limits(sch))}</td></tr>")
                out.append("</table>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                name = _schema_type(body, comps)
                out.append(f"<p>Body (JSON): <code>{e(name)}</code></p>")
                seen, todo = set(), [name]
                while todo:
                    n = todo.pop(0)
                    if n in seen or n not in comps:
                        continue
                    seen.add(n)
                    sch = comps[n]
                    required = set(sch.get("required", []))
                    out.append(f"<table><tr><th colspan='3'>{e(n)}</th></tr>")
                    for field, fs in sch.get("properties", {}).items():
                        t = _schema_type(fs, comps)
                        todo += [x["$ref"].rsplit("/", 1)[-1] for x in [fs, *fs.get("anyOf", [])] if "$ref" in x]
                        out.append(f"<tr><td><code>{e(field)}</code>{' (verplicht)' if field in required else ''}</td>"
                                   f"<td>{e(t)}</td><td>{e(fs.get('description', ''))} {e(_limits(fs))}</td></tr>")
                    out.append("</table>")
                for ex in (comps.get(name, {}).get("examples") or []):
                    out.append(f"<pre>{e(json.dumps(ex, ensure_ascii=False))}</pre>")
            codes = ", ".join(f"{c} ({r.get('description', '')})" for c, r in op.get("responses", {}).items())
            out.append(f"<p>Antwoorden: {e(codes)}</p>")
    out.append("</body></html>")
    return "".join(out)


# ---------------------------------------------------------------- serving


class BindError(OSError):
    pass


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, made here so that a port in use is a Dutch message."""
    h = host.strip("[]")
    infos = socket.getaddrinfo(h, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6 and h in ("::", ""):
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    try:
        sock.bind(addr)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run_server(app, sock: socket.socket, on_started: Callable[[], None] | None = None) -> None:
    """Serve until SIGINT/SIGTERM; on_started runs (in a thread) once the server accepts requests."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    if on_started is not None:
        def wait_then_run():
            while not server.started and not server.should_exit:
                threading.Event().wait(0.02)
            if server.started:
                on_started()

        threading.Thread(target=wait_then_run, name="werkagenda-started", daemon=True).start()
    server.run(sockets=[sock])
