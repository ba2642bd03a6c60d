"""Subcommands beyond ingest; each imports its stage lazily to keep start-up fast."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Filled in as the index, app and eval stages land."""
