"""Retrieval quality gate on the real document with our own Dutch questions.

Questions and their expected rows are in eval/data/retrieval_questions.jsonl (expected row = the
row whose Wat? contains a given substring, never an id); out-of-scope questions in
eval/data/retrieval_out_of_scope.jsonl. `werkagenda eval --suite retrieval` prints every variant.
"""

from __future__ import annotations

import pytest

from index import Filters, IndexConfig, mentioned_doelstelling, mentioned_party, open_index
from eval.retrieval import expected_positions, load_out_of_scope, load_questions, metrics
from ingest import load_rows

QUESTIONS = load_questions()
OUT_OF_SCOPE = load_out_of_scope()


@pytest.fixture(scope="module")
def rows():
    return load_rows()


@pytest.fixture(scope="module")
def idx(tmp_path_factory, rows):
    # Same directory as test_index.py: whichever module runs second reuses the index.
    cfg = IndexConfig(data_dir=tmp_path_factory.getbasetemp() / "index-shared", embedding="use")
    return open_index(cfg, rows=rows)


def test_question_set_is_big_enough():
    assert len(QUESTIONS) >= 40 and len(OUT_OF_SCOPE) >= 15
    assert {"keyword", "paraphrase", "typo"} <= {q.kind for q in QUESTIONS}


def test_every_expected_row_exists(rows):
    """A failure here is a parser change (a Wat? cell lost its text), not a retrieval problem."""
    missing = [q.expect_wat for q in QUESTIONS if not expected_positions(rows, q)]
    assert not missing, f"no row's Wat? contains: {missing}"


def _ranked(idx, rows, mode):
    position = {r.id: i for i, r in enumerate(rows)}
    for q in QUESTIONS:
        hits = idx.search(q.question, k=10, mode=mode).hits
        yield q, [position[h.row.id] for h in hits], expected_positions(rows, q)


def test_quality_gate_hit_at_3(idx, rows):
    m = metrics(_ranked(idx, rows, "hybrid"))
    print(f"\n{m.line('hybrid (default)')}")
    assert m.hit3 >= 0.9, f"Hit@3 {m.hit3:.3f}; missed: {m.misses}"


def test_hybrid_beats_bm25_alone(idx, rows):
    """The fusion must earn its keep: a weak dense retriever fused naively can make BM25 worse."""
    hybrid = metrics(_ranked(idx, rows, "hybrid"))
    bm25 = metrics(_ranked(idx, rows, "bm25"))
    print(f"\n{hybrid.line('hybrid')}\n{bm25.line('bm25')}")
    assert hybrid.mrr >= bm25.mrr and hybrid.hit3 >= bm25.hit3


def test_confident_separates_in_scope_from_out_of_scope(idx):
    in_scope = sum(idx.search(q.question).confident for q in QUESTIONS) / len(QUESTIONS)
    outside = sum(idx.search(q).confident for q in OUT_OF_SCOPE) / len(OUT_OF_SCOPE)
    print(f"\nconfident: in scope {in_scope:.3f}, out of scope {outside:.3f}")
    assert in_scope >= 0.9
    assert outside <= 0.2


def test_which_actions_concern_job_returns_all_of_them(idx, rows):
    question = "welke acties betreffen JOB?"
    party = mentioned_party(question)
    got = idx.filter_rows(Filters(partij=party))
    assert [r.id for r in got] == [r.id for r in rows if "JOB" in r.partijen]
    assert len(got) > 5  # a top-5 search could never answer this


def test_doelstelling_question_uses_direct_lookup(idx, rows):
    d = mentioned_doelstelling("wat zijn de acties onder doelstelling 2.3?")
    assert d == "2.3"
    assert idx.lookup_doelstelling(d) == [r for r in rows if r.doelstelling == "2.3"]


def test_confidence_on_blind_calibration_questions(idx):
    """Regression guard for the 'dit staat niet in de rapportage' signal on questions written
    blind to every other set (50 answerable, 50 not). Measured: 88% / 36% (see confidence.py)."""
    import json
    from pathlib import Path

    from eval.retrieval import CALIBRATION_FILE as path
    qs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    inside = [idx.search(q["question"], k=5).confident for q in qs if q["in_scope"]]
    outside = [idx.search(q["question"], k=5).confident for q in qs if not q["in_scope"]]
    assert len(inside) == 50 and len(outside) == 49  # one twin of an evaluation question left out
    assert sum(inside) / len(inside) >= 0.85
    assert sum(outside) / len(outside) <= 0.40
