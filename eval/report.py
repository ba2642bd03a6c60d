"""Write the evaluation's outputs: summary.json, results.jsonl, report.md and chart.png."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

DEFINITIONS = """\
- **Hit@1 / Hit@3 / MRR**: over in-scope questions. A row is right when its *Wat* contains one of the
  question's anchors (whitespace-normalised). Engine variants are ranked by the rows their answer
  presents (`Answer.rows`, best first); an abstention presents none, so it counts as a miss. The naive
  baseline has no rows: each retrieved chunk counts as one rank and is credited with every row whose
  anchor it holds (a 512-token chunk holds several rows, which favours the baseline).
- **List recall**: `list` questions; share of the answering rows present in the answer (engine:
  all `Answer.rows`; baseline: the rows in its answer chunks).
- **Citation acc.**: the answer's first cited doelstelling is one of the question's doelstellingen.
  **Period**: the periods the citations carry cover the question's period (`both` needs Status zomer
  2024 and Voortgang (2025); `none` needs nothing). Both n/a for the baseline (no rows, no labels).
- **must_contain**: share of the question's must_contain strings found in the answer text (exact,
  whitespace-normalised, HTML entities unescaped). **All found**: share of questions with every one.
- **Abstention P/R**: precision and recall of "staat niet in de rapportage" on `out_of_scope`
  questions (`search-*` variants: `SearchResult.confident` is False). **False abst.**: abstentions on in-scope questions (in brackets: on `status` questions).
- **Latency**: wall-clock per question, measured around the call from outside, warm (one unscored
  question first), in this process. **Answer chars**: mean length of the answer text.
