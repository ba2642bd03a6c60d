"""`werkagenda index [--rebuild]`: build the index (if needed) and say what was done.

werkagenda.py dispatches the `index` subcommand here; `python -m index` works too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
import sys
from typing import Sequence


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="herbouw ook als de index nog actueel is")
    parser.add_argument("--embedding", help="overschrijft WERKAGENDA_EMBEDDING (use, minilm, st:<map>)")
    parser.add_argument("--data-dir", help="overschrijft WERKAGENDA_DATA_DIR")


def run(args: argparse.Namespace) -> int:
    from ingest import IngestError

    from . import build_index
    from .config import ConfigError, IndexConfig

    try:
        cfg = IndexConfig.from_env()
        if args.embedding:
            cfg = cfg.with_(embedding=args.embedding)
        if args.data_dir:
            cfg = cfg.with_(data_dir=Path(args.data_dir))
        cfg.validate()
        report = build_index(cfg, rebuild=args.rebuild)
    except (ConfigError, IngestError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Fout: de datamap is niet bruikbaar ({exc.strerror or exc}).", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="werkagenda index", description="Bouw de zoekindex over de rapportage.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
