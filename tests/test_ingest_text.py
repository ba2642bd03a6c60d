"""Ingest of the real document, checked against hand-verified rows."""

import json
import re
from pathlib import Path

import pytest

from ingest import COLUMNS, DEFAULT_SOURCE, DOELSTELLINGEN, parse_source

FIXTURE = Path(__file__).parent / "fixtures" / "verified_rows.jsonl"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def result():
    return parse_source(DEFAULT_SOURCE)


def verified_rows():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_all_doelstellingen_present(result):
    counts = result.counts()
    assert sorted(counts) == sorted(DOELSTELLINGEN)
    assert sum(counts.values()) == len(result.rows)


def test_prioriteit_matches_doelstelling(result):
    for row in result.rows:
        assert row.doelstelling.startswith(f"{row.prioriteit}.")


@pytest.mark.parametrize("expected", verified_rows(), ids=lambda r: r["id"])
def test_row_matches_hand_verified_fixture(result, expected):
    rows = {r.id: r for r in result.rows}
    assert expected["id"] in rows
    row = rows[expected["id"]]
    assert row.prioriteit == expected["prioriteit"]
    assert row.doelstelling == expected["doelstelling"]
    for col in COLUMNS:
        assert norm(row.cell(col)) == norm(expected[col]), col


def test_fixture_covers_hard_cases():
    rows = verified_rows()
    assert len(rows) >= 30
    text = " ".join(r["wat"] + r["wanneer"] + r["status_2024"] for r in rows)
    for needle in ("sportabonnementen.", "kwalificatie-eisen voor burgerschap", "taal-, reken- en digitale",
                   "Subsidieregeling", "Mogelijkheden om deel te nemen"):
        assert needle in text or any(needle in r["wie"] + r["wanneer"] for r in rows)


def test_idem_flag(result):
    for row in result.rows:
        assert row.voortgang_idem == row.voortgang.lower().startswith("idem")
