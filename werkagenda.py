"""The `werkagenda` command: the one argparse dispatch for every subcommand.

    werkagenda ingest | index | ask | serve | export | eval | bench  [options]
    python -m werkagenda ...

Each stage module registers its own options (`add_arguments(parser)`) and runs them (`run(args)` or
a `cmd_*` function); this module only wires them together, so `app` needs to know nothing of
`eval` (eval measures app from the outside). Stages are imported when their subcommand runs, apart
from the light modules that hold the option definitions, to keep `--help` and start-up fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


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
    from app import commands
    from app.export import add_arguments as export_arguments, cmd_export
    from eval import bench, run as eval_run
    from index.cli import add_arguments as index_arguments, run as index_run

    parser = argparse.ArgumentParser(
        prog="werkagenda",
        description="Vragen beantwoorden over de voortgangsrapportage van de Werkagenda mbo.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")

    def stage(name: str, help_: str, add_arguments, func) -> None:
        p = sub.add_parser(name, help=help_, description=help_)
        add_arguments(p)
        p.set_defaults(func=func)

    def ingest_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument("source", nargs="?", help="bronbestand (standaard: het meegeleverde rapport)")
        p.add_argument("--out", help="JSONL-bestand om de rijen naar te schrijven")
        p.add_argument("--rapport", help="voeg de bron toe als rapport met deze naam (bijv. 2026), naast de andere")
        p.add_argument("--periodes", nargs=2, metavar=("STATUS", "VOORTGANG"),
                       help='namen van de twee statusperioden als de kolomkoppen ze niet geven, '
                            'bijv. "Status zomer 2025" "Voortgang (2026)"')

    stage("ingest", "bron (tekst of PDF) omzetten naar actie-rijen", ingest_arguments, cmd_ingest)
    stage("index", "de zoekindex bouwen (of hergebruiken als hij actueel is)", index_arguments, index_run)
    stage("ask", "een vraag beantwoorden", commands.add_ask_arguments, commands.cmd_ask)
    stage("serve", "de chat-app starten (Gradio)", commands.add_serve_arguments, commands.cmd_serve)
    stage("export", "de acties (gefilterd) opslaan als CSV of Excel", export_arguments, cmd_export)
    stage("eval", "antwoordkwaliteit meten op de vragensets", eval_run.add_arguments, eval_run.run)
    stage("bench", "snelheid meten (koude start, latentie, geheugen)", bench.add_arguments, bench.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    from app.process import configure_process

    configure_process()
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`werkagenda ask … | head`): stop quietly, as other tools do. Point
        # stdout at /dev/null so that flushing it at exit cannot fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, the shell's code for it


if __name__ == "__main__":
    sys.exit(main())
