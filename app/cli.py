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

    from ingest.periods import from_option

    source = Path(args.source) if args.source else DEFAULT_SOURCE
    started = time.perf_counter()
    try:
        periods = from_option(args.periodes) if args.periodes else None
    except ValueError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    try:
        result = parse_source(source, periods=periods, rapport=args.rapport)
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
    if result.periods is not None:
        print(f"Rapport {result.rows[0].rapport}; perioden: {result.periods.status} en {result.periods.voortgang}"
              + (" (het jaar van de Voortgang is afgeleid: de kolomkop noemt het niet)" if result.periods.derived else ""))
    if args.rapport:
        return _add_report(result, args.rapport)
    return 0


def _add_report(result, key: str) -> int:
    """Store the rows as an added report beside the source report; the index is built at the next start."""
    from index import IndexConfig
    from index.api import dutch_os_error
    from index.reports import ReportError, add_report, check_key
    from ingest import IngestError, parse_source

    try:
        key = check_key(key)
        cfg = IndexConfig.from_env()
        try:
            source_key = parse_source(cfg.source).rows[0].rapport
        except IngestError:
            source_key = None  # the source is unreadable; it cannot clash
        if key == source_key:
            raise ReportError(f"rapport {key} is al het bronrapport; kies een andere naam met --rapport.")
        path = add_report(cfg, result.rows, key)
    except ReportError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Fout: het rapport kan niet worden opgeslagen ({dutch_os_error(exc)}).", file=sys.stderr)
        return 1
    print(f"Rapport {key} toegevoegd ({len(result.rows)} acties): {path}. De index wordt bij de volgende start gebouwd.")
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
    p.add_argument("--rapport", help="voeg de bron toe als rapport met deze naam (bijv. 2026), naast de andere")
    p.add_argument("--periodes", nargs=2, metavar=("STATUS", "VOORTGANG"),
                   help='namen van de twee statusperioden als de kolomkoppen ze niet geven, '
                        'bijv. "Status zomer 2025" "Voortgang (2026)"')
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
