"""The evaluation: metric functions on hand-made cases, `werkagenda eval` end to end on a subset,
and the quality gate of the shipped default on the full question set (fixed thresholds on a
deterministic run; no timings are asserted anywhere)."""

from __future__ import annotations

import json

import pytest

from eval import metrics as M
from eval.run import DEFAULT_VARIANTS, QUESTIONS_FILE, VARIANTS, AnchorResolver, Gold, Observation, gold_for, \
    load_questions, run_eval, score
from ingest import ActionRow

# -- ranking metrics --------------------------------------------------------------------------------


def test_known_ranking_gives_known_hit_and_mrr():
    ranked = ["1.1-01", "2.3-04", "2.3-01", "3.1-02"]
    relevant = {"2.3-01"}
    assert M.first_relevant_rank(ranked, relevant) == 3
    assert M.hit_at_k(ranked, relevant, 1) == 0.0
    assert M.hit_at_k(ranked, relevant, 2) == 0.0
    assert M.hit_at_k(ranked, relevant, 3) == 1.0
    assert M.reciprocal_rank(ranked, relevant) == pytest.approx(1 / 3)
    # Several relevant rows: the first one found counts.
    assert M.reciprocal_rank(ranked, {"3.1-02", "2.3-04"}) == pytest.approx(1 / 2)
    # Not retrieved at all, or nothing retrieved.
    assert M.hit_at_k(ranked, {"1.5-01"}, 3) == 0.0
    assert M.reciprocal_rank(ranked, {"1.5-01"}) == 0.0
    assert M.reciprocal_rank([], relevant) == 0.0
    with pytest.raises(ValueError):
        M.hit_at_k(ranked, relevant, 0)


def test_mean_mrr_over_a_small_set():
    cases = [(["a", "b"], {"a"}), (["a", "b"], {"b"}), (["a", "b"], {"c"}), (["x", "y", "z", "c"], {"c"})]
    assert M.mean(M.reciprocal_rank(r, rel) for r, rel in cases) == pytest.approx((1 + 0.5 + 0 + 0.25) / 4)
    assert M.mean(M.hit_at_k(r, rel, 3) for r, rel in cases) == pytest.approx(0.5)


def test_chunks_share_one_rank():
    # The naive baseline ranks chunks; a chunk holding several rows is one rank.
    ranked = [frozenset({"1.1-01", "1.1-02"}), frozenset(), frozenset({"2.3-01"})]
    assert M.hit_at_k(ranked, {"1.1-02"}, 1) == 1.0
    assert M.first_relevant_rank(ranked, {"2.3-01"}) == 3
    assert M.reciprocal_rank(ranked, {"9.9-99"}) == 0.0


def test_list_recall():
    ranked = ["a", "b", "c", "d"]
    assert M.recall(ranked, ["a", "c", "e"]) == pytest.approx(2 / 3)
    assert M.recall(ranked, ["a", "c", "e"], k=1) == pytest.approx(1 / 3)
    # A group is one answering row whose anchor matched several row ids: one hit covers it.
    assert M.recall(ranked, [{"x", "b"}, {"y"}]) == pytest.approx(1 / 2)
    assert M.recall([], ["a"]) == 0.0
    assert M.recall(ranked, []) == 1.0


# -- answer metrics ---------------------------------------------------------------------------------


def test_citation_and_period():
    assert M.citation_correct(["2.3", "1.1"], ["2.3"])
    assert not M.citation_correct(["1.1", "2.3"], ["2.3"])
    assert not M.citation_correct([], ["2.3"])
    assert M.citation_precision(["2.3", "1.1", "2.3"], ["2.3"]) == pytest.approx(0.5)
    assert M.period_correct(["voortgang", "status"], "both")
    assert not M.period_correct(["voortgang"], "both")
    assert M.period_correct(["voortgang"], "voortgang")
    assert not M.period_correct(["status"], "voortgang")
    assert M.period_correct([], "none")
    with pytest.raises(ValueError):
        M.period_correct([], "later")


