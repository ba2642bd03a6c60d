"""The login guard: ASGI middleware on Gradio's app that throttles failed logins and closes the
session routes Gradio leaves open without a login (see `LoginGuard`). Also the two body helpers
the JSON API (app/api.py) shares with it. No gradio import: plain ASGI."""

from __future__ import annotations

import json
import math
import sys
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qs

TOO_BIG = b"\x00too big"  # a sentinel no real body is compared against by identity


async def read_body(receive, limit: int):
    """An ASGI request body, read whole but never more than `limit` bytes: the body, TOO_BIG, or
    None when the client went away. Used by the login guard and the API's size limit."""
    body, more = b"", True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > limit:
            return TOO_BIG
    return body


def replayer(body: bytes, receive):
    """An ASGI `receive` that hands the app the body read already, then the real channel."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class LoginGuard:
    """ASGI middleware for Gradio's own app. Install it with `app_kwargs=guard_app_kwargs()` in
    `demo.launch(...)` or `gr.mount_gradio_app(...)`. Two jobs:

    1. Throttle logins. Gradio's POST /login checks a password as often as it is asked (200
       wrong passwords took 0.2 s). Here, after FREE_ATTEMPTS failed logins from one client
       address, the next attempt from that address is allowed only after a delay that doubles
       with every further failure (1, 2, 4 … s, at most MAX_DELAY); until then it is answered
       429 with Retry-After and not checked at all, so parallel guesses gain nothing. A
       successful login clears the address. Every failure and refusal is logged to stderr with
       the address, the username and the count, never the password. The address is the TCP
       peer: behind a reverse proxy every visitor shares the proxy's address (then the proxy
       should throttle).

    2. Close session routes that skip Gradio's login check. With a login configured, Gradio
       still answers these without one: POST /gradio_api/cancel (cancels the running job of any
       session whose hash is given), POST /gradio_api/reset (a no-op today), GET
       /gradio_api/heartbeat/{session} (opens a stream per call; on disconnect it marks that
       session closed and ends its pending jobs) and POST /gradio_api/stream/… (media streams,
       unused here). Session hashes are random and never shown to others, so guessing one is
       impractical, but none of these needs to work for a visitor who is not logged in: they get
       401. Without a login configured everything passes unchanged (the app is then open to
       whoever can reach it anyway).
    """

    FREE_ATTEMPTS = 5
    BASE_DELAY = 1.0
    MAX_DELAY = 300.0
    MAX_ADDRESSES = 10_000  # addresses remembered; the oldest are forgotten first
    FORGET_AFTER = 3600.0  # seconds after which an address's failures are forgotten
    MAX_FORM = 64 * 1024  # bytes of a login form read before giving up (413)
    SESSION_PATHS = ("/gradio_api/cancel", "/gradio_api/reset")
    SESSION_PREFIXES = ("/gradio_api/heartbeat/", "/gradio_api/stream/")

    def __init__(self, app, clock=time.monotonic, log=None):
        self.app = app
        self.clock = clock
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self._seen: "OrderedDict[str, dict]" = OrderedDict()
        self._lock = threading.Lock()

    # -- the policy (pure bookkeeping; no I/O)

    def delay(self, over: int) -> float:
        """Seconds to wait after `over` failures beyond the free ones (1 -> BASE_DELAY)."""
        return min(self.MAX_DELAY, self.BASE_DELAY * 2 ** max(0, over - 1))

    def _record(self, addr: str, now: float) -> dict:
        rec = self._seen.get(addr)
        if rec is None or now - rec["last"] > self.FORGET_AFTER and rec["pending"] == 0:
            rec = {"failures": 0, "pending": 0, "next": 0.0, "last": now}
        self._seen[addr] = rec
        self._seen.move_to_end(addr)
        while len(self._seen) > self.MAX_ADDRESSES:
            self._seen.popitem(last=False)
        rec["last"] = now
        return rec

    def admit(self, addr: str) -> float:
        """0 when an attempt from addr may be checked now (and it is counted as pending), else the
        seconds to wait."""
        with self._lock:
            now = self.clock()
            rec = self._record(addr, now)
            used = rec["failures"] + rec["pending"]
            if used >= self.FREE_ATTEMPTS:
                if now < rec["next"]:
                    return rec["next"] - now
                # Reserve this slot: attempts racing this one wait for the next delay.
                rec["next"] = now + self.delay(used + 1 - self.FREE_ATTEMPTS)
            rec["pending"] += 1
            return 0.0

    def settle(self, addr: str, ok: bool) -> tuple[int, float]:
        """Record the outcome of an admitted attempt; returns (failures, seconds until the next
        attempt is allowed)."""
        with self._lock:
            now = self.clock()
            rec = self._record(addr, now)
            rec["pending"] = max(0, rec["pending"] - 1)
            if ok:
                self._seen.pop(addr, None)
                return 0, 0.0
            rec["failures"] += 1
            if rec["failures"] >= self.FREE_ATTEMPTS:
                rec["next"] = max(rec["next"], now + self.delay(rec["failures"] + 1 - self.FREE_ATTEMPTS))
            return rec["failures"], max(0.0, rec["next"] - now)

    # -- ASGI

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        root = scope.get("root_path", "") or ""
        if root and path.startswith(root):
            path = path[len(root):] or "/"
        method = scope.get("method", "GET")
        if method == "POST" and path.rstrip("/").endswith("/login"):
            return await self._login(scope, receive, send)
        if (path.rstrip("/") in self.SESSION_PATHS or path.startswith(self.SESSION_PREFIXES)) \
                and not self._logged_in(scope):
            return await _json_response(send, 401, {"detail": "Niet ingelogd."})
        return await self.app(scope, receive, send)

    def _logged_in(self, scope) -> bool:
        app = scope.get("app")
        if app is None or (getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None):
            return True  # no login configured: nothing to protect beyond what is open anyway
        if getattr(app, "auth", None) is None:
            return True  # an external auth_dependency decides (not used by this app)
        jar = cookies(scope)
        cid = getattr(app, "cookie_id", "")
        token = jar.get(f"access-token-{cid}") or jar.get(f"access-token-unsecure-{cid}")
        return bool(token) and token in getattr(app, "tokens", {})

    async def _login(self, scope, receive, send):
        addr = (scope.get("client") or ("onbekend", 0))[0]
        body = await read_body(receive, self.MAX_FORM)
        if body is None:
            return
        if body is TOO_BIG:
            return await _json_response(send, 413, {"detail": "Inlogformulier te groot."})
        try:
            username = parse_qs(body.decode("utf-8", "replace")).get("username", [""])[0]
        except ValueError:
            username = ""
        shown_user = ascii(username[:64])  # no newlines or control characters in the log
        wait = self.admit(addr)
        if wait > 0:
            seconds = math.ceil(wait)
            self.log(f"Inlogpoging geweigerd vanaf {addr} (gebruikersnaam {shown_user}): te veel mislukte pogingen, "
                     f"nog {seconds} s wachten.")
            return await _json_response(
                send, 429, {"detail": f"Te veel mislukte inlogpogingen. Probeer het over {seconds} seconden opnieuw."},
                headers=[(b"retry-after", str(seconds).encode())])

        replay = replayer(body, receive)
        status = {}

        async def watch(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, replay, watch)
        finally:
            code = status.get("code", 500)
            if code < 400:
                self.settle(addr, ok=True)
            else:
                failures, wait = self.settle(addr, ok=False)
                extra = f"; volgende poging over {math.ceil(wait)} s" if wait > 0 else ""
                self.log(f"Mislukte inlogpoging {failures} vanaf {addr} (gebruikersnaam {shown_user}){extra}.")


def cookies(scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                if "=" in part:
                    k, v = part.split("=", 1)
                    out[k.strip()] = v.strip()
    return out


async def _json_response(send, status: int, payload: dict, headers=()) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


def guard_app_kwargs() -> dict:
    """app_kwargs for demo.launch() / gr.mount_gradio_app(): installs LoginGuard on Gradio's app
    (where it can see Gradio's login tokens)."""
    from starlette.middleware import Middleware

    return {"middleware": [Middleware(LoginGuard)]}

