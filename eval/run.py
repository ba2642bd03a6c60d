"""Evaluate the answer engine from the outside, side by side with its variants and a naive baseline.

    werkagenda eval [--questions FILE] [--out DIR] [--variants a,b,...] [--limit N]
    python -m eval.run ...            (the same, through werkagenda.py's parser)

Writes DIR/summary.json, DIR/results.jsonl, DIR/report.md and DIR/chart.png; progress goes to
stderr. The engine is a black box: only its Answer (text, citations, rows, abstained) is scored.

Gold rows: a row is right for a question when its Wat contains one of the question's anchors
(eval/metrics.contains: whitespace-normalised, with a whitespace-free fallback).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import metrics as M

EVAL_DIR = Path(__file__).resolve().parent
REPO_ROOT = EVAL_DIR.parent
QUESTIONS_FILE = EVAL_DIR / "questions.jsonl"
DEFAULT_OUT = REPO_ROOT / "var" / "eval"
KINDS = ("status", "who", "when", "change", "list", "fact", "out_of_scope")
SEARCH_K = 8  # what the engine itself asks the index for
WARM_UP_QUESTION = "wat is de stand van zaken?"  # asked once per variant before timing, not scored


# -- questions and gold rows ------------------------------------------------------------------------

def load_questions(path: str | os.PathLike = QUESTIONS_FILE, limit: int | None = None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            q = json.loads(line)
            missing = {"id", "question", "kind", "doelstelling", "row_anchor", "period", "must_contain"} - set(q)
            if missing:
                raise ValueError(f"{path}:{n}: question lacks {sorted(missing)}")
            out.append(q)
    return out[:limit] if limit else out


class AnchorResolver:
    """Anchor text -> ids of the rows whose Wat contains it."""

    def __init__(self, rows: Sequence) -> None:
        self.rows = list(rows)
        self._cache: dict[str, frozenset[str]] = {}

    def resolve(self, anchor: str) -> frozenset[str]:
        if anchor not in self._cache:
            self._cache[anchor] = frozenset(r.id for r in self.rows if M.contains(r.wat, anchor))
        return self._cache[anchor]


@dataclass
class Gold:
    groups: list[frozenset[str]]  # one per anchor (answering row): the rows it matched
    unresolved: list[str]  # anchors that match no row (a parser or question-set problem)

    @property
    def relevant(self) -> set[str]:
        return set().union(*self.groups) if self.groups else set()


def gold_for(q: dict, resolver: AnchorResolver) -> Gold:
    groups, unresolved = [], []
    for anchor in q["row_anchor"]:
        ids = resolver.resolve(anchor)
        if ids:
            groups.append(ids)
        else:
            unresolved.append(anchor)
    return Gold(groups, unresolved)


class ChunkRows:
    """Maps a text chunk of the naive baseline to the rows whose anchors it contains.

    The anchors are all anchors of the question set (each resolved to its rows), so a chunk is
    credited with every answering row whose anchor line it holds, whichever question asks."""

    def __init__(self, questions: Iterable[dict], resolver: AnchorResolver) -> None:
        self.anchors: dict[str, frozenset[str]] = {}
        for q in questions:
            for a in q["row_anchor"]:
                ids = resolver.resolve(a)
                if ids:
                    self.anchors[a] = ids

    def rows_in(self, text: str) -> frozenset[str]:
        out: set[str] = set()
        for anchor, ids in self.anchors.items():
            if M.contains(text, anchor):
                out |= ids
        return frozenset(out)


# -- observations: what a variant gives back for one question ---------------------------------------

@dataclass
class Observation:
    ranked: list  # row ids, best first; for the baseline: one frozenset of row ids per chunk
    latency_ms: float
    abstained: bool | None = None  # None: the variant has no notion of abstaining
    answer_text: str | None = None  # None: retrieval only
    cited_doelstellingen: list[str] | None = None  # None: the variant cannot cite
    cited_periods: list[str] | None = None
    answer_rows: list | None = None  # what list recall is measured on (default: ranked)
    mode: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class VariantSpec:
    name: str
    kind: str  # "engine" | "search" | "baseline"
    description: str
    retrieval_mode: str | None = None  # engine / search: "hybrid" | "bm25" | "dense"
    embedding: str | None = None  # None: the configured (shipped) embedding


VARIANTS: "OrderedDict[str, VariantSpec]" = OrderedDict((s.name, s) for s in [
    VariantSpec("default", "engine", "Engine as shipped (hybrid retrieval, configured embedding)"),
    VariantSpec("bm25", "engine", "Engine with BM25-only retrieval", "bm25"),
    VariantSpec("dense-use", "engine", "Engine with dense-only retrieval, USE v3 multilingual", "dense", "use"),
    VariantSpec("dense-minilm", "engine", "Engine with dense-only retrieval, all-MiniLM-L6-v2 (English)",
                "dense", "minilm"),
    VariantSpec("naive-baseline", "baseline",
                "LlamaIndex tutorial pipeline: raw text, SentenceSplitter(512/50), same embedding, top-k chunks"),
    # Opt-in extras (--variants ...): retrieval only, straight through Index.search.
    VariantSpec("hybrid-minilm", "engine", "Engine with hybrid retrieval, all-MiniLM-L6-v2", "hybrid", "minilm"),
    VariantSpec("search-hybrid", "search", "Index.search hybrid (retrieval only)", "hybrid"),
    VariantSpec("search-bm25", "search", "Index.search bm25 (retrieval only)", "bm25"),
    VariantSpec("search-dense-use", "search", "Index.search dense, USE (retrieval only)", "dense", "use"),
    VariantSpec("search-dense-minilm", "search", "Index.search dense, MiniLM (retrieval only)", "dense", "minilm"),
])
DEFAULT_VARIANTS = ("default", "bm25", "dense-use", "dense-minilm", "naive-baseline")


def config_for(spec: VariantSpec, base_cfg):
    """The shipped config, or one with another embedding in its own data dir (inside the base data
    dir, where the index layout never looks: only builds/, CURRENT and index.lock are its own)."""
    if spec.embedding is None or spec.embedding == base_cfg.embedding:
        return base_cfg
    return base_cfg.with_(embedding=spec.embedding, data_dir=Path(base_cfg.data_dir) / "eval-index" / spec.embedding)


class EngineVariant:
    def __init__(self, spec: VariantSpec, cfg) -> None:
        from app.engine import Engine

        self.spec = spec
        self.cfg = cfg
        if spec.retrieval_mode is None:
            self.engine = Engine.load(cfg)  # exactly as shipped
        else:
            self.engine = Engine.load(cfg, retrieval_mode=spec.retrieval_mode)

    def ask(self, question: str) -> Observation:
        started = time.perf_counter()
        ans = self.engine.answer(question)
        latency = (time.perf_counter() - started) * 1000
        # The rows the answer names, then the rest of what retrieval offered for a one-action answer
        # (Hit@3 ranks retrieval; the answer itself names only the rows that pass its cutoff).
        rows = [r.id for r in ans.rows]
        rows += [i for i in getattr(ans, "retrieved", []) if i not in rows]
        periods: list[str] = []
        for c in ans.citations:
            periods.extend(p for p in c.periods if p not in periods)
        return Observation(
            # An abstention shows rows only as "closest actions", not as an answer.
            ranked=[] if ans.abstained else rows,
            latency_ms=latency,
            abstained=bool(ans.abstained),
            answer_text=M.visible_text(ans.text),
            cited_doelstellingen=[c.doelstelling for c in ans.citations],
            cited_periods=periods,
            mode=str(getattr(ans, "mode", "")),
            extra={"rows_shown": rows, "engine_latency_ms": round(float(getattr(ans, "latency_ms", 0.0)), 3)},
        )


class SearchVariant:
    def __init__(self, spec: VariantSpec, cfg) -> None:
        from index import open_index

        self.spec = spec
        self.index = open_index(cfg)

    def ask(self, question: str) -> Observation:
        started = time.perf_counter()
        res = self.index.search(question, k=SEARCH_K, mode=self.spec.retrieval_mode or "hybrid")
        latency = (time.perf_counter() - started) * 1000
        return Observation(ranked=[h.row.id for h in res.hits], latency_ms=latency,
                           abstained=not res.confident, mode=f"search:{res.mode}")


class BaselineVariant:
    def __init__(self, spec: VariantSpec, cfg, chunk_rows: ChunkRows) -> None:
        from .baseline import NaiveBaseline

        self.spec = spec
        self.baseline = NaiveBaseline.build(source=cfg.source, embedding=cfg.embedding, threads=cfg.threads)
        self.chunk_rows = chunk_rows
        per_chunk = [len(chunk_rows.rows_in(n.get_content())) for n in self.baseline.nodes]
        self.spec.description += (f" [{self.baseline.describe()}; a chunk holds the anchors of "
                                  f"{sum(per_chunk) / max(1, len(per_chunk)):.1f} answering rows on average]")

    def ask(self, question: str) -> Observation:
        started = time.perf_counter()
        ans = self.baseline.answer(question)
        latency = (time.perf_counter() - started) * 1000
        ranked = [self.chunk_rows.rows_in(c.text) for c in ans.chunks]
        return Observation(
            ranked=ranked,
            latency_ms=latency,
            abstained=False,
            answer_text=ans.text,
            answer_rows=ranked[: self.baseline.answer_k],
            mode="naive",
            extra={"chunk_ids": [c.node_id for c in ans.chunks]},
        )


def make_variant(spec: VariantSpec, base_cfg, chunk_rows: ChunkRows):
    cfg = config_for(spec, base_cfg)
    if spec.kind == "engine":
        return EngineVariant(spec, cfg)
    if spec.kind == "search":
        return SearchVariant(spec, cfg)
    if spec.kind == "baseline":
        return BaselineVariant(spec, cfg, chunk_rows)
    raise ValueError(f"unknown variant kind {spec.kind!r}")


# -- scoring one question ---------------------------------------------------------------------------

PERIOD_NAMES = {"voortgang": "Voortgang (2025)", "status": "Status zomer 2024"}


def _fmt_ranked(ranked: list, limit: int = 5) -> list:
    return [sorted(i) if isinstance(i, (set, frozenset)) else i for i in ranked[:limit]]


def score(q: dict, gold: Gold, obs: Observation) -> dict:
    """One results.jsonl record: the question, what came back, each metric and the failure reasons."""
    oos = q["kind"] == "out_of_scope"
    reasons: list[str] = []
    rec: dict[str, Any] = {
        "id": q["id"], "kind": q["kind"], "question": q["question"], "period": q["period"],
        "expected_doelstelling": q["doelstelling"], "expected_rows": sorted(gold.relevant),
        "ranked": _fmt_ranked(obs.ranked, 10), "latency_ms": round(obs.latency_ms, 3),
        "abstained": obs.abstained, "mode": obs.mode,
    }
    rec.update(obs.extra)
    if gold.unresolved:
        reasons.append("gold: anchor matches no row: " + "; ".join(repr(a) for a in gold.unresolved))

    # Retrieval: in-scope questions whose answering rows could be resolved.
    if not oos and gold.groups:
        rank = M.first_relevant_rank(obs.ranked, gold.relevant)
        rec.update(rank=rank, hit1=M.hit_at_k(obs.ranked, gold.relevant, 1),
                   hit3=M.hit_at_k(obs.ranked, gold.relevant, 3), rr=M.reciprocal_rank(obs.ranked, gold.relevant))
        if rank is None:
            if not obs.abstained:
                reasons.append("retrieval: no answering row among the rows shown "
                               f"(got {_fmt_ranked(obs.ranked, 3)}, want {sorted(gold.relevant)})")
        elif rank > 3:
            reasons.append(f"retrieval: first answering row at rank {rank}")
        if q["kind"] == "list":
            shown = obs.answer_rows if obs.answer_rows is not None else obs.ranked
            rec["list_recall"] = M.recall(shown, gold.groups)
            if rec["list_recall"] < 1.0:
                found = round(rec["list_recall"] * len(gold.groups))
                reasons.append(f"list recall: {found} of {len(gold.groups)} answering rows")

    # Abstention. A false abstention explains everything else that is missing from the answer, so
    # it is the one reason given (with whether retrieval had the row among the closest ones).
    false_abstention = bool(obs.abstained) and not oos
    if obs.abstained is not None:
        if oos and not obs.abstained:
            reasons.append("answered an out-of-scope question")
        if false_abstention:
            shown = obs.extra.get("rows_shown") or []
            near = M.first_relevant_rank(shown, gold.relevant) if gold.groups else None
            reasons.append("false abstention: said it is not in the report"
                           + (f" (answering row was closest action #{near})" if near else
                              f" (closest actions {shown[:3]}, none answering)" if shown else ""))

    # Answer content (answer-producing variants, in-scope questions).
    if obs.answer_text is not None:
        rec["answer"] = obs.answer_text
        rec["answer_chars"] = len(obs.answer_text)
    if obs.answer_text is not None and not oos:
        found = M.must_contain_found(obs.answer_text, q["must_contain"])
        rec["must_contain_recall"] = M.must_contain_recall(obs.answer_text, q["must_contain"])
        missing = [n for n, f in zip(q["must_contain"], found) if not f]
        rec["must_contain_missing"] = missing
        if missing and not false_abstention:
            reasons.append("missing: " + ", ".join(repr(m) for m in missing))
    if obs.cited_doelstellingen is not None and not oos:
        cited = obs.cited_doelstellingen
        rec["cited_doelstellingen"] = cited
        rec["citation_correct"] = M.citation_correct(cited, q["doelstelling"])
        rec["citation_precision"] = M.citation_precision(cited, q["doelstelling"])
        if not rec["citation_correct"] and not false_abstention:
            reasons.append(f"citation: first cites Doelstelling {cited[0]}, expected {'/'.join(q['doelstelling'])}"
                           if cited else "citation: no doelstelling cited")
    if obs.cited_periods is not None and not oos:
        rec["cited_periods"] = obs.cited_periods
        rec["period_correct"] = M.period_correct(obs.cited_periods, q["period"])
        if not rec["period_correct"] and not false_abstention:
            want = ("both periods" if q["period"] == "both" else PERIOD_NAMES[q["period"]])
            have = ", ".join(PERIOD_NAMES[p] for p in obs.cited_periods if p in PERIOD_NAMES) or "no period"
            reasons.append(f"period: asks about {want}, cites {have}")

    rec["failed"] = bool(reasons)
    rec["reasons"] = reasons
    return rec


# -- aggregation ------------------------------------------------------------------------------------

def aggregate(records: Sequence[dict]) -> dict:
    in_scope = [r for r in records if r["kind"] != "out_of_scope"]
    ranked = [r for r in in_scope if "hit1" in r]
    lists = [r for r in in_scope if "list_recall" in r]
    answered = [r for r in in_scope if "must_contain_recall" in r]
    cited = [r for r in in_scope if "citation_correct" in r]
    periods = [r for r in in_scope if "period_correct" in r]
    with_abst = [r for r in records if r.get("abstained") is not None]
    abst = M.abstention_scores((r["kind"] == "out_of_scope", bool(r["abstained"])) for r in with_abst)
    lat = M.latency_summary([r["latency_ms"] for r in records])
    out = {
        "n": len(records),
        "n_in_scope": len(in_scope),
        "n_ranked": len(ranked),
        "hit1": M.mean(r["hit1"] for r in ranked),
        "hit3": M.mean(r["hit3"] for r in ranked),
        "mrr": M.mean(r["rr"] for r in ranked),
        "n_list": len(lists),
        "list_recall": M.mean(r["list_recall"] for r in lists),
        "citation_accuracy": M.mean(float(r["citation_correct"]) for r in cited),
        "citation_precision": M.mean(r["citation_precision"] for r in cited),
        "period_correctness": M.mean(float(r["period_correct"]) for r in periods),
        "must_contain_recall": M.mean(r["must_contain_recall"] for r in answered),
        "must_contain_all": M.mean(float(not r["must_contain_missing"]) for r in answered),
        "answer_chars_mean": M.mean(r.get("answer_chars") for r in records),
        "abstention_precision": abst["precision"] if with_abst else None,
        "abstention_recall": abst["recall"] if with_abst else None,
        "false_abstentions": abst["false_abstentions"] if with_abst else None,
        "false_abstentions_status": (sum(1 for r in with_abst if r["kind"] == "status" and r["abstained"])
                                     if with_abst else None),
        "missed_out_of_scope": abst["missed_out_of_scope"] if with_abst else None,
        "latency_p50_ms": lat["p50_ms"],
        "latency_p95_ms": lat["p95_ms"],
        "failures": sum(1 for r in records if r["failed"]),
    }
    return out


def aggregate_by_kind(records: Sequence[dict]) -> dict:
    kinds = [k for k in KINDS if any(r["kind"] == k for r in records)]
    kinds += sorted({r["kind"] for r in records} - set(kinds))
    return {k: aggregate([r for r in records if r["kind"] == k]) for k in kinds}


# -- running ----------------------------------------------------------------------------------------

class Progress:
    def __init__(self, enabled: bool = True, stream=None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    def say(self, msg: str) -> None:
        if self.enabled:
            print(f"[eval] {msg}", file=self.stream, flush=True)

    def step(self, name: str, i: int, n: int, qid: str) -> None:
        if not self.enabled:
            return
        if self.tty:
            end = "\n" if i == n else ""
            print(f"\r[eval] {name}: {i}/{n} {qid}   ", end=end, file=self.stream, flush=True)
        elif i == n or i % 10 == 0:
            print(f"[eval] {name}: {i}/{n}", file=self.stream, flush=True)


def _env_info(base_cfg, questions_path: Path, n: int) -> dict:
    try:
        from importlib.metadata import version

        li = version("llama-index-core")
    except Exception:  # pragma: no cover
        li = "?"
    return {
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "questions_file": str(questions_path),
        "n_questions": n,
        "source": str(base_cfg.source) if base_cfg.source else "ingest.DEFAULT_SOURCE",
        "embedding": base_cfg.embedding,
        "data_dir": str(base_cfg.data_dir),
        "python": platform.python_version(),
        "llama_index_core": li,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }


def run_eval(questions_path: str | os.PathLike = QUESTIONS_FILE, out_dir: str | os.PathLike | None = DEFAULT_OUT,
             variants: Sequence[str] | None = None, limit: int | None = None, *, cfg=None,
             progress: bool = True, write: bool = True) -> dict:
    """Run every variant on the question set; write the four outputs to out_dir; return the summary.

    With write=False nothing is written and the summary also holds the per-question "records".

    cfg: the IndexConfig of the shipped engine (default: IndexConfig.from_env()). Variants with
    another embedding get their own data dir inside cfg.data_dir/eval-index/<embedding>."""
    from ingest import load_rows
    from index import IndexConfig

    say = Progress(progress)
    questions_path = Path(questions_path)
    out_dir = Path(out_dir) if out_dir is not None else None
    if write and out_dir is None:
        raise ValueError("out_dir is required when writing the outputs")
    names = list(variants) if variants else list(DEFAULT_VARIANTS)
    unknown = [v for v in names if v not in VARIANTS]
    if unknown:
        raise ValueError(f"unknown variant(s) {unknown}; choose from {list(VARIANTS)}")
    base_cfg = cfg or IndexConfig.from_env()

    questions = load_questions(questions_path, limit)
    rows = load_rows(base_cfg.source)
    resolver = AnchorResolver(rows)
    golds = {q["id"]: gold_for(q, resolver) for q in questions}
    # The chunk map uses the anchors of the whole set (not only the limited subset).
    chunk_rows = ChunkRows(load_questions(questions_path), resolver)
    say.say(f"{len(questions)} questions from {questions_path}, {len(rows)} rows, variants: {', '.join(names)}")

    summary: dict[str, Any] = {"run": _env_info(base_cfg, questions_path, len(questions)), "variants": OrderedDict()}
    all_records: list[dict] = []
    for name in names:
        spec = VariantSpec(**{**VARIANTS[name].__dict__})  # a copy: the baseline adds to its description
        entry: dict[str, Any] = {"description": spec.description, "kind": spec.kind,
                                 "retrieval_mode": spec.retrieval_mode,
                                 "embedding": spec.embedding or base_cfg.embedding}
        say.say(f"{name}: loading ({spec.description})")
        started = time.perf_counter()
        try:
            runner = make_variant(spec, base_cfg, chunk_rows)
        except Exception as exc:  # one broken variant must not sink the comparison
            entry["error"] = f"{type(exc).__name__}: {exc}"
            say.say(f"{name}: could not be loaded: {entry['error']}")
            summary["variants"][name] = entry
            continue
        entry["description"] = spec.description
        runner.ask(WARM_UP_QUESTION)  # first-call costs (lazy imports, caches) are not per-question latency
        entry["load_seconds"] = round(time.perf_counter() - started, 3)
        records = []
        for i, q in enumerate(questions, start=1):
            obs = runner.ask(q["question"])
            rec = {"variant": name, **score(q, golds[q["id"]], obs)}
            records.append(rec)
            say.step(name, i, len(questions), q["id"])
        entry["modes"] = sorted({r["mode"] for r in records if r.get("mode")})
        entry["overall"] = aggregate(records)
        entry["by_kind"] = aggregate_by_kind(records)
        entry["failed_ids"] = [r["id"] for r in records if r["failed"]]
        summary["variants"][name] = entry
        all_records.extend(records)
        o = entry["overall"]
        say.say(f"{name}: Hit@1 {_f(o['hit1'])}  Hit@3 {_f(o['hit3'])}  MRR {_f(o['mrr'])}  "
                f"p50 {_f(o['latency_p50_ms'], 1)} ms  failures {o['failures']}/{o['n']}")
        del runner

    summary["run"]["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if write:
        from .report import write_outputs

        paths = write_outputs(summary, all_records, out_dir)
        summary["outputs"] = {k: str(v) for k, v in paths.items()}
        # summary.json was written before the paths were known; rewrite it with them.
        (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        say.say(f"written: {', '.join(str(p) for p in paths.values())}")
    else:
        summary["records"] = all_records
    return summary


def _f(x, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The options of `werkagenda eval` (werkagenda.py dispatches; `run` runs them)."""
    ap.add_argument("--questions", default=str(QUESTIONS_FILE), help="question set (JSONL)")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output directory (default: var/eval)")
    ap.add_argument("--variants", default=",".join(DEFAULT_VARIANTS),
                    help=f"comma-separated; available: {', '.join(VARIANTS)}")
    ap.add_argument("--limit", type=int, default=None, help="only the first N questions")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    ap.add_argument("--suite", choices=("all", "single", "beyond", "retrieval"), default="all",
                    help="single: one-action questions with variants; beyond: lists, counts, conversations and "
                         "answerability per split; retrieval: the index's retrievers side by side (with --fast, "
                         "--kinds, --misses, --fit-confidence); all: single and beyond (default)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all",
                    help="which split of the beyond suite to run (default: both, reported side by side)")
    retrieval = ap.add_argument_group("--suite retrieval")
    retrieval.add_argument("--fast", action="store_true", help="only the USE backend")
    retrieval.add_argument("--misses", action="store_true", help="list the questions each variant misses")
    retrieval.add_argument("--kinds", action="store_true", help="also report per question kind")
    retrieval.add_argument("--fit-confidence", action="store_true",
                           help="grid-search the in-scope thresholds of index/confidence.py on these questions")