def test_must_contain_is_exact_after_whitespace_normalisation():
    text = "Op 4 juli is de Kamer\n  geïnformeerd; 5 actielijnen en 61% van de mbo-scholen"
    assert M.must_contain_recall(text, ["4 juli", "5  actielijnen"]) == 1.0
    assert M.must_contain_recall(text, ["4 juli", "4 augustus"]) == 0.5
    assert M.must_contain_recall(text, ["4 Juli"]) == 0.0  # exact: case matters
    # A word the source broke at a hyphen ("mbo- scholen") still matches the joined word.
    assert M.contains(text, "mbo- scholen")
    assert M.must_contain_recall(text, []) == 1.0
    # The engine escapes HTML; what the reader sees is what is matched.
    assert M.contains(M.visible_text("OCW &amp; SBB"), "OCW & SBB")


def test_abstention_precision_and_recall_on_a_tiny_set():
    # (out_of_scope, abstained)
    cases = [(True, True), (True, True), (True, False), (False, True), (False, False), (False, False)]
    s = M.abstention_scores(cases)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["false_abstentions"] == 1
    assert s["missed_out_of_scope"] == 1
    none = M.abstention_scores([(False, False), (True, False)])
    assert none["precision"] is None and none["recall"] == 0.0


def test_percentiles():
    xs = list(range(1, 11))
    assert M.percentile(xs, 50) == pytest.approx(5.5)
    assert M.percentile(xs, 95) == pytest.approx(9.55)
    assert M.percentile([7.0], 95) == 7.0
    assert M.percentile([], 50) is None


# -- scoring one question ---------------------------------------------------------------------------


def _row(id_: str, wat: str) -> ActionRow:
    return ActionRow(id=id_, prioriteit=1, doelstelling=id_[:3], wat=wat)


def test_anchor_resolution_and_one_scored_question():
    rows = [_row("2.3-01", "We starten een BBL offensief. We streven er naar dat mbo- scholen meedoen."),
            _row("1.1-01", "Het mbo vormt met het hbo en wo een brede waaier.")]
    resolver = AnchorResolver(rows)
    q = {"id": "q1", "question": "bbl?", "kind": "status", "doelstelling": ["2.3"],
         "row_anchor": ["We starten een BBL offensief.", "dat mbo-scholen meedoen"], "period": "both",
         "must_contain": ["5 actielijnen"]}
    gold = gold_for(q, resolver)
    assert gold.groups == [frozenset({"2.3-01"}), frozenset({"2.3-01"})] and not gold.unresolved

    good = Observation(["2.3-01", "1.1-01"], 3.0, abstained=False, answer_text="... 5 actielijnen ...",
                       cited_doelstellingen=["2.3"], cited_periods=["voortgang", "status"])
    rec = score(q, gold, good)
    assert (rec["hit1"], rec["rr"], rec["citation_correct"], rec["period_correct"]) == (1.0, 1.0, True, True)
    assert not rec["failed"]

    abstained = Observation([], 3.0, abstained=True, answer_text="Dit staat niet in de voortgangsrapportage.",
                            cited_doelstellingen=[], cited_periods=[], extra={"rows_shown": ["2.3-01"]})
    rec = score(q, gold, abstained)
    assert rec["hit3"] == 0.0 and rec["failed"]
    assert len(rec["reasons"]) == 1 and rec["reasons"][0].startswith("false abstention")

    oos = {**q, "kind": "out_of_scope", "doelstelling": [], "row_anchor": [], "period": "none", "must_contain": []}
    rec = score(oos, Gold([], []), good)
    assert rec["reasons"] == ["answered an out-of-scope question"]
    assert "hit1" not in rec


def test_every_anchor_of_the_question_set_resolves_to_a_row():
    from ingest import load_rows

    resolver = AnchorResolver(load_rows())
    unresolved = [(q["id"], a) for q in load_questions() for a in q["row_anchor"] if not resolver.resolve(a)]
    assert unresolved == []


