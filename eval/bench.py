"""Speed and memory figures for the README. Prints a Markdown table; never asserts a timing.

    werkagenda bench [--questions FILE] [--json OUT] [--no-ui] [--repeat N]
    python -m eval.bench ...

Each figure that depends on a cold process is measured in a fresh subprocess (a worker mode of
this module), so the engine, the naive baseline and the index build do not share caches or memory:
- cold start to a ready engine: spawn -> imports -> Engine.load -> first answer printed;
- cold start to a serving Gradio app: spawn of app.ui.launch -> first HTTP 200 on 127.0.0.1;
- ingest: parsing the shipped report into rows (first call in a fresh process, and warm median);
- index build: build_index into a fresh, empty data dir (includes loading the embedding model);
- warm latency p50/p95 over the question set, and peak RSS, for the engine and the naive baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .metrics import percentile

EVAL_DIR = Path(__file__).resolve().parent
REPO_ROOT = EVAL_DIR.parent
QUESTIONS_FILE = EVAL_DIR / "questions.jsonl"
FIRST_QUESTION = "wat is de status van het bbl-offensief?"
READY = "__READY__"
WORKER_TIMEOUT = 900  # seconds; a worker that hangs is killed, the figure reported as missing
UI_TIMEOUT = 180


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _questions(path: str | os.PathLike) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line in fh if line.strip()]


def _latencies(answer, questions: list[str], repeat: int) -> list[float]:
    out = []
    for _ in range(max(1, repeat)):
        for q in questions:
            started = time.perf_counter()
            answer(q)
            out.append((time.perf_counter() - started) * 1000)
    return out


# -- workers (run in a fresh subprocess) ------------------------------------------------------------

def _worker_engine(questions_path: str, repeat: int) -> dict:
    t0 = time.perf_counter()
    from app.engine import Engine

    t_import = time.perf_counter()
    engine = Engine.load()
    t_load = time.perf_counter()
    first = engine.answer(FIRST_QUESTION)
    t_first = time.perf_counter()
    print(READY, time.time(), flush=True)
    lat = _latencies(engine.answer, _questions(questions_path), repeat)
    return {
        "import_s": t_import - t0, "load_s": t_load - t_import, "first_answer_s": t_first - t_load,
        "mode": getattr(first, "mode", ""), "latencies_ms": lat, "peak_rss_mb": _peak_rss_mb(),
    }


def _worker_baseline(questions_path: str, repeat: int) -> dict:
    t0 = time.perf_counter()
    from .baseline import NaiveBaseline

    t_import = time.perf_counter()
    baseline = NaiveBaseline.build()
    t_load = time.perf_counter()
    baseline.answer(FIRST_QUESTION)
    t_first = time.perf_counter()
    print(READY, time.time(), flush=True)
    lat = _latencies(baseline.answer, _questions(questions_path), repeat)
    return {
        "import_s": t_import - t0, "load_s": t_load - t_import, "first_answer_s": t_first - t_load,
        "build_s": baseline.build_seconds, "n_chunks": len(baseline.nodes), "describe": baseline.describe(),
        "latencies_ms": lat, "peak_rss_mb": _peak_rss_mb(),
    }


def _worker_compare(questions_path: str, repeat: int) -> dict:
    """Engine and naive baseline in one process, question by question in turn, so that both see
    the same machine load (this machine may be shared): the fair basis for the latency ratio."""
    from app.engine import Engine

    from .baseline import NaiveBaseline

    engine = Engine.load()
    baseline = NaiveBaseline.build()
    engine.answer(FIRST_QUESTION)
    baseline.answer(FIRST_QUESTION)
    eng: list[float] = []
    base: list[float] = []
    for _ in range(max(1, repeat)):
        for q in _questions(questions_path):
            for fn, sink in ((engine.answer, eng), (baseline.answer, base)):
                started = time.perf_counter()
                fn(q)
                sink.append((time.perf_counter() - started) * 1000)
    return {"engine_ms": eng, "baseline_ms": base}


def _worker_build(data_dir: str) -> dict:
    t0 = time.perf_counter()
    from ingest import parse_source

    t_import_ingest = time.perf_counter()
    result = parse_source()
    t_ingest_first = time.perf_counter()
    warm = []
    for _ in range(5):
        started = time.perf_counter()
        parse_source()
        warm.append(time.perf_counter() - started)
    from index import IndexConfig, build_index

    cfg = IndexConfig.from_env().with_(data_dir=Path(data_dir))
    t_import_index = time.perf_counter()
    report = build_index(cfg, rows=result.rows)
    t_built = time.perf_counter()
    return {
        "ingest_import_s": t_import_ingest - t0, "ingest_first_s": t_ingest_first - t_import_ingest,
        "ingest_warm_median_s": statistics.median(warm), "n_rows": len(result.rows),
        "build_s": t_built - t_import_index, "build_report_s": report.seconds, "build_action": report.action,
        "n_vectors": report.n_vectors, "embedding": f"{report.backend}:{report.model}",
        "peak_rss_mb": _peak_rss_mb(),
    }


def _worker_main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "engine":
        out = _worker_engine(argv[1], int(argv[2]))
    elif kind == "baseline":
        out = _worker_baseline(argv[1], int(argv[2]))
    elif kind == "build":
        out = _worker_build(argv[1])
    elif kind == "compare":
        out = _worker_compare(argv[1], int(argv[2]))
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    print(json.dumps(out), flush=True)
    return 0


# -- the parent: spawning and timing ----------------------------------------------------------------

def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("ANONYMIZED_TELEMETRY", "False")
    env.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env["PYTHONPATH"] = str(REPO_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _say(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def run_worker(args: list[str], timeout: float = WORKER_TIMEOUT) -> dict:
    """Run `python -m eval.bench --worker ARGS`; return its JSON plus ready_s (spawn to the moment the
    worker was ready, by the wall clock both processes share) and wall_s (spawn to exit).
    Raises RuntimeError with the worker's stderr on failure or time-out."""
    spawned = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "eval.bench", "--worker", *args], cwd=REPO_ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise RuntimeError(f"worker {args[0]} took longer than {timeout:.0f} s") from None
    result = None
    ready_at = None
    for line in stdout.splitlines():
        if line.startswith(READY):
            ready_at = float(line.split()[1])
        elif line.startswith("{"):
            result = json.loads(line)
    if proc.returncode != 0 or result is None:
        raise RuntimeError(f"worker {args[0]} failed (exit {proc.returncode}): {stderr.strip()[-800:]}")
    result["ready_s"] = None if ready_at is None else ready_at - spawned
    result["wall_s"] = time.perf_counter() - started
    return result


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_ui(timeout: float = UI_TIMEOUT) -> dict:
    """Cold start of the Gradio app until it answers HTTP 200 on 127.0.0.1; then stop it."""
    ui = REPO_ROOT / "app" / "ui.py"
    if not ui.exists():
        return {"skipped": "app/ui.py bestaat (nog) niet"}
    try:
        import psutil
    except ImportError:  # pragma: no cover - pinned dependency
        psutil = None
    port = _free_port()
    code = ("import sys; from app.ui import launch; "
            f"sys.exit(launch(host='127.0.0.1', port={port}) or 0)")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    ready_s = None
    rss_mb = None
    try:
        while time.perf_counter() - started < timeout:
            if proc.poll() is not None:
                err = proc.stderr.read() if proc.stderr else ""
                return {"skipped": f"de app stopte met code {proc.returncode}: {err.strip()[-400:]}"}
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        ready_s = time.perf_counter() - started
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.1)
        if ready_s is not None and psutil is not None:
            try:
                p = psutil.Process(proc.pid)
                rss_mb = (p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))) / 2**20
            except psutil.Error:
                pass
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if ready_s is None:
        return {"skipped": f"geen HTTP 200 op {url} binnen {timeout:.0f} s"}
    return {"ready_s": ready_s, "rss_mb": rss_mb, "port": port}


