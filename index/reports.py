"""Several reports side by side: the registry of reports added with `ingest --rapport`.

    <data_dir>/                     the index of the source report (WERKAGENDA_SOURCE, or the shipped one)
      rapporten/<rapport>/
        rows.jsonl                  the rows of an added report, as ingested (written atomically)
        CURRENT, builds/, ...       that report's own index: the same layout and crash guarantees
                                    as the data directory itself (index/layout.py)

Each report keeps its own row ids ("1.2-04" exists in every report), so each has its own index;
`Engine.load` opens them all and answers from the latest one unless a question or filter names
another. Adding a report replaces an earlier one with the same key and leaves the others alone;
a failed parse writes nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ingest import ActionRow, read_rows_jsonl, write_rows_jsonl

from .config import IndexConfig

REPORTS_DIR = "rapporten"
_KEY = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")


class ReportError(ValueError):
    """A report key or registry problem; the message is Dutch."""


def check_key(key: str) -> str:
    key = key.strip()
    if not _KEY.match(key):
        raise ReportError(f"'{key}' is geen geldige rapportnaam: gebruik letters, cijfers, '.', '-' of '_' "
                          "(bijvoorbeeld 2026).")
    return key


def report_dir(cfg: IndexConfig, key: str) -> Path:
    return cfg.data_dir / REPORTS_DIR / check_key(key)


def report_config(cfg: IndexConfig, key: str) -> IndexConfig:
    """The configuration of an added report's own index: same model, its own data directory."""
    return cfg.with_(data_dir=report_dir(cfg, key), source=None)


def add_report(cfg: IndexConfig, rows: list[ActionRow], key: str) -> Path:
    if not rows:
        raise ReportError("het rapport bevat geen acties.")
    path = report_dir(cfg, key) / "rows.jsonl"
    write_rows_jsonl([r.model_copy(update={"rapport": key}) for r in rows], path)
    return path


def remove_report(cfg: IndexConfig, key: str) -> bool:
    path = report_dir(cfg, key)
    if not path.exists():
        return False
    shutil.rmtree(path)
    return True


def registered(cfg: IndexConfig) -> dict[str, list[ActionRow]]:
    """The added reports' rows by key. A folder without readable rows is skipped: it is a report
    whose ingest was interrupted before its rows were written (they are written atomically)."""
    root = cfg.data_dir / REPORTS_DIR
    out: dict[str, list[ActionRow]] = {}
    if not root.is_dir():
        return out
    for sub in sorted(root.iterdir()):
        rows_file = sub / "rows.jsonl"
        if sub.is_dir() and _KEY.match(sub.name) and rows_file.is_file():
            try:
                rows = read_rows_jsonl(rows_file)
            except (OSError, ValueError):
                continue
            if rows:
                out[sub.name] = rows
    return out


def order_key(rows: list[ActionRow]) -> tuple:
    """Reports in time order: by the years their periods name, then by key."""
    first = rows[0]
    return (first.periods.years[-1:] or (0,), first.rapport)