# -- end to end -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cfg(data_dir, monkeypatch_module):
    from index import IndexConfig

    # The shipped default is the extractive engine: no user-run LLM in the measurement.
    monkeypatch_module.delenv("WERKAGENDA_LLM_URL", raising=False)
    return IndexConfig.from_env({"WERKAGENDA_DATA_DIR": str(data_dir)})


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.mark.slow
def test_eval_end_to_end_on_a_subset(cfg, tmp_path):
    out = tmp_path / "eval-out"
    summary = run_eval(QUESTIONS_FILE, out, variants=["default", "bm25", "naive-baseline"], limit=8, cfg=cfg,
                       progress=False)
    for name in ("summary.json", "results.jsonl", "report.md", "chart.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    on_disk = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert list(on_disk["variants"]) == ["default", "bm25", "naive-baseline"]
    for name, v in on_disk["variants"].items():
        assert "error" not in v, v.get("error")
        o = v["overall"]
        assert o["n"] == 8
        assert all(0.0 <= o[k] <= 1.0 for k in ("hit1", "hit3", "mrr"))
        assert o["hit1"] <= o["hit3"]
        assert o["latency_p50_ms"] is not None
    assert on_disk["variants"]["naive-baseline"]["overall"]["citation_accuracy"] is None
    records = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3 * 8
    assert all(isinstance(r["reasons"], list) and r["failed"] == bool(r["reasons"]) for r in records)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| Variant | Hit@1 | Hit@3 | MRR |" in report and "## Failures" in report
    assert summary["variants"]["default"]["overall"] == on_disk["variants"]["default"]["overall"]


def test_cli_rejects_an_unknown_variant(capsys):
    from werkagenda import main

    assert main(["eval", "--suite", "single", "--variants", "default,nonsense", "--limit", "1", "--quiet"]) == 2
    assert "nonsense" in capsys.readouterr().err


def test_default_variants_are_registered():
    assert set(DEFAULT_VARIANTS) <= set(VARIANTS)
    assert DEFAULT_VARIANTS[0] == "default" and "naive-baseline" in DEFAULT_VARIANTS


# -- the quality gate -------------------------------------------------------------------------------

HIT3_GATE = 0.9


@pytest.fixture(scope="module")
def default_run(cfg):
    return run_eval(QUESTIONS_FILE, None, variants=["default"], cfg=cfg, progress=False, write=False)


@pytest.mark.slow
def test_quality_gate_hit_at_3(default_run):
    o = default_run["variants"]["default"]["overall"]
    misses = [f"{r['id']} ({r['kind']}): {r['question']} -> {'; '.join(r['reasons'])}"
              for r in default_run["records"] if r.get("hit3") == 0.0]
    assert o["hit3"] >= HIT3_GATE, f"Hit@3 {o['hit3']:.3f} < {HIT3_GATE}:\n" + "\n".join(misses)


# The abstention signal is calibrated on the index's own question fixtures, never on this set; on
# this held-out set it still refuses one loosely worded status question (q010, measured, see the
# README). The gate allows at most 5% of status questions to be refused, so that any regression
# beyond the known miss turns it red.
STATUS_ABSTENTION_GATE = 0.05


@pytest.mark.slow
def test_quality_gate_few_false_abstentions_on_status_questions(default_run):
    status = [r for r in default_run["records"] if r["kind"] == "status"]
    bad = [f"{r['id']}: {r['question']}" for r in status if r["abstained"]]
    assert len(bad) <= STATUS_ABSTENTION_GATE * len(status), "abstained on status questions:\n" + "\n".join(bad)


@pytest.mark.slow
def test_default_run_is_deterministic(cfg, default_run):
    again = run_eval(QUESTIONS_FILE, None, variants=["default"], limit=20, cfg=cfg, progress=False, write=False)
    first = {r["id"]: (r["ranked"], r.get("answer"), r["abstained"]) for r in default_run["records"]}
    for r in again["records"]:
        assert (r["ranked"], r.get("answer"), r["abstained"]) == first[r["id"]], r["id"]