def _lat(values: list[float]) -> dict:
    return {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95), "n": len(values)}


def run_bench(questions_path: str | os.PathLike = QUESTIONS_FILE, ui: bool = True, repeat: int = 1) -> dict:
    """Measure everything; print the Markdown table to stdout; return the figures."""
    from .report import _table  # small shared helper

    questions_path = str(questions_path)
    out: dict = {"machine": f"{os.cpu_count()} cores", "python": sys.version.split()[0],
                 "questions": len(_questions(questions_path)), "repeat": repeat,
                 "load_before": os.getloadavg()}

    def attempt(label: str, fn):
        _say(label)
        try:
            return fn()
        except Exception as exc:
            _say(f"{label}: mislukt: {exc}")
            return {"error": str(exc)}

    with tempfile.TemporaryDirectory(prefix="werkagenda-bench-") as tmp:
        out["build"] = attempt("ingest + index build in a fresh data dir",
                               lambda: run_worker(["build", str(Path(tmp) / "data")]))
    # The engine opens the configured index (built above only in a temp dir): make sure it exists,
    # so that the cold start measures start-up, not a first build.
    out["prepare"] = attempt("preparing the configured index", _prepare_index)
    out["engine"] = attempt("engine: cold start + warm latency",
                            lambda: run_worker(["engine", questions_path, str(repeat)]))
    out["baseline"] = attempt("naive baseline: cold start + warm latency",
                              lambda: run_worker(["baseline", questions_path, str(repeat)]))
    out["compare"] = attempt("engine and naive baseline in turn: warm latency",
                             lambda: run_worker(["compare", questions_path, str(repeat)]))
    out["ui"] = attempt("Gradio app: cold start", bench_ui) if ui else {"skipped": "--no-ui"}
    out["load_after"] = os.getloadavg()

    eng, base, cmp_ = out["engine"], out["baseline"], out["compare"]
    # Latency figures come from the interleaved run; the isolated runs are kept for reference.
    if "latencies_ms" in eng:
        eng["latency_isolated"] = _lat(eng.pop("latencies_ms"))
    if "latencies_ms" in base:
        base["latency_isolated"] = _lat(base.pop("latencies_ms"))
    if "engine_ms" in cmp_:
        eng["latency"] = _lat(cmp_.pop("engine_ms"))
        base["latency"] = _lat(cmp_.pop("baseline_ms"))
    if "latency" in eng and "latency" in base and base["latency"]["p50_ms"]:
        out["ratio_p50"] = eng["latency"]["p50_ms"] / base["latency"]["p50_ms"]
        out["ratio_p95"] = eng["latency"]["p95_ms"] / base["latency"]["p95_ms"]

    rows = _figure_rows(out)
    print(_table(["Figure", "Value", "How"], rows))
    return out


