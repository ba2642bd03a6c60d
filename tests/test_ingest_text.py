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
    text = " ".join(r["wat"] + r["wanneer"] + r["status"] for r in rows)
    for needle in ("sportabonnementen.", "kwalificatie-eisen voor burgerschap", "taal-, reken- en digitale",
                   "Subsidieregeling", "Mogelijkheden om deel te nemen"):
        assert needle in text or any(needle in r["wie"] + r["wanneer"] for r in rows)


def test_idem_flag(result):
    for row in result.rows:
        assert row.voortgang_idem == row.voortgang.lower().startswith("idem")


def test_fixture_holds_every_row(result):
    ids = [r["id"] for r in verified_rows()]
    assert len(ids) == 78 == len(set(ids))
    assert ids == [r.id for r in result.rows]


def test_rows_fixed_by_page_break_evidence(result):
    """Rows the parser used to get wrong (issue 12); the evidence is general, see textparse.py."""
    rows = {r.id: r for r in result.rows}
    # 1.2-04: the Wie's rest shares a line with the Status's rest at the top of the next page.
    r = rows["1.2-04"]
    assert r.wie.endswith("Andere partijen: VWS, GGD’en")
    assert r.status.endswith("extra passend materiaal voor het mbo vanuit Welbevinden op School.")
    assert r.voortgang.startswith("Steeds meer mbo-scholen gaan werken vanuit een integrale aanpak.")
    # 2.2-01: only the Voortgang ran down to the page break, so only it goes on after it.
    assert rows["2.2-01"].voortgang.endswith("online campagne gericht op stagediscriminatie.")
    assert "online campagne" not in rows["2.2-01"].status
    # 3.4-05: no blank line between "Rijk." and the next sentence: the same cell.
    assert rows["3.4-05"].status.endswith("binnen het Rijk. MBOin2030 rondt af per 1 april 2025.")
    assert rows["3.4-05"].voortgang.startswith("De open aanpak MBO in 2030 is in de zomer 2025 afgerond.")
    # 2.1-05: a Status line ending in "te" stops mid-sentence; its rest follows the page break.
    assert rows["2.1-05"].status.endswith("hoe dit verder te verbeteren. Studenten zijn betrokken door "
                                               "een kwalitatief onderzoek, feedbacktool, en bekendheidsmeting.")


def test_no_row_has_an_empty_voortgang_it_should_not():
    # Empty Voortgang cells that the source really has (read by hand): nothing else.
    empty = sorted(r.id for r in parse_source().rows if not r.voortgang)
    assert empty == ["1.1-06", "1.2-06", "1.3-01", "2.3-09", "3.2-02", "3.2-05", "3.4-06"]


def test_one_idem_detector():
    from ingest import idem_rest, is_idem

    assert is_idem("Idem.") and is_idem("idem") and is_idem("Idem. Het onderwijsveld wordt ...")
    assert not is_idem("Identiek") and not is_idem("")
    assert idem_rest("Idem. Het onderwijsveld wordt") == "Het onderwijsveld wordt"
    assert idem_rest("Idem.") == "" and idem_rest("Loopt.") == "Loopt."


def test_one_joiner_for_hyphens_and_dashes():
    from ingest.assemble import join_fragments

    assert join_fragments(["van de mbo-", "scholen"]) == "van de mbo-scholen"
    assert join_fragments(["vo-, mbo- ", "en hbo- scholen"]) == "vo-, mbo- en hbo- scholen"
    # a hyphen of its own after a comma, "en" or "of" starts the next word of a list ...
    assert join_fragments(["loopbaanoriëntatie, -", "ontwikkeling en -begeleiding"]) == \
        "loopbaanoriëntatie, -ontwikkeling en -begeleiding"
    assert join_fragments(["cursus of -", "training"]) == "cursus of -training"
    # ... after a word it is a dash between words
    assert join_fragments(["in hun kwaliteitsplan -", "gekoppeld aan"]) == "in hun kwaliteitsplan - gekoppeld aan"
    vocab = {"start", "in", "2023"}
    assert join_fragments(["Subsidieregel", "ing start in", "2023"], "wanneer", vocab) == "Subsidieregeling start in 2023"
    assert join_fragments(["Subsidieregel", "ing start in", "2023"], "wat", vocab) == "Subsidieregel ing start in 2023"


def test_party_names_come_from_the_party_list():
    from ingest.parties import normalise_parties
    from ingest.textparse import party_prefix

    # the sectors by their short names are their schools; the VO-raad stays a party of its own
    assert normalise_parties("VO-raad, OCW, vo en hbo (w.o. lerarenopleidingen)") == \
        ["VO-raad", "OCW", "vo-scholen", "hbo-instellingen", "lerarenopleidingen"]

    assert party_prefix("Primair OCW.") == len("Primair OCW.")
    assert party_prefix("VWS, GGD’en vanuit Welbevinden op School.") == len("VWS, GGD’en")
    assert party_prefix("SZW, UVW, ") == len("SZW, UVW,")
    assert party_prefix("Primair onderwijs is") == 0