"""


def _f(x: Any, digits: int = 3) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    return f"{x:.{digits}f}"


def _ms(x: Any) -> str:
    return "n/a" if x is None else (f"{x:.1f}" if x < 100 else f"{x:.0f}")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _ok(summary: dict) -> list[tuple[str, dict]]:
    return [(n, v) for n, v in summary["variants"].items() if "overall" in v]


def _fa(o: dict) -> str:
    if o.get("false_abstentions") is None:
        return "n/a"
    return f"{o['false_abstentions']} ({o['false_abstentions_status']})"


def summary_table(summary: dict) -> str:
    """The headline table: one line per variant (also what the CLI prints)."""
    header = ["Variant", "Hit@1", "Hit@3", "MRR", "List recall", "Citation acc.", "Period", "must_contain",
              "Abst. P", "Abst. R", "False abst. (status)", "p50 ms", "p95 ms", "Answer chars"]
    rows = []
    for name, v in summary["variants"].items():
        if "overall" not in v:
            rows.append([f"`{name}`", "error: " + v.get("error", "?")] + [""] * (len(header) - 2))
            continue
        o = v["overall"]
        rows.append([f"`{name}`", _f(o["hit1"]), _f(o["hit3"]), _f(o["mrr"]), _f(o["list_recall"]),
                     _f(o["citation_accuracy"]), _f(o["period_correctness"]), _f(o["must_contain_recall"]),
                     _f(o["abstention_precision"]), _f(o["abstention_recall"]), _fa(o),
                     _ms(o["latency_p50_ms"]), _ms(o["latency_p95_ms"]), _f(o["answer_chars_mean"], 0)])
    return _table(header, rows)


def kind_table(entry: dict) -> str:
    header = ["Kind", "n", "Hit@1", "Hit@3", "MRR", "List recall", "Citation acc.", "Period", "must_contain",
              "All found", "Abst. R", "False abst.", "p50 ms", "Failures"]
    rows = []
    for kind, o in list(entry["by_kind"].items()) + [("**all**", entry["overall"])]:
        rows.append([kind, o["n"], _f(o["hit1"]), _f(o["hit3"]), _f(o["mrr"]), _f(o["list_recall"]),
                     _f(o["citation_accuracy"]), _f(o["period_correctness"]), _f(o["must_contain_recall"]),
                     _f(o["must_contain_all"]), _f(o["abstention_recall"]),
                     "n/a" if o["false_abstentions"] is None else o["false_abstentions"],
                     _ms(o["latency_p50_ms"]), o["failures"]])
    return _table(header, rows)


def failure_table(records: Sequence[dict]) -> str:
    rows = [[r["id"], r["kind"], r["question"], "; ".join(r["reasons"])] for r in records if r["failed"]]
    if not rows:
        return "_No failures._"
    return _table(["Id", "Kind", "Question", "Why"], rows)


def render_report(summary: dict, records: Sequence[dict]) -> str:
    run = summary["run"]
    out = [
        "# Evaluation: Werkagenda mbo assistant",
        "",
        f"{run['n_questions']} questions from `{Path(run['questions_file']).name}`; source "
        f"`{Path(run['source']).name if run['source'] != 'ingest.DEFAULT_SOURCE' else 'data/werkagenda-mbo-voortgang.txt'}`; "
        f"shipped embedding `{run['embedding']}`; {run['machine']}, Python {run['python']}, "
        f"llama-index-core {run['llama_index_core']}; run {run['started']}.",
        "",
        "Reproduce: `werkagenda eval` (or `python -m eval.run --out DIR`).",
        "",
        "## Results per variant",
        "",
        summary_table(summary),
        "",
        "![Hit@1, Hit@3 and MRR per variant](chart.png)",
        "",
        "Variants:",
        "",
    ]
    for name, v in summary["variants"].items():
        extra = ""
        if "overall" in v:
            extra = f" Answer modes seen: {', '.join(v.get('modes') or ['?'])}; load {v['load_seconds']:.1f} s."
            if v["overall"]["answer_chars_mean"] is not None:
                extra += f" Mean answer length {v['overall']['answer_chars_mean']:.0f} characters."
        else:
            extra = f" **Not run**: {v.get('error')}"
        out.append(f"- `{name}`: {v['description']}.{extra}")
    out += ["", "### Definitions", "", DEFINITIONS, "## Per question kind", ""]
    for name, v in _ok(summary):
        out += [f"### `{name}`", "", kind_table(v), ""]
    out += ["## Failures", ""]
    for name, v in _ok(summary):
        mine = [r for r in records if r["variant"] == name]
        failed = [r for r in mine if r["failed"]]
        out.append(f"### `{name}`: {len(failed)} of {len(mine)} questions")
        out.append("")
        if name == "default":
            out.append(failure_table(mine))
        else:
            out += ["<details><summary>show</summary>", "", failure_table(mine), "", "</details>"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_chart(summary: dict, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    variants = _ok(summary)
    names = [n for n, _ in variants]
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [1, 1]})

    def bars(ax, keys, labels, title):
        x = np.arange(len(names))
        width = 0.8 / len(keys)
        for i, (key, label) in enumerate(zip(keys, labels)):
            vals = [v["overall"].get(key) for _, v in variants]
            heights = [0 if val is None else val for val in vals]
            b = ax.bar(x + (i - (len(keys) - 1) / 2) * width, heights, width, label=label)
            for rect, val in zip(b, vals):
                ax.annotate("n/a" if val is None else f"{val:.2f}", (rect.get_x() + rect.get_width() / 2,
                            rect.get_height()), ha="center", va="bottom", fontsize=7, xytext=(0, 1),
                            textcoords="offset points")
        ax.set_xticks(x, names, rotation=15, ha="right")
        ax.set_ylim(0, 1.28)
        ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        ax.set_title(title)
        ax.legend(fontsize=8, loc="upper center", ncol=len(keys), frameon=False)
        ax.grid(axis="y", alpha=0.3)

    bars(axes[0], ["hit1", "hit3", "mrr"], ["Hit@1", "Hit@3", "MRR"], "Retrieval (row level)")
    bars(axes[1], ["citation_accuracy", "period_correctness", "must_contain_recall", "abstention_recall"],
         ["Citation acc.", "Period", "must_contain", "Abstention R"], "Answers")
    fig.suptitle(f"Werkagenda eval, {summary['run']['n_questions']} questions")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_outputs(summary: dict, records: Sequence[dict], out_dir: Path) -> dict[str, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "summary": out_dir / "summary.json",
        "results": out_dir / "results.jsonl",
        "report": out_dir / "report.md",
        "chart": out_dir / "chart.png",
    }
    paths["summary"].write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    with open(paths["results"], "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    paths["report"].write_text(render_report(summary, records), encoding="utf-8")
    write_chart(summary, paths["chart"])
    return paths
