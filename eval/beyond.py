"""Questions beyond one row, conversations and answerability, measured per split and kind.

    werkagenda eval --suite beyond [--split dev|test|all] [--out DIR]

Question files (written by reading the report, never by running the engine):
    eval/{dev,test}/beyond_questions.jsonl         party, meta, topic, compare: complete gold sets
    eval/{dev,test}/stand_questions.jsonl          status categories ("wat is afgerond?")
    eval/{dev,test}/conversations.jsonl            2-4 turns with follow-ups
    eval/{dev,test}/answerability_questions.jsonl  answerable (must_contain) and unanswerable ones
    eval/dev/*_extra.jsonl                         a second development batch, more varied phrasing
    eval/dev/*_fresh.jsonl                         a third batch (62), written before the word-family
                                                   planner; its first run was the out-of-sample signal
    eval/dev/*_seen.jsonl                          the first test split, retired to development after
                                                   five reported runs whose failures were read
    eval/dev/*_fresh2|3|4.jsonl                    three batches written on 2026-12-01 by readers of the
                                                   report only; each one's first run is an out-of-sample signal
    eval/dev/*_seen2.jsonl                         the second test split, retired to development after one
                                                   reported run (2026-12-01)
    eval/dev/*_fresh5.jsonl                        a batch written on 2026-12-01 (second session), before
                                                   that session's engine changes
    eval/dev/*_fresh6|7.jsonl                      two more batches by readers of the report only (fresh7
                                                   on 2026-12-01, third session); each first run out of sample
    eval/dev/*_fresh8.jsonl                        a batch by readers of the report only (fourth session,
                                                   "ordinary questions, no puzzles"); first run out of sample
    eval/dev/*_fresh9.jsonl                        the same, fifth session (2026-12-02), written while that
                                                   session's first engine changes were made, not for them
    eval/dev/*_fresh10.jsonl                       the same, written after the fresh9 changes (topics
                                                   also in everyday words); first run out of sample
    eval/dev/*_fresh11.jsonl                       the same, written after the fresh10 changes
    eval/dev/*_fresh12.jsonl                       the same, written after the fresh11 changes
    eval/dev/*_seen3.jsonl                         the third test split, retired to development on 2026-12-02
                                                   after two reported runs (its failures were never read before)
    eval/dev/*_seen4.jsonl                         the fourth test split, retired to development on 2026-12-02
                                                   (sixth session) after its one reported run
    eval/dev/*_fresh13|14|15.jsonl                 batches by readers of the report only (sixth session);
                                                   each first run out of sample
    eval/dev/*_seen5.jsonl                         the fifth test split, retired to development on 2026-12-02
                                                   (seventh session) after its two reported runs
    eval/dev/*_fresh16|17.jsonl                    batches by readers of the report only (seventh session);
                                                   each first run out of sample
    eval/dev/*_seen6.jsonl                         the sixth test split, retired to development on 2026-12-02
                                                   (eighth session) after its one reported run
    eval/dev/*_fresh18|19.jsonl                    batches by readers of the report only (eighth session;
                                                   fresh19 written after most of its rules); each first run
                                                   out of sample
    eval/dev/*_seen7.jsonl                         the seventh test split, retired to development on 2026-12-02
                                                   (ninth session) after its one reported run
    eval/dev/*_fresh20.jsonl                       a batch by a reader of the report only (ninth session, written
                                                   while its first rules were made); first run out of sample
    eval/dev/*_seen8.jsonl                         the eighth test split, retired to development on 2026-12-02
                                                   (ninth session) after its one reported run (c0cb0b4)
    eval/dev/*_fresh21.jsonl                       a batch by a reader of the report only (tenth session), written
                                                   after the ninth test split's one run; first run out of sample
    eval/dev/*_seen9.jsonl                         the ninth test split, retired to development on 2026-12-03
                                                   (eleventh session) after its one reported run (75be62c)
    eval/dev/*_fresh22.jsonl                       a batch by a reader of the report only (eleventh session),
                                                   written while that session's rules were made; first run out
                                                   of sample
    eval/dev/*_seen10.jsonl                        the tenth test split, retired to development on 2026-12-03
                                                   (twelfth session) after its one reported run (fba9e57)
    eval/dev/*_fresh23.jsonl                       a batch by a reader of the report only (twelfth session), written
                                                   while that session's first rules were made; first run out of sample
    eval/dev/*_seen11.jsonl                        the eleventh test split, retired to development on 2026-12-03
                                                   (thirteenth session) after its one reported run (a863121)
    eval/dev/*_fresh24.jsonl                       a batch by a reader of the report only (thirteenth session),
                                                   written while that session's first rules were made; first run out
                                                   of sample
    eval/dev/*_seen12.jsonl                        the twelfth test split, retired to development on 2026-12-03
                                                   (fourteenth session) after its one reported run (1b17f03)
    eval/dev/*_fresh25.jsonl                       a batch by a reader of the report only (fourteenth session),
                                                   written while that session's first rules were made; first run out
                                                   of sample
    eval/dev/*_seen13.jsonl                        the thirteenth test split, retired to development on 2026-12-03
                                                   (fifteenth session) after its one reported run (afb806d)
    eval/dev/*_fresh26.jsonl                       a batch by a reader of the report only (fifteenth session),
                                                   written while that session's first rules were made; first run out
                                                   of sample
    eval/dev/*_seen14.jsonl                        the fourteenth test split, retired to development on 2026-12-03
                                                   (sixteenth session) after its one reported run (2191634)
    eval/dev/*_fresh27.jsonl                       a batch by a reader of the report only (sixteenth session),
                                                   written while that session's first rules were made; first run out
                                                   of sample
    eval/stand_labels.jsonl                        a hand-given stand for every row

The development split is what the rules were built against; the test split (the fifteenth one, written
on 2026-12-03 in the sixteenth session by readers of the report only, who never ran the engine nor read
its rules, while that session's first rules were drafted from development failures and committed before
any of them) is only run to report.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import metrics as M

EVAL_DIR = Path(__file__).resolve().parent
SPLITS = ("dev", "test")
ANSWERABLE_KINDS = ("who", "when", "figure", "status", "change")
UNANSWERABLE_KINDS = ("unanswerable", "unrelated")
SHORT_KINDS = ("who", "when", "figure")  # the "about 60 words" answers


def load(name: str, split: str) -> list[dict]:
    """NAME, NAME_extra and NAME_fresh (later batches of the same kind) of one split."""
    out = []
    batches = ("extra", "fresh", "seen", "fresh2", "fresh3", "fresh4", "seen2", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "seen3", "seen4", "fresh13", "fresh14", "fresh15", "seen5", "fresh16", "fresh17", "seen6", "fresh18", "fresh19", "seen7", "fresh20", "seen8", "fresh21", "seen9", "fresh22", "seen10", "fresh23", "seen11", "fresh24", "seen12", "fresh25", "seen13", "fresh26", "seen14", "fresh27")
    for path in (EVAL_DIR / split / name,
                 *(EVAL_DIR / split / name.replace(".jsonl", f"_{b}.jsonl") for b in batches)):
        if path.exists():
            out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def stand_labels() -> dict[str, str]:
    path = EVAL_DIR / "stand_labels.jsonl"
    return {d["id"]: d["stand"] for d in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if d}


def _filters(d: dict):
    from index import Filters

    d = d or {}
    prio = d.get("prioriteit")
    return Filters(prioriteit=int(prio) if prio not in (None, "") else None, doelstelling=d.get("doelstelling"),
                   partij=d.get("partij"), stand=d.get("stand"))


# -- one question -----------------------------------------------------------------------------------

def score_list(q: dict, ans) -> dict:
    """party / topic / stand / compare / meta questions: the answer's rows against the gold set."""
    got = [r.id for r in ans.rows] if not ans.abstained else []
    rec: dict[str, Any] = {"id": q["id"], "kind": q["kind"], "question": q["question"], "rows": got,
                           "abstained": ans.abstained, "plan": ans.plan.to_json() if ans.plan else None}
    if q["kind"] != "meta" or q.get("gold_rows"):
        rec.update(M.set_prf(got, q.get("gold_rows", [])))
        rec["missing"] = sorted(set(q.get("gold_rows", [])) - set(got))
        rec["extra"] = sorted(set(got) - set(q.get("gold_rows", [])))
    if q.get("gold_count") is not None:
        rec["count_exact"] = ans.count == q["gold_count"] or (ans.count is None and str(q["gold_count"]) in ans.text)
    if q.get("must_contain"):
        rec["must_contain"] = M.must_contain_recall(M.visible_text(ans.text), q["must_contain"])
    rec["refused"] = bool(ans.abstained)
    return rec


