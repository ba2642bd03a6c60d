"""Subcommands beyond ingest; each imports its stage lazily to keep start-up fast."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _load_engine(args: argparse.Namespace):
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
    engine = _load_engine(args)
    if args.batch:
        try:
            lines = Path(args.batch).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"Fout: kan '{args.batch}' niet lezen ({exc.strerror}).", file=sys.stderr)
            return 1
        for no, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                question = str(json.loads(line).get("question", ""))
            except (json.JSONDecodeError, AttributeError):
                print(f"Fout: regel {no} van '{args.batch}' is geen JSON-object met een 'question'.", file=sys.stderr)
                return 1
            _print_answer(engine.answer(question), as_json=True)
        return 0
    if not args.question:
        print("Fout: geef een vraag, bijvoorbeeld: werkagenda ask \"wat is de status van het bbl-offensief?\"",
              file=sys.stderr)
        return 2
    _print_answer(engine.answer(" ".join(args.question)), as_json=args.json)
    return 0


def _print_answer(ans, as_json: bool) -> None:
    if as_json:
        print(json.dumps(ans.to_json(), ensure_ascii=False), flush=True)
    else:
        import html

        print(html.unescape(ans.text))  # a terminal shows text, not HTML entities
        if ans.citations:
            print("\nBronnen: " + ", ".join(
                f"{c.row_id} (Doelstelling {c.doelstelling}{'; ' + ', '.join(c.periods) if c.periods else ''})"
                for c in ans.citations))


def cmd_serve(args: argparse.Namespace) -> int:
    from app.ui import launch

    return launch(host=args.host, port=args.port) or 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.run import main

    argv = []
    if args.questions:
        argv += ["--questions", args.questions]
    if args.out:
        argv += ["--out", args.out]
    return main(argv + list(args.rest or []))


def cmd_bench(args: argparse.Namespace) -> int:
    from eval.bench import main

    return main(list(args.rest or []))


def register(sub: argparse._SubParsersAction) -> None:
    from index.cli import add_arguments

    p = sub.add_parser("index", help="de zoekindex bouwen (of hergebruiken als hij actueel is)")
    add_arguments(p)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="een vraag beantwoorden")
    p.add_argument("question", nargs="*", help="de vraag")
    p.add_argument("--json", action="store_true", help="antwoord als één JSON-object")
    p.add_argument("--batch", help="JSONL-bestand met objecten met een 'question'; één JSON-antwoord per regel")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="de chat-app starten (Gradio)")
    p.add_argument("--host", default=None, help="adres (standaard 127.0.0.1 of WERKAGENDA_HOST)")
    p.add_argument("--port", type=int, default=None, help="poort (standaard 7860 of WERKAGENDA_PORT)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="antwoordkwaliteit meten op de vragenset")
    p.add_argument("--questions", help="vragenbestand (standaard eval/questions.jsonl)")
    p.add_argument("--out", help="uitvoermap")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="snelheid meten (koude start, latentie, geheugen)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_bench)