_RETRIEVAL_ONLY = ("fast", "misses", "kinds", "fit_confidence")


def run(args: argparse.Namespace) -> int:
    if args.suite == "retrieval":
        from .retrieval import run as retrieval_run

        return retrieval_run(args)
    given = [f"--{name.replace('_', '-')}" for name in _RETRIEVAL_ONLY if getattr(args, name, False)]
    if given:
        print(f"Fout: {', '.join(given)} hoort bij --suite retrieval.", file=sys.stderr)
        return 2
    if args.suite in ("all", "beyond"):
        code = _run_beyond(args)
        if args.suite == "beyond":
            return code
    names = [v.strip() for v in args.variants.split(",") if v.strip()]
    try:
        summary = run_eval(args.questions, args.out, names, args.limit, progress=not args.quiet)
    except (ValueError, FileNotFoundError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    from .report import summary_table

    print(summary_table(summary))
    print(f"\nRapport: {Path(args.out) / 'report.md'}")
    return 1 if any("error" in v for v in summary["variants"].values()) else 0


def _run_beyond(args) -> int:
    from app.engine import Engine
    from index import IndexConfig

    from . import beyond

    splits = beyond.SPLITS if args.split == "all" else (args.split,)
    engine = Engine.load(IndexConfig.from_env())
    res = beyond.run(engine, splits, Path(args.out))
    agreement = res["stand_agreement"]
    print(f"Stand-regels tegen handlabels: {agreement['agree']}/{agreement['n']} ({agreement['share']})")
    for split, r in res["results"].items():
        s = r["summary"]
        print(f"\n[{split}] lijsten (F1 per soort): " + ", ".join(f"{k} {v['f1']}" for k, v in s["lists"].items()))
        print(f"[{split}] gesprekken: {s['turns']['right']}/{s['turns']['n']} beurten goed; "
              f"weigeringen van beantwoordbare vragen: {s['answerable_refused'] + s['list_refusals_of_answerable']}; "
              f"onbeantwoordbare geweigerd: {s['unanswerable_refused_share']}; must_contain: "
              f"{s['answerable_must_contain']}; mediaan woorden wie/wanneer/cijfer: {s['short_answer_words_median']}")
    print(f"\nRapport: {Path(args.out) / 'beyond_report.md'}")
    return 0


if __name__ == "__main__":
    from werkagenda import main

    raise SystemExit(main(["eval", *sys.argv[1:]]))