def score_turns(conv: dict, engine) -> list[dict]:
    history, out = [], []
    for n, turn in enumerate(conv["turns"], start=1):
        # A turn may set the chat's dropdown filters, as a user does between two questions.
        ans = engine.answer(turn["question"], history=history, filters=_filters(turn.get("filters")))
        history.append(ans)
        got = [r.id for r in ans.rows] if not ans.abstained else []
        if turn["expect"] == "one":
            right_rows = bool(got) and got[0] in turn["gold_rows"]
        else:
            right_rows = M.set_prf(got, turn["gold_rows"])["f1"] >= 0.85
        mc = M.must_contain_recall(M.visible_text(ans.text), turn.get("must_contain", []))
        out.append({"id": f"{conv['id']}.{n}", "question": turn["question"], "expect": turn["expect"],
                    "rows": got[:10], "gold": turn["gold_rows"], "must_contain": mc,
                    "right": right_rows and mc == 1.0, "plan": ans.plan.to_json() if ans.plan else None})
    return out


def score_answerability(q: dict, ans) -> dict:
    text = M.visible_text(ans.text)
    rec: dict[str, Any] = {"id": q["id"], "kind": q["kind"], "question": q["question"],
                           "abstained": bool(ans.abstained), "rows": [r.id for r in ans.rows][:5],
                           "words": M.word_count(text)}
    if q["kind"] in UNANSWERABLE_KINDS:
        rec["right"] = bool(ans.abstained)
    else:
        rec["must_contain"] = M.must_contain_recall(text, q.get("must_contain", []))
        rec["row_right"] = bool(ans.rows) and ans.rows[0].id in q.get("gold_rows", []) and not ans.abstained
        rec["right"] = not ans.abstained and rec["must_contain"] == 1.0
        rec["has_ellipsis_quote"] = any("(…)" in s.text for s in getattr(ans, "quotes", []))
    return rec


