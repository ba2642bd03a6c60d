"""Period labels read from the report's headers, the report key, and the registry of added reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import DEFAULT_SOURCE, ActionRow, parse_source, read_rows_jsonl
from ingest.periods import Periods, from_headers, from_option, split_header_line

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("status, voortgang, labels, derived", [
    ("Status zomer 2024", "Voortgang?", ("Status zomer 2024", "Voortgang (2025)"), True),
    ("Status zomer 2025", "Voortgang?", ("Status zomer 2025", "Voortgang (2026)"), True),
    ("Status (zomer 2025)", "Voortgang (2026)", ("Status zomer 2025", "Voortgang (2026)"), False),
    ("status   voorjaar\n2026", "Voortgang 2026?", ("Status voorjaar 2026", "Voortgang (2026)"), False),
])
def test_labels_from_headers(status, voortgang, labels, derived):
    periods, warnings = from_headers(status, voortgang)
    assert (periods.status, periods.voortgang, periods.derived) == (*labels, derived)
    assert warnings == []


def test_headers_without_a_year_keep_plain_labels_and_say_so():
    periods, warnings = from_headers("Status", "Voortgang?")
    assert (periods.status, periods.voortgang) == ("Status", "Voortgang")
    assert len(warnings) == 1 and "--periodes" in warnings[0]


def test_period_words():
    p = Periods("Status zomer 2024", "Voortgang (2025)")
    assert (p.status_moment, p.voortgang_year, p.years, p.rapport) == ("zomer 2024", "2025", (2024, 2025), "2025")


def test_header_line_split():
    assert split_header_line(" Wat? Wie? Wanneer? Status zomer 2024 Voortgang?") == ("Status zomer 2024", "Voortgang?")
    assert split_header_line("Wat? Wie? Wanneer?") is None


def test_option_overrides_and_must_name_two():
    assert from_option(["Status  juni 2025", "Voortgang (2026)"]) == Periods("Status juni 2025", "Voortgang (2026)")
    with pytest.raises(ValueError):
        from_option(["", "Voortgang (2026)"])


def test_shipped_report_keeps_its_labels():
    result = parse_source()
    assert (result.periods.status, result.periods.voortgang) == ("Status zomer 2024", "Voortgang (2025)")
    assert {(r.rapport, r.status_label, r.voortgang_label) for r in result.rows} == \
        {("2025", "Status zomer 2024", "Voortgang (2025)")}


@pytest.fixture
def next_year_text(tmp_path) -> Path:
    """The shipped text with next year's headers on every page (the content does not matter here)."""
    text = DEFAULT_SOURCE.read_text(encoding="utf-8").replace("Status zomer 2024 Voortgang?",
                                                               "Status zomer 2025 Voortgang?")
    assert text.count("Status zomer 2025") == 1  # the one table header
    path = tmp_path / "rapport-2026.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_next_year_text_gets_next_year_labels(next_year_text):
    result = parse_source(next_year_text)
    assert len(result.rows) == 78 and result.coverage.checked
    assert {(r.rapport, r.status_label, r.voortgang_label) for r in result.rows} == \
        {("2026", "Status zomer 2025", "Voortgang (2026)")}
    assert "Status zomer 2025 " in result.rows[0].text() and "Status zomer 2024" not in result.rows[0].text()


def test_option_and_key_beat_the_headers(next_year_text):
    result = parse_source(next_year_text, periods=Periods("Status juni 2025", "Voortgang (2026)"), rapport="2026b")
    assert {(r.rapport, r.status_label) for r in result.rows} == {("2026b", "Status juni 2025")}


def test_rows_written_before_labels_existed_read_as_the_shipped_report(tmp_path):
    row = parse_source().rows[0]
    old = {k: v for k, v in row.model_dump().items() if k not in ("rapport", "status_label", "voortgang_label")}
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(old, ensure_ascii=False) + "\n", encoding="utf-8")
    back = read_rows_jsonl(path)[0]
    assert (back.rapport, back.status_label, back.voortgang_label) == ("2025", "Status zomer 2024", "Voortgang (2025)")
    assert back.wat == row.wat


