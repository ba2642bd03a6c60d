"""The generated next-year report (eval/nextyear.py): parsed back by the real ingest, text and PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

import ingest
from eval import nextyear
from eval.nextyear import KnownChanges, latest_statement


@pytest.fixture(scope="module")
def old_rows():
    return ingest.load_rows()


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("nextyear")
    assert nextyear.main(["--out", str(out)]) == 0
    return {"text": out / "rapport-2026.txt", "pdf": out / "rapport-2026.pdf", "changes": out / "changes.json"}


@pytest.fixture(scope="module")
def changes(written) -> KnownChanges:
    return KnownChanges.from_json(written["changes"].read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["text", "pdf"])
def parsed(request, written):
    return request.param, ingest.parse_source(written[request.param])


def test_cli_writes_the_three_files(written):
    for path in written.values():
        assert path.is_file() and path.stat().st_size > 0
    assert written["pdf"].read_bytes().startswith(b"%PDF")


def test_generation_is_deterministic(written):
    assert nextyear.generate().text == written["text"].read_text(encoding="utf-8")


def test_parses_without_warnings_and_with_full_coverage(parsed):
    kind, result = parsed
    assert result.warnings == [], kind
    assert result.coverage.checked, kind


def test_one_dropped_one_added_keeps_78_rows(parsed, old_rows, changes):
    _, result = parsed
    assert len(old_rows) == 78
    assert len(result.rows) == 78
    assert len(changes.dropped) == 1 and len(changes.added) == 1
    assert len(changes.id_map) == 77
    old_counts = ingest.ParseResult(rows=old_rows).counts()
    # 3.1 loses the dropped action and gains the moved one; 1.5 loses it; 2.2 gains the new one
    expected = dict(old_counts, **{"1.5": old_counts["1.5"] - 1, "2.2": old_counts["2.2"] + 1})
    assert result.counts() == expected


def test_headers_shifted_in_text(written):
    first = written["text"].read_text(encoding="utf-8").splitlines()[0]
    assert first.split() == ["Wat?", "Wie?", "Wanneer?", "Status", "zomer", "2025", "Voortgang?"]
    assert "zomer 2024" not in written["text"].read_text(encoding="utf-8").split("\n", 1)[0]


def test_headers_shifted_in_pdf(written):
    with pdfplumber.open(written["pdf"]) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert len(pages) > 1
    for text in pages:  # the header repeats on every page
        assert "Status zomer 2025" in text
        assert "Status zomer 2024" not in text
        assert "Voortgang?" in text


def test_status_rolls_forward_and_voortgang_is_idem_or_new(parsed, old_rows, changes):
    kind, result = parsed
    new = {r.id: r for r in result.rows}
    changed = set(changes.status_changed)
    assert 8 <= len(changed) <= 12
    for old in old_rows:
        if old.id in changes.dropped:
            continue
        row = new[changes.id_map[old.id]]
        # the new "Status zomer 2025" column holds last year's latest statement
        assert row.status == " ".join(latest_statement(old).split()), (kind, old.id)
        if row.id in changed:
            assert not row.voortgang_idem and ("2025" in row.voortgang or "2026" in row.voortgang), (kind, row.id)
            assert row.voortgang != old.voortgang
        else:
            assert row.voortgang == "Idem." and row.voortgang_idem, (kind, row.id)


def test_idem_rows_take_last_years_status(old_rows, changes, parsed):
    """An "Idem." last year means the summer-2024 status still held: that is what rolls forward."""
    _, result = parsed
    new = {r.id: r for r in result.rows}
    idem = [o for o in old_rows if o.voortgang.strip() == "Idem." and o.id in changes.id_map]
    assert idem
    for old in idem:
        assert new[changes.id_map[old.id]].status == old.status


def test_dropped_added_moved_reworded_visible(parsed, old_rows, changes):
    kind, result = parsed
    old = {r.id: r for r in old_rows}
    new = {r.id: r for r in result.rows}
    new_wats = {r.wat for r in result.rows}
    # dropped: its Wat is nowhere in the new report
    (dropped,) = changes.dropped
    assert old[dropped].wat not in new_wats
    # added: a Wat that was nowhere in the old report, with all five cells
    (added,) = changes.added
    assert new[added].wat not in {r.wat for r in old_rows}
    assert all(new[added].cell(c) for c in ingest.COLUMNS), kind
    # moved: same Wat, other doelstelling, id in the new doelstelling's numbering
    ((m_old, m_new),) = changes.moved.items()
    assert new[m_new].wat == old[m_old].wat
    assert new[m_new].doelstelling != old[m_old].doelstelling
    assert m_new.startswith(new[m_new].doelstelling + "-")
    # reworded: same doelstelling, same parties, other words, but mostly the same vocabulary
    ((r_old, r_new),) = changes.reworded.items()
    a, b = old[r_old].wat, new[r_new].wat
    assert a != b and new[r_new].doelstelling == old[r_old].doelstelling
    wa, wb = set(a.lower().split()), set(b.lower().split())
    assert len(wa ^ wb) >= 6, "a rewording, not a one-word edit"
    assert len(wa & wb) / len(wa | wb) > 0.4
    assert a.split()[:3] != b.split()[:3], "the clauses are reordered"
    # everything else keeps its Wat, Wie and Wanneer
    for o, n in changes.id_map.items():
        if o != r_old:
            assert new[n].wat == old[o].wat, (kind, o, n)
        assert (new[n].wie, new[n].wanneer) == (old[o].wie, old[o].wanneer), (kind, o, n)


def test_ids_shift_after_dropped_and_added(changes):
    """Ids are positions: rows after the dropped one move up, rows after the new one move down."""
    (dropped,) = changes.dropped
    doel, pos = dropped.split("-")
    later = [o for o in changes.id_map if o.startswith(doel + "-") and int(o.split("-")[1]) > int(pos)]
    assert later and all(changes.id_map[o] == f"{doel}-{int(o.split('-')[1]) - 1:02d}" for o in later)
    (added,) = changes.added
    doel, pos = added.split("-")
    later = [o for o in changes.id_map if o.startswith(doel + "-") and int(o.split("-")[1]) >= int(pos)]
    assert later and all(changes.id_map[o] == f"{doel}-{int(o.split('-')[1]) + 1:02d}" for o in later)


def test_changes_json_round_trip(written, changes):
    data = json.loads(written["changes"].read_text(encoding="utf-8"))
    assert set(data) == {"id_map", "status_changed", "dropped", "added", "reworded", "moved", "headers"}
    assert data["headers"] == {"status": "Status zomer 2025", "voortgang": "Voortgang?"}
    assert KnownChanges(**data) == changes == nextyear.generate().changes


def test_cli_reports_a_missing_source_in_dutch(tmp_path, capsys):
    assert nextyear.main(["--out", str(tmp_path / "uit"), "--bron", str(tmp_path / "geen.txt")]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_source_without_the_named_rows_is_refused(tmp_path, old_rows):
    """The changes name rows of the shipped report; another source fails loudly, not silently."""
    with pytest.raises(ValueError, match="missing"):
        nextyear.roll_forward([r for r in old_rows if r.id != nextyear.DROPPED])