# -- a split ----------------------------------------------------------------------------------------

def run_split(engine, split: str) -> dict:
    from index.stand import AFGEROND  # noqa: F401  (the stand vocabulary the labels use)

    lists = load("beyond_questions.jsonl", split) + load("stand_questions.jsonl", split)
    records = [score_list(q, engine.answer(q["question"], filters=_filters(q.get("filters")))) for q in lists]
    turns = [t for conv in load("conversations.jsonl", split) for t in score_turns(conv, engine)]
    answ = [score_answerability(q, engine.answer(q["question"])) for q in load("answerability_questions.jsonl", split)]
    return {"split": split, "lists": records, "turns": turns, "answerability": answ,
            "summary": summarise(records, turns, answ)}


def _mean(xs):
    xs = [x for x in xs if x is not None]
    return round(sum(xs) / len(xs), 3) if xs else None


def summarise(records: list[dict], turns: list[dict], answ: list[dict]) -> dict:
    per_kind: dict[str, dict] = {}
    by_kind = defaultdict(list)
    for r in records:
        by_kind[r["kind"]].append(r)
    for kind, rs in sorted(by_kind.items()):
        per_kind[kind] = {
            "n": len(rs),
            "precision": _mean(r.get("precision") for r in rs),
            "recall": _mean(r.get("recall") for r in rs),
            "f1": _mean(r.get("f1") for r in rs),
            "counts_exact": f"{sum(bool(r['count_exact']) for r in rs if 'count_exact' in r)}/"
                            f"{sum('count_exact' in r for r in rs)}",
            "must_contain": _mean(r.get("must_contain") for r in rs),
            "refusals": sum(r["refused"] for r in rs),
        }
    answerable = [a for a in answ if a["kind"] in ANSWERABLE_KINDS]
    unanswerable = [a for a in answ if a["kind"] in UNANSWERABLE_KINDS]
    per_answ_kind = {}
    for kind in (*ANSWERABLE_KINDS, *UNANSWERABLE_KINDS):
        rs = [a for a in answ if a["kind"] == kind]
        if not rs:
            continue
        words = [a["words"] for a in rs]
        per_answ_kind[kind] = {
            "n": len(rs), "right": sum(a["right"] for a in rs),
            "must_contain": _mean(a.get("must_contain") for a in rs),
            "refused": sum(a["abstained"] for a in rs),
            "words_median": statistics.median(words), "words_p90": M.percentile(words, 90),
        }
    short_words = [a["words"] for a in answerable if a["kind"] in SHORT_KINDS]
    return {
        "lists": per_kind,
        "list_refusals_of_answerable": sum(r["refused"] for r in records),
        "turns": {"n": len(turns), "right": sum(t["right"] for t in turns),
                  "share": round(sum(t["right"] for t in turns) / len(turns), 3) if turns else None},
        "answerability": per_answ_kind,
        "answerable_must_contain": _mean(a.get("must_contain") for a in answerable),
        "answerable_refused": sum(a["abstained"] for a in answerable),
        "unanswerable_refused_share": round(sum(a["abstained"] for a in unanswerable) / len(unanswerable), 3)
        if unanswerable else None,
        "short_answer_words_median": statistics.median(short_words) if short_words else None,
        "ellipsis_in_quotes": sum(a.get("has_ellipsis_quote", False) for a in answerable),
    }


