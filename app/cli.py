"""The `werkagenda` command: one entry point with a subcommand per stage."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _configure_privacy() -> None:
    # Chroma and Gradio phone home unless told not to; the hub must never be asked.
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest import DEFAULT_SOURCE, IngestError, parse_source, write_rows_jsonl

    source = Path(args.source) if args.source else DEFAULT_SOURCE
    started = time.perf_counter()
    try:
        result = parse_source(source)
    except IngestError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        print("Er is niets geschreven.", file=sys.stderr)
        return 1
    if args.out:
        try:
            write_rows_jsonl(result.rows, args.out)
        except OSError as exc:
            print(f"Fout: kan '{args.out}' niet schrijven ({exc.strerror}).", file=sys.stderr)
            return 1
    seconds = time.perf_counter() - started
    print(f"Bron: {source}")
    print(f"{len(result.rows)} acties in {len(result.counts())} doelstellingen ({seconds:.2f} s)")
    for doel, n in sorted(result.counts().items()):
        print(f"  Doelstelling {doel}: {n}")
    empty = result.empty_cells()
    print(f"Lege cellen: {len(empty)}")
    for row_id, col in empty:
        print(f"  {row_id}: {col}")
    # Only a check that ran may be reported as passed; a failed one raised IngestError above.
    coverage = result.coverage
    if coverage.checked:
        outside = len(coverage.outside_table())
        extra = f"; {outside} stuk(ken) tekst buiten de tabel overgeslagen, zie waarschuwingen" if outside else ""
        print(f"Dekkingscontrole: geslaagd (alle tabeltekst precies één keer toegekend{extra})")
    else:
        print("Dekkingscontrole: niet uitgevoerd")
    print(f"Waarschuwingen: {len(result.warnings)}")
    for w in result.warnings:
        print(f"  - {w}")
    if args.out:
        print(f"Geschreven: {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="werkagenda",
        description="Vragen beantwoorden over de voortgangsrapportage van de Werkagenda mbo.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="bron (tekst of PDF) omzetten naar actie-rijen")
    p.add_argument("source", nargs="?", help="bronbestand (standaard: het meegeleverde rapport)")
    p.add_argument("--out", help="JSONL-bestand om de rijen naar te schrijven")
    p.set_defaults(func=cmd_ingest)

    from app import commands

    commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _configure_privacy()
    argv = sys.argv[1:] if argv is None else list(argv)
    # eval and bench own their options; hand them over whole.
    if argv and argv[0] == "eval":
        from eval.run import main as eval_main

        return eval_main(argv[1:])
    if argv and argv[0] == "bench":
        from eval.bench import main as bench_main

        return bench_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