def _prepare_index() -> dict:
    from index import IndexConfig, build_index

    report = build_index(IndexConfig.from_env())
    return {"action": report.action, "seconds": report.seconds}


def _s(x) -> str:
    return "n/a" if x is None else f"{x:.2f} s"


def _m(x) -> str:
    return "n/a" if x is None else (f"{x:.1f} ms" if x < 100 else f"{x:.0f} ms")


def _figure_rows(out: dict) -> list[list[str]]:
    rows: list[list[str]] = []
    eng, base, build, ui = out.get("engine", {}), out.get("baseline", {}), out.get("build", {}), out.get("ui", {})
    if "error" in eng:
        rows.append(["Engine", "error", eng["error"][:200]])
    else:
        rows.append(["Cold start to a ready engine", _s(eng.get("ready_s")),
                     f"fresh process: imports {_s(eng.get('import_s'))}, Engine.load {_s(eng.get('load_s'))}, "
                     f"first answer {_s(eng.get('first_answer_s'))} (answer mode: {eng.get('mode') or '?'})"])
    if "skipped" in ui:
        rows.append(["Cold start to a serving Gradio app", "skipped", ui["skipped"]])
    elif "error" in ui:
        rows.append(["Cold start to a serving Gradio app", "error", ui["error"][:200]])
    else:
        rows.append(["Cold start to a serving Gradio app", _s(ui.get("ready_s")),
                     "fresh process `app.ui.launch` until HTTP 200 on 127.0.0.1"
                     + (f"; RSS then {ui['rss_mb']:.0f} MB" if ui.get("rss_mb") else "")])
    if "error" in build:
        rows.append(["Ingest / index build", "error", build["error"][:200]])
    else:
        rows.append(["Ingest (parse the report into rows)", _s(build.get("ingest_first_s")),
                     f"first call in a fresh process, {build.get('n_rows')} rows; warm median "
                     f"{_s(build.get('ingest_warm_median_s'))}"])
        rows.append(["Index build (fresh data dir)", _s(build.get("build_s")),
                     f"{build.get('n_vectors')} vectors, {build.get('embedding')}, includes loading the model "
                     f"and Chroma"])
    if "latency" in eng:
        lat = eng["latency"]
        rows.append(["Engine latency p50 / p95 (warm)", f"{_m(lat['p50_ms'])} / {_m(lat['p95_ms'])}",
                     f"{lat['n']} answers over the question set, in turn with the baseline in one process"])
        rows.append(["Engine peak RSS", f"{eng['peak_rss_mb']:.0f} MB",
                     "ru_maxrss of the engine process after all questions"])
    if "latency" in base:
        lat = base["latency"]
        rows.append(["Naive baseline latency p50 / p95 (warm)", f"{_m(lat['p50_ms'])} / {_m(lat['p95_ms'])}",
                     f"same questions, same process; {base.get('describe', '')}"])
        rows.append(["Naive baseline cold start / peak RSS",
                     f"{_s(base.get('ready_s'))} / {base['peak_rss_mb']:.0f} MB",
                     f"fresh process; chunking + embedding {base.get('n_chunks')} chunks {_s(base.get('build_s'))}"])
    elif "error" in base:
        rows.append(["Naive baseline", "error", base["error"][:200]])
    if "error" in out.get("compare", {}):
        rows.append(["Warm latency (engine and baseline in turn)", "error", out["compare"]["error"][:200]])
    if "ratio_p50" in out:
        rows.append(["Latency ratio engine / baseline", f"{out['ratio_p50']:.2f}x (p50), {out['ratio_p95']:.2f}x (p95)",
                     "below 1: the engine answers faster than the naive baseline"])
    if out.get("load_before") and out.get("load_after"):
        rows.append(["Machine load (1-min load average)",
                     f"{out['load_before'][0]:.1f} before, {out['load_after'][0]:.1f} after",
                     f"{out['machine']}; above the core count other processes competed for the CPU"])
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--worker"]:
        return _worker_main(argv[1:])
    ap = argparse.ArgumentParser(prog="werkagenda bench", description="Cold start, latency and memory figures.")
    ap.add_argument("--questions", default=str(QUESTIONS_FILE), help="question set (JSONL)")
    ap.add_argument("--json", dest="json_out", help="also write the figures to this JSON file")
    ap.add_argument("--no-ui", action="store_true", help="skip the Gradio cold start")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the question set for the latencies")
    args = ap.parse_args(argv)
    figures = run_bench(args.questions, ui=not args.no_ui, repeat=args.repeat)
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
