"""The app's subcommands (ask, serve): their options and handlers. werkagenda.py dispatches to them;
each handler imports its stage lazily to keep start-up fast."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _load_engine():
    from app.engine import StartupError, load_engine

    try:
        return load_engine()
    except StartupError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(exc.code)


def cmd_index(args: argparse.Namespace) -> int:
    from index.cli import run

    return run(args)


def cmd_ask(args: argparse.Namespace) -> int:
    if args.url:
        try:
            ask = _remote_asker(args.url, rapport=args.rapport)
        except RemoteError as exc:
            print(exc, file=sys.stderr)
            return exc.code
    else:
        engine = _load_engine()
        if args.rapport and args.rapport not in engine.reports:
            print(f"Fout: rapport '{args.rapport}' is onbekend; kies uit: {', '.join(engine.reports)}.", file=sys.stderr)
            return 2

        def ask(question: str) -> dict:
            return engine.answer(question, rapport=args.rapport).to_json()
    try:
        if args.batch:
            return _ask_batch(args, ask)
        if not args.question:
            print("Fout: geef een vraag, bijvoorbeeld: werkagenda ask \"wat is de status van het bbl-offensief?\"",
                  file=sys.stderr)
            return 2
        question = " ".join(args.question)
        if _has_surrogates(question):
            print("Fout: de vraag bevat tekens die geen geldige tekst zijn (de terminal gaf geen UTF-8 door).",
                  file=sys.stderr)
            return 2
        _print_answer(ask(question), as_json=args.json)
    except RemoteError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    return 0


def _has_surrogates(text: str) -> bool:
    """Python turns bytes that are no UTF-8 into lone surrogates ('bbl \\udcff'); they cannot be printed."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _decode_batch(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark) or UTF-16 with one; anything else is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _ask_batch(args: argparse.Namespace, ask) -> int:
    """One JSON answer per line, echoing the line's id. A bad line is reported (Dutch, with its line
    number) and skipped, unless --strict stops at it; the exit code says whether any line failed."""
    name = args.batch
    try:
        text = _decode_batch(Path(name).read_bytes())
    except OSError as exc:
        from index.api import dutch_os_error

        print(f"Fout: kan '{name}' niet lezen ({dutch_os_error(exc)}).", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"Fout: '{name}' is geen UTF-8- of UTF-16-tekst.", file=sys.stderr)
        return 1
    failed = 0
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        problem, item = None, None
        try:
            item = json.loads(line)
        except ValueError:
            problem = "is geen JSON"
        if problem is None and not isinstance(item, dict):
            problem = "is geen JSON-object"
        elif problem is None and "question" not in item:
            problem = "heeft geen 'question'"
        elif problem is None and not isinstance(item["question"], str):
            problem = "heeft als 'question' geen tekst"
        elif problem is None and _has_surrogates(item["question"]):
            problem = "bevat tekens die geen geldige tekst zijn"
        if problem is not None:
            failed += 1
            print(f"Fout: regel {no} van '{name}' {problem}; overgeslagen.", file=sys.stderr)
            if args.strict:
                return 1
            continue
        answer = ask(item["question"])
        if "id" in item:
            answer = {"id": item["id"], **answer}
        _print_answer(answer, as_json=True)
    return 1 if failed else 0


class RemoteError(Exception):
    """A running server could not answer; the message is Dutch."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _remote_asker(url: str, rapport: str | None = None):
    """ask(question) -> the answer object, through POST {url}/api/ask of a running `werkagenda serve`
    (so a script needs no engine, index or model of its own). A login comes from WERKAGENDA_USER /
    WERKAGENDA_PASSWORD, the same variables that set it on the server."""
    import base64
    import os
    import urllib.error
    import urllib.request
    from urllib.parse import urlparse

    base = url.strip().rstrip("/")
    parsed = urlparse(base)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise RemoteError(f"Fout: '{url}' is geen geldig adres; verwacht bijvoorbeeld http://127.0.0.1:7860.", 2)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    user, password = os.environ.get("WERKAGENDA_USER", ""), os.environ.get("WERKAGENDA_PASSWORD", "")
    if user and password:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"

    def ask(question: str) -> dict:
        payload = {"question": question, **({"rapport": rapport} if rapport else {})}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(base + "/api/ask", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            try:
                detail = json.loads(exc.read().decode("utf-8")).get("detail", "")
            except (ValueError, AttributeError, OSError):
                detail = ""
            if exc.code == 401:
                raise RemoteError("Fout: de server vraagt om een login" + (f" ({detail})" if detail else "")
                                  + ". Zet WERKAGENDA_USER en WERKAGENDA_PASSWORD.") from None
            if exc.code == 404:
                raise RemoteError(f"Fout: {base} heeft geen /api/ask; is dit een werkagenda-server?") from None
            raise RemoteError(f"Fout: de server antwoordde met HTTP {exc.code}"
                              + (f": {detail}" if detail else ".")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            reason = getattr(reason, "strerror", None) or reason
            raise RemoteError(f"Fout: de server op {base} is niet bereikbaar ({reason}). Draait hij? Start hem met "
                              "`werkagenda serve`.") from None
        except ValueError:
            raise RemoteError(f"Fout: {base} gaf geen JSON terug; is dit een werkagenda-server?") from None

    return ask


def _print_answer(ans: dict, as_json: bool) -> None:
    """Print an answer object (Answer.to_json(), local or from a server) as JSON or as text."""
    if as_json:
        print(json.dumps(ans, ensure_ascii=False), flush=True)
    else:
        import html

        print(html.unescape(ans["answer"]))  # a terminal shows text, not HTML entities
        if ans.get("citations"):
            def source(c: dict) -> str:
                periods = c.get("labels") or c.get("periods") or []
                rapport = f"; rapport {c['rapport']}" if c.get("rapport") else ""
                return f"{c['row_id']} (Doelstelling {c['doelstelling']}{'; ' + ', '.join(periods) if periods else ''}{rapport})"

            print("\nBronnen: " + ", ".join(source(c) for c in ans["citations"]), flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    from app.ui import launch

    return launch(host=args.host, port=args.port) or 0


def add_ask_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", nargs="*", help="de vraag")
    p.add_argument("--json", action="store_true", help="antwoord als één JSON-object")
    p.add_argument("--batch", help="JSONL-bestand met objecten met een 'question' (en eventueel een 'id'); "
                                    "één JSON-antwoord per regel")
    p.add_argument("--strict", action="store_true", help="bij --batch stoppen bij de eerste foute regel")
    p.add_argument("--rapport", help="antwoord uit dit rapport (bijv. 2025); standaard het nieuwste of het rapport "
                                     "dat de vraag noemt")
    p.add_argument("--url", help="vraag een draaiende server (werkagenda serve) via zijn JSON-API, bijvoorbeeld "
                                 "http://127.0.0.1:7860; geen index of model nodig")


def add_serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default=None, help="adres (standaard 127.0.0.1 of WERKAGENDA_HOST)")
    p.add_argument("--port", type=int, default=None, help="poort (standaard 7860 of WERKAGENDA_PORT)")
