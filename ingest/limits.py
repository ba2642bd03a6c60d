"""Bounds on what ingest accepts, so a wrong or runaway source fails fast with a clear message
instead of taking minutes and gigabytes before it fails anyway.

The real report is 90 KB of text (a PDF of some 40 pages) with at most 10 actions per
doelstelling; the limits leave room for a report many times that size.
"""

from __future__ import annotations

MAX_TEXT_BYTES = 2_000_000  # ~22 times the real report; parsing stays within seconds
MAX_PDF_BYTES = 25_000_000
MAX_PDF_PAGES = 300
MAX_ROWS_PER_DOELSTELLING = 500  # ids grow to three digits from 100 on ("1.1-100")
MAX_ROWS = 2_000


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"