def _cli(*args, data_dir: Path, cwd: Path = ROOT):
    env = {"WERKAGENDA_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin", "HOME": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "werkagenda", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_ingest_cli_prints_the_periods_and_adds_a_report(tmp_path, next_year_text):
    data = tmp_path / "data"
    proc = _cli("ingest", str(next_year_text), "--rapport", "2026", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    assert "Rapport 2026; perioden: Status zomer 2025 en Voortgang (2026)" in proc.stdout
    assert "Rapport 2026 toegevoegd (78 acties)" in proc.stdout
    from index import IndexConfig
    from index.reports import registered

    reports = registered(IndexConfig(data_dir=data))
    assert list(reports) == ["2026"] and len(reports["2026"]) == 78
    assert reports["2026"][0].voortgang_label == "Voortgang (2026)"


def test_ingest_cli_refuses_a_bad_key_or_the_source_reports_key(tmp_path, next_year_text):
    data = tmp_path / "data"
    bad = _cli("ingest", str(next_year_text), "--rapport", "../x", data_dir=data)
    assert bad.returncode == 2 and "geen geldige rapportnaam" in bad.stderr
    same = _cli("ingest", str(next_year_text), "--rapport", "2025", data_dir=data)
    assert same.returncode == 2 and "al het bronrapport" in same.stderr
    assert not (data / "rapporten").exists() or not any((data / "rapporten").iterdir())


def test_a_failed_ingest_leaves_the_registered_reports_alone(tmp_path, next_year_text):
    from index import IndexConfig
    from index.reports import add_report, registered

    cfg = IndexConfig(data_dir=tmp_path / "data")
    add_report(cfg, parse_source(next_year_text).rows, "2026")
    empty = tmp_path / "leeg.txt"
    empty.write_text("", encoding="utf-8")
    proc = _cli("ingest", str(empty), "--rapport", "2026", data_dir=cfg.data_dir)
    assert proc.returncode == 1 and "leeg" in proc.stderr
    assert len(registered(cfg)["2026"]) == 78


def test_periodes_option_needs_two_names(tmp_path):
    proc = _cli("ingest", "--periodes", "Status zomer 2025", data_dir=tmp_path)
    assert proc.returncode == 2


def test_jsonl_out_has_the_labels(tmp_path, next_year_text):
    out = tmp_path / "rows.jsonl"
    proc = _cli("ingest", str(next_year_text), "--out", str(out), data_dir=tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["status_label"] == "Status zomer 2025" and first["rapport"] == "2026"


def test_row_label_per_column():
    row = ActionRow(id="1.1-01", prioriteit=1, doelstelling="1.1", wat="x", status_label="Status zomer 2025",
                    voortgang_label="Voortgang (2026)")
    assert [row.label(c) for c in ("wat", "status", "voortgang")] == \
        ["Wat?", "Status zomer 2025", "Voortgang (2026)"]


def test_llm_prompt_and_citation_check_use_the_rows_periods():
    """Next year's rows: the prompt asks for their labels and the check accepts only those."""
    from app.llm import check_citations, rows_context, system_prompt

    row = ActionRow(id="2.3-01", prioriteit=2, doelstelling="2.3", wat="We starten een BBL offensief.",
                    status="Idem.", voortgang="In 2026 is het aandeel licht gestegen.", rapport="2026",
                    status_label="Status zomer 2025", voortgang_label="Voortgang (2026)")
    assert "[Doelstelling X.Y, Voortgang 2026]" in system_prompt(row.periods)
    assert "Status zomer 2025: Idem." in rows_context([row]) and "2024" not in rows_context([row])
    found, problems = check_citations("Het aandeel steeg [Doelstelling 2.3, Voortgang 2026].", [row])
    assert found == [("2.3", "voortgang")] and problems == []
    _, problems = check_citations("Het aandeel steeg [Doelstelling 2.3, Voortgang 2025].", [row])
    assert problems == ["onjuiste bronvermelding [Doelstelling 2.3, Voortgang 2025]"]