def stand_agreement(index) -> dict:
    """The stand rules (index/stand.py) against the hand labels of all rows."""
    labels = stand_labels()
    derived = dict(getattr(index, "stands", {}))
    same = [rid for rid in labels if derived.get(rid) == labels[rid]]
    confusion = defaultdict(int)
    for rid, lab in labels.items():
        confusion[(lab, derived.get(rid))] += 1
    return {"n": len(labels), "agree": len(same), "share": round(len(same) / len(labels), 3) if labels else None,
            "disagreements": sorted((rid, labels[rid], derived.get(rid)) for rid in labels if rid not in same),
            "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())}}


def report_md(results: dict[str, dict], agreement: dict) -> str:
    lines = ["# Questions beyond one row, conversations and answerability", ""]
    lines.append(f"Stand rules vs hand labels: {agreement['agree']}/{agreement['n']} rows agree "
                 f"({agreement['share']}).")
    for rid, lab, got in agreement["disagreements"]:
        lines.append(f"- {rid}: hand '{lab}', rules '{got}'")
    for split, res in results.items():
        s = res["summary"]
        lines += ["", f"## Split: {split}", "", "| kind | n | precision | recall | F1 | counts exact | must_contain | refusals |",
                  "|---|---|---|---|---|---|---|---|"]
        for kind, k in s["lists"].items():
            lines.append(f"| {kind} | {k['n']} | {k['precision']} | {k['recall']} | {k['f1']} | {k['counts_exact']} | "
                         f"{k['must_contain']} | {k['refusals']} |")
        t = s["turns"]
        lines += ["", f"Conversation turns right: {t['right']}/{t['n']} ({t['share']})", "",
                  "| kind | n | right | must_contain | refused | words median | words p90 |", "|---|---|---|---|---|---|---|"]
        for kind, k in s["answerability"].items():
            lines.append(f"| {kind} | {k['n']} | {k['right']} | {k['must_contain']} | {k['refused']} | "
                         f"{k['words_median']} | {k['words_p90']} |")
        lines += ["", f"Answerable questions refused: {s['answerable_refused']}; list questions refused: "
                      f"{s['list_refusals_of_answerable']}; unanswerable refused: {s['unanswerable_refused_share']}; "
                      f"median words (who/when/figure): {s['short_answer_words_median']}; quotes with '(…)': "
                      f"{s['ellipsis_in_quotes']}", "", "### Failures", ""]
        for r in res["lists"]:
            bad = r.get("f1", 1.0) < 1.0 or r.get("count_exact") is False or r.get("must_contain", 1.0) < 1.0
            if bad:
                lines.append(f"- {r['id']} ({r['kind']}) {r['question']!r}: F1 {r.get('f1')}, missing "
                             f"{r.get('missing')}, extra {r.get('extra')}, count {r.get('count_exact')}, plan {r['plan']}")
        for t in res["turns"]:
            if not t["right"]:
                lines.append(f"- turn {t['id']} {t['question']!r}: rows {t['rows']}, gold {t['gold']}, "
                             f"must_contain {t['must_contain']}")
        for a in res["answerability"]:
            if not a["right"]:
                lines.append(f"- {a['id']} ({a['kind']}) {a['question']!r}: abstained {a['abstained']}, rows "
                             f"{a['rows']}, must_contain {a.get('must_contain')}")
    return "\n".join(lines) + "\n"


def chart_values(s: dict, kinds: list[str]) -> list[float]:
    """One split's bars: F1 per list kind (meta: the share of counts exact, as meta questions mostly
    have no rows to score), turns right, must_contain, unanswerable refused, answerable refused."""
    lists = s["lists"]
    answerable = sum(k["n"] for kind, k in s["answerability"].items() if kind in ANSWERABLE_KINDS)
    per_kind = [((M.fraction(lists[k].get("counts_exact")) if k == "meta" else lists[k].get("f1")) or 0.0)
                if k in lists else 0.0 for k in kinds]
    return per_kind + [s["turns"]["share"] or 0.0, s["answerable_must_contain"] or 0.0,
                       s["unanswerable_refused_share"] or 0.0,
                       (s["answerable_refused"] / answerable) if answerable else 0.0]


def write_chart(results: dict[str, dict], path: Path) -> Path:
    """Per kind and split: list F1, conversation turns right, refusals right and wrong."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    kinds: list[str] = []
    for res in results.values():
        for kind in res["summary"]["lists"]:
            if kind not in kinds:
                kinds.append(kind)
    labels = [f"F1 {k}" if k != "meta" else "meta: counts exact" for k in kinds]
    labels += ["turns right", "must_contain", "unanswerable refused", "answerable refused"]

    fig, ax = plt.subplots(figsize=(12, 4.6))
    x = np.arange(len(labels))
    width = 0.8 / max(1, len(results))
    for i, (split, res) in enumerate(results.items()):
        vals = chart_values(res["summary"], kinds)
        bars = ax.bar(x + (i - (len(results) - 1) / 2) * width, vals, width, label=f"{split} split")
        for rect, val in zip(bars, vals):
            ax.annotate(f"{val:.2f}", (rect.get_x() + rect.get_width() / 2, rect.get_height()), ha="center",
                        va="bottom", fontsize=7, xytext=(0, 1), textcoords="offset points")
    ax.set_xticks(x, labels, rotation=20, ha="right")
    ax.set_ylim(0, 1.15)
    ax.set_title("Beyond one row: lists (F1 per kind), conversations, answerability")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def run(engine, splits=SPLITS, out: Path | None = None) -> dict:
    results = {split: run_split(engine, split) for split in splits}
    agreement = stand_agreement(engine.index)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "beyond_summary.json").write_text(json.dumps(
            {"stand_agreement": agreement, **{s: r["summary"] for s, r in results.items()}},
            ensure_ascii=False, indent=2), encoding="utf-8")
        with open(out / "beyond_results.jsonl", "w", encoding="utf-8") as fh:
            for split, res in results.items():
                for part in ("lists", "turns", "answerability"):
                    for rec in res[part]:
                        fh.write(json.dumps({"split": split, "part": part, **rec}, ensure_ascii=False) + "\n")
        (out / "beyond_report.md").write_text(report_md(results, agreement), encoding="utf-8")
        write_chart(results, out / "beyond_chart.png")
    return {"stand_agreement": agreement, "results": results}
