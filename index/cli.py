"""`werkagenda index [--rebuild]`: build the index (if needed) and say what was done.

werkagenda.py (the one command line) registers these options and dispatches `werkagenda index` here.
"""

from __future__ import annotations

import argparse
from pathlib import Path
import sys


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
