"""Speed and memory figures for the README. Prints a Markdown table; never asserts a timing.

    werkagenda bench [--questions FILE] [--json OUT] [--no-ui] [--repeat N] [--clients 20] [--per-client 10]
    werkagenda bench --scale 1,10,100 [--no-server-mode] [--plot docs/scale.png]
    python -m eval.bench ...           (the same, through werkagenda.py's parser)

Each figure that depends on a cold process is measured in a fresh subprocess (a worker mode of
this module), so the engine, the naive baseline and the index build do not share caches or memory:
- cold start to a ready engine: spawn -> imports -> Engine.load -> first answer printed;
- cold start to a serving Gradio app: spawn of app.ui.launch -> first HTTP 200 on 127.0.0.1;
- ingest: parsing the shipped report into rows (first call in a fresh process, and warm median);
- index build: build_index into a fresh, empty data dir (includes loading the embedding model);
- warm latency p50/p95 over the question set, and peak RSS, for the engine and the naive baseline;
- start to a serving page: a bare Gradio app and this app, started in turn (--starts times each),
  each until its first HTTP 200 on "/";
- serving: one real server, 20 concurrent clients x 10 questions through Gradio's /chat
  (gradio_client, the queue protocol) and then through the JSON API POST /api/ask: p50, p95,
  answers/s, errors, and whether every answer equals the answer to the same question asked alone;
- --scale: synthetic corpora of 78 x N rows (see `synthesize`), per scale ingest+build time, index
  size on disk, answer p50/p95, peak RSS, with the local Chroma store and with a `chroma run` server.
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
SCALE_TIMEOUT = 3600  # a 100x build embeds ~23,000 texts


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
    elif kind == "bare_ui":
        return _worker_bare_ui(int(argv[1]))
    elif kind == "scale_build":
        out = _worker_scale_build(int(argv[1]), argv[2], argv[3])
    elif kind == "scale_answer":
        out = _worker_scale_answer(argv[1], argv[2], argv[3])
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


def _stop(proc: subprocess.Popen) -> None:
    """Terminate a child process, killing it when it does not stop within 15 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- start to a serving page: a bare Gradio app against this app ------------------------------------

def _worker_bare_ui(port: int) -> int:
    """The floor: the smallest Gradio app with a text box, a button and an API endpoint, launched
    the way this app's pages are served (no SSR, no analytics), until stopped."""
    import gradio as gr

    def const(vraag: str) -> str:
        return "Dit is een vast antwoord."

    with gr.Blocks(analytics_enabled=False) as demo:
        question = gr.Textbox(label="Vraag")
        answer = gr.Markdown()
        gr.Button("Verstuur").click(const, question, answer)
        gr.api(const, api_name="chat")
    demo.queue()
    demo.launch(server_name="127.0.0.1", server_port=port, quiet=True, ssr_mode=False, share=False,
                inbrowser=False, show_error=False, enable_monitoring=False, pwa=False, mcp_server=False)
    return 0


def _server_command(kind: str, port: int) -> list[str]:
    if kind == "bare":
        return [sys.executable, "-m", "eval.bench", "--worker", "bare_ui", str(port)]
    return [sys.executable, "-c", f"import sys; from app.ui import launch; sys.exit(launch(host='127.0.0.1', port={port}) or 0)"]


class Served:
    """A server process started by the bench, with the time from spawn to its first HTTP 200 on "/"."""

    def __init__(self, kind: str, env: dict | None = None, timeout: float = UI_TIMEOUT) -> None:
        self.kind = kind
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stderr = tempfile.TemporaryFile()
        started = time.perf_counter()
        self.proc = subprocess.Popen(_server_command(kind, self.port), cwd=REPO_ROOT, env={**_env(), **(env or {})},
                                     stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.ready_s = None
        while time.perf_counter() - started < timeout:
            if self.proc.poll() is not None:
                self.stderr.seek(0)
                raise RuntimeError(f"{kind} stopped with code {self.proc.returncode}: "
                                   f"{self.stderr.read().decode(errors='replace')[-600:]}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as resp:
                    if resp.status == 200:
                        self.ready_s = time.perf_counter() - started
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        if self.ready_s is None:
            self.stop()
            raise RuntimeError(f"{kind}: no HTTP 200 on {self.url}/ within {timeout:.0f} s")

    def rss_mb(self) -> float | None:
        try:
            import psutil

            p = psutil.Process(self.proc.pid)
            return (p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))) / 2**20
        except Exception:  # noqa: BLE001 - a missing figure, not a failed bench
            return None

    def wait_warm(self, timeout: float = 120) -> None:
        """Until /api/health says the engine answered once (the app warms up after it serves)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=5) as resp:
                    if json.load(resp).get("warm"):
                        return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.1)

    def stop(self) -> None:
        _stop(self.proc)
        self.stderr.close()


def bench_start(starts: int = 3) -> dict:
    """Bare Gradio app and this app started in turn, `starts` times each (in turn, so that both
    see the same machine load); medians and every value."""
    bare, app, rss = [], [], []
    for _ in range(max(1, starts)):
        for kind, sink in (("bare", bare), ("app", app)):
            s = Served(kind)
            try:
                sink.append(s.ready_s)
                if kind == "app":
                    rss.append(s.rss_mb())
            finally:
                s.stop()
    out = {"bare_s": statistics.median(bare), "app_s": statistics.median(app), "bare_all": bare, "app_all": app,
           "app_rss_mb": statistics.median([r for r in rss if r is not None]) if any(rss) else None}
    out["ratio"] = out["app_s"] / out["bare_s"]
    return out


# -- serving: Gradio's queue protocol against the JSON API, one server, one run ---------------------

def _closed_loop(make_client, call, jobs: list, clients: int, per_client: int, budget_s: float) -> dict:
    """`clients` threads, each with its own client, ask jobs[(i * (per_client + 1) + j) % len(jobs)]
    for j < per_client (spread over the jobs, each client starting elsewhere), all released at
    once; a bounded run (budget_s) that stops by itself."""
    import threading

    latencies: list[float] = []
    answers: list[tuple[int, object]] = []
    errors: list[str] = []
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1, timeout=120)
    deadline = [0.0]

    def worker(i: int) -> None:
        try:
            client = make_client()
        except Exception as exc:  # noqa: BLE001
            with lock:
                errors.append(f"client {i}: {exc!r}")
            ready.abort()
            return
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        for j in range(per_client):
            if time.monotonic() > deadline[0]:
                with lock:
                    errors.append(f"client {i}: time budget of {budget_s:.0f} s used up")
                return
            k = (i * (per_client + 1) + j) % len(jobs)
            started = time.perf_counter()
            try:
                result = call(client, jobs[k])
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"client {i}, job {k}: {exc!r}")
                continue
            ms = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(ms)
                answers.append((k, result))

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    try:
        deadline[0] = time.monotonic() + budget_s
        ready.wait()
    except threading.BrokenBarrierError:
        pass
    started = time.perf_counter()
    for t in threads:
        t.join(timeout=max(0.0, deadline[0] - time.monotonic()) + 5)
    wall = time.perf_counter() - started
    return {"latencies_ms": latencies, "answers": answers, "errors": errors, "wall_s": wall,
            "answers_per_s": len(latencies) / wall if wall > 0 else None, "clients": clients,
            "per_client": per_client}


class ApiClient:
    """One keep-alive HTTP connection to POST /api/ask (what a script's HTTP library does)."""

    def __init__(self, url: str, auth: tuple[str, str] | None = None, timeout: float = 120) -> None:
        import base64
        import http.client
        from urllib.parse import urlparse

        u = urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
        self.headers = {"Content-Type": "application/json"}
        if auth:
            self.headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()

    def ask(self, body: dict) -> dict:
        self.conn.request("POST", "/api/ask", body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                          headers=self.headers)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status}: {data[:300]!r}")
        return json.loads(data)


def comparable(answer: dict) -> dict:
    """An answer object without its timing: two asks of one question must agree on the rest."""
    return {k: v for k, v in answer.items() if k != "latency_ms"}


def api_load(url: str, bodies: list[dict], clients: int = 20, per_client: int = 10, auth=None,
             budget_s: float = 300) -> dict:
    return _closed_loop(lambda: ApiClient(url, auth), lambda c, body: comparable(c.ask(body)), bodies, clients,
                        per_client, budget_s)


def gradio_load(url: str, args: list[tuple], clients: int = 20, per_client: int = 10, auth=None,
                budget_s: float = 300) -> dict:
    from gradio_client import Client

    return _closed_loop(lambda: Client(url, auth=auth, verbose=False),
                        lambda c, a: c.predict(*a, api_name="/chat"), args, clients, per_client, budget_s)


def _consistent(run: dict, reference: dict) -> int:
    """How many answers of a concurrent run differ from the same job asked alone."""
    return sum(1 for k, result in run["answers"] if result != reference[k])


def bench_serving(questions: list[str], clients: int = 20, per_client: int = 10, rounds: int = 2) -> dict:
    """One real server; both paths with the same questions, in turn (see below)."""
    server = Served("app")
    try:
        server.wait_warm()
        jobs = questions[: max(1, min(len(questions), clients * per_client))]
        out: dict = {"start_s": server.ready_s, "questions": len(jobs)}
        from gradio_client import Client

        solo = Client(server.url, verbose=False)
        g_ref = {k: solo.predict(q, "Alle", "Alle", "Alle", "Alle", api_name="/chat") for k, q in enumerate(jobs)}
        api = ApiClient(server.url)
        a_ref, a_solo = {}, []
        for k, q in enumerate(jobs):
            started = time.perf_counter()
            a_ref[k] = comparable(api.ask({"question": q}))
            a_solo.append((time.perf_counter() - started) * 1000)
        out["api_solo"] = _lat(a_solo)
        # Two rounds in the order Gradio, API, API, Gradio: both paths see the same share of
        # whatever else the machine is doing (the ratio moved from 2.8x to 5.1x between single
        # rounds when other processes started in the middle of one).
        runs: dict[str, list] = {"gradio": [], "api": []}
        for name in ("gradio", "api", "api", "gradio")[: 2 * max(1, rounds)]:
            _say(f"serving: {'Gradio /chat' if name == 'gradio' else 'POST /api/ask'}, {clients} clients x {per_client}")
            if name == "gradio":
                runs[name].append(gradio_load(server.url, [(q, "Alle", "Alle", "Alle", "Alle") for q in jobs],
                                              clients, per_client))
            else:
                runs[name].append(api_load(server.url, [{"question": q} for q in jobs], clients, per_client))
        for name, ref in (("gradio", g_ref), ("api", a_ref)):
            rs = runs[name]
            wall = sum(r["wall_s"] for r in rs)
            lat = [x for r in rs for x in r["latencies_ms"]]
            errors = [e for r in rs for e in r["errors"]]
            out[name] = {**_lat(lat), "answers_per_s": len(lat) / wall if wall else None,
                         "rounds_per_s": [r["answers_per_s"] for r in rs], "errors": len(errors),
                         "first_errors": errors[:3], "different": sum(_consistent(r, ref) for r in rs),
                         "wall_s": wall}
        out["rss_mb"] = server.rss_mb()
        if out["gradio"]["answers_per_s"]:
            out["throughput_ratio"] = out["api"]["answers_per_s"] / out["gradio"]["answers_per_s"]
        return out
    finally:
        server.stop()


# -- cost as the corpus grows ------------------------------------------------------------------------

SYNTH_COLUMNS = ("wat", "status", "voortgang")


def synthesize(rows, scale: int, seed: int = 14) -> list:
    """78 x scale rows: copy 0 is the real report; copy k >= 1 has, per doelstelling, the words of
    each text column (Wat, Status zomer 2024, Voortgang) shuffled between that doelstelling's rows,
    every cell keeping its word count; Wie, Wanneer, partijen and prioriteit stay. Ids stay unique
    and valid: position p of copy k becomes k * 100 + p ("2.3-01" -> "2.3-101" -> "2.3-9901").
    An "Idem." Voortgang stays as it is (it refers to the row's own 2024 text)."""
    import random
    from collections import defaultdict

    out = list(rows)
    groups: dict[str, list] = defaultdict(list)
    for r in rows:
        groups[r.doelstelling].append(r)
    for k in range(1, scale):
        rng = random.Random(f"{seed}-{k}")
        for doel, group in groups.items():
            cells: dict[str, list[str]] = {}
            for col in SYNTH_COLUMNS:
                movable = [r for r in group if not (col == "voortgang" and r.voortgang_idem)]
                words = [w for r in movable for w in r.cell(col).split()]
                rng.shuffle(words)
                it = iter(words)
                shuffled = {r.id: " ".join(next(it) for _ in r.cell(col).split()) for r in movable}
                cells[col] = [shuffled.get(r.id, r.cell(col)) for r in group]
            for i, r in enumerate(group):
                pos = int(r.id.rsplit("-", 1)[1])
                out.append(r.model_copy(update={"id": f"{doel}-{k * 100 + pos}", "source_lines": [],
                                                **{col: cells[col][i] for col in SYNTH_COLUMNS}}))
    return out


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20


def _worker_scale_build(scale: int, data_dir: str, chroma_url: str) -> dict:
    """Ingest (parse the report, synthesize, write and re-read the rows as validated JSONL) and
    build the index into an empty data dir."""
    t0 = time.perf_counter()
    from ingest import parse_source, read_rows_jsonl, write_rows_jsonl

    rows = parse_source().rows
    synth = synthesize(rows, scale)
    rows_file = Path(data_dir) / "synthetic-rows.jsonl"
    write_rows_jsonl(synth, rows_file)
    synth = read_rows_jsonl(rows_file)
    t_ingest = time.perf_counter()
    from index import IndexConfig, build_index

    cfg = IndexConfig.from_env().with_(data_dir=Path(data_dir), chroma_url=chroma_url or None)
    t_import = time.perf_counter()
    report = build_index(cfg, rows=synth)
    t_built = time.perf_counter()
    return {"n_rows": len(synth), "n_vectors": report.n_vectors, "ingest_s": t_ingest - t0,
            "index_import_s": t_import - t_ingest, "build_s": t_built - t_import, "peak_rss_mb": _peak_rss_mb()}


def _worker_scale_answer(data_dir: str, chroma_url: str, questions_path: str) -> dict:
    """Open the built index (with its stored rows) and answer the question set once, warm."""
    from app.engine import Engine
    from index import IndexConfig, open_index
    from index.datadir import Layout
    from ingest import read_rows_jsonl

    cfg = IndexConfig.from_env().with_(data_dir=Path(data_dir), chroma_url=chroma_url or None)
    t0 = time.perf_counter()
    rows = read_rows_jsonl(Layout(cfg.data_dir).current().rows_file)
    engine = Engine(open_index(cfg, rows=rows), llm=None)
    t_open = time.perf_counter()
    engine.answer(FIRST_QUESTION)
    lat, cpu = [], []
    for q in _questions(questions_path):
        started, started_cpu = time.perf_counter(), time.process_time()
        engine.answer(q)
        lat.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    # CPU time beside wall time: on this shared 2-core machine a busy minute multiplies the wall
    # figures (measured 5x at load average 10) while the process's own CPU time stays put.
    return {"open_s": t_open - t0, **_lat(lat), "mean_ms": statistics.mean(lat),
            "cpu": {**_lat(cpu), "mean_ms": statistics.mean(cpu)}, "peak_rss_mb": _peak_rss_mb()}


class ChromaServer:
    """A real `chroma run` on a free loopback port, its data in `path`."""

    def __init__(self, path: Path, timeout: float = 60) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.path = path
        exe = Path(sys.executable).with_name("chroma")
        cmd = [str(exe) if exe.exists() else "chroma", "run", "--path", str(path), "--host", "127.0.0.1",
               "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=_env(), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run stopped with code {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/api/v2/heartbeat", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("chroma run did not answer its heartbeat")

    def rss_mb(self) -> float | None:
        try:
            import psutil

            return psutil.Process(self.proc.pid).memory_info().rss / 2**20
        except Exception:  # noqa: BLE001
            return None

    def stop(self) -> None:
        _stop(self.proc)


def bench_scale(scales: list[int], questions_path: str, server_mode: bool = True) -> list[dict]:
    results = []
    for scale in scales:
        for mode in (("local", "server") if server_mode else ("local",)):
            label = f"{scale}x {mode}"
            with tempfile.TemporaryDirectory(prefix="werkagenda-scale-") as tmp:
                data_dir = Path(tmp) / "data"
                data_dir.mkdir()
                chroma = None
                res: dict = {"scale": scale, "mode": mode}
                try:
                    if mode == "server":
                        chroma = ChromaServer(Path(tmp) / "chroma-server")
                    url = chroma.url if chroma else ""
                    _say(f"scale {label}: ingest + build")
                    res["build"] = run_worker(["scale_build", str(scale), str(data_dir), url], SCALE_TIMEOUT)
                    res["index_mb"] = _index_mb(data_dir, chroma)
                    _say(f"scale {label}: answers")
                    res["answer"] = run_worker(["scale_answer", str(data_dir), url, questions_path], SCALE_TIMEOUT)
                    if chroma:
                        res["chroma_rss_mb"] = chroma.rss_mb()
                except Exception as exc:  # noqa: BLE001 - one failed scale must not lose the others
                    _say(f"scale {label}: failed: {exc}")
                    res["error"] = str(exc)[:300]
                finally:
                    if chroma:
                        chroma.stop()
                results.append(res)
    return results


def _index_mb(data_dir: Path, chroma: "ChromaServer | None") -> float:
    """What the index takes on disk: the current build (Chroma files, rows, manifest), plus the
    Chroma server's directory in server mode. The synthetic input rows are not the index."""
    from index.datadir import Layout

    current = Layout(data_dir).current()
    size = _dir_mb(current.path) if current else 0.0
    if chroma is not None:
        size += _dir_mb(chroma.path)
    return size


def scale_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for r in results:
        if "error" in r:
            rows.append([f"{r['scale']}x", r["mode"], "error", r["error"][:120], "", "", "", "", ""])
            continue
        b, a = r["build"], r["answer"]
        rss = f"{b['peak_rss_mb']:.0f} / {a['peak_rss_mb']:.0f}"
        if r.get("chroma_rss_mb"):
            rss += f" (+ server {r['chroma_rss_mb']:.0f})"
        rows.append([f"{r['scale']}x", r["mode"], f"{b['n_rows']:,}", f"{b['n_vectors']:,}",
                     f"{b['ingest_s']:.2f} + {b['build_s']:.1f} s", f"{r['index_mb']:.1f} MB",
                     f"{_m(a['p50_ms'])} / {_m(a['p95_ms'])}",
                     f"{_m(a['cpu']['p50_ms'])} / {_m(a['cpu']['p95_ms'])}" if "cpu" in a else "n/a", rss])
    return rows


SCALE_HEADER = ["scale", "Chroma", "rows", "vectors", "ingest + build", "index on disk", "answer p50 / p95",
                "answer CPU p50 / p95", "peak RSS build / answer (MB)"]


def scale_plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = [r for r in results if "error" not in r]
    panels = [("ingest + build (s)", lambda r: r["build"]["ingest_s"] + r["build"]["build_s"]),
              ("answer p95 (ms)", lambda r: r["answer"]["p95_ms"]),
              ("index on disk (MB)", lambda r: r["index_mb"]),
              ("peak RSS answering, MB (server: + chroma run)", lambda r: r["answer"]["peak_rss_mb"] + (r.get("chroma_rss_mb") or 0))]
    fig, axes = plt.subplots(2, 2, figsize=(9, 7))
    for ax, (title, value) in zip(axes.flat, panels):
        for mode, style in (("local", "o-"), ("server", "s--")):
            pts = sorted((r["build"]["n_rows"], value(r)) for r in ok if r["mode"] == mode)
            if pts:
                ax.plot([x for x, _ in pts], [y for _, y in pts], style,
                        label="local Chroma store" if mode == "local" else "Chroma server (chroma run)")
        if title.startswith("ingest") and ok:
            base = min((r for r in ok if r["mode"] == "local"), key=lambda r: r["build"]["n_rows"], default=None)
            if base:
                x0, y0 = base["build"]["n_rows"], value(base)
                xs = sorted({r["build"]["n_rows"] for r in ok})
                ax.plot(xs, [y0 * x / x0 for x in xs], ":", color="grey", label="linear from the smallest")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("rows")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle("werkagenda-qa: cost as the corpus grows (log-log)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run_scale(scales: list[int], questions_path: str, server_mode: bool = True,
              plot: Path | None = REPO_ROOT / "docs" / "scale.png") -> dict:
    from .report import _table

    load_before = os.getloadavg()[0]
    results = bench_scale(scales, questions_path, server_mode)
    print(_table(SCALE_HEADER, scale_rows(results)))
    print(f"\n{os.cpu_count()} cores; 1-min load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
          "(above the core count, other processes competed for the CPU). Answers: the question set once, warm, "
          "one process; RSS: ru_maxrss of the build and of the answering process.")
    local = sorted((r for r in results if r["mode"] == "local" and "error" not in r), key=lambda r: r["scale"])
    if len(local) >= 2:
        lo, hi = local[0], local[-1]
        t_lo = lo["build"]["ingest_s"] + lo["build"]["build_s"]
        t_hi = hi["build"]["ingest_s"] + hi["build"]["build_s"]
        per_row = (t_hi / hi["build"]["n_rows"]) / (t_lo / lo["build"]["n_rows"])
        print(f"\nBuild time per row at {hi['scale']}x against {lo['scale']}x: {per_row:.2f}x "
              "(at most 1: no worse than linear)")
    if plot is not None and results:
        scale_plot(results, Path(plot))
        print(f"Plot: {plot}")
    return {"scale": results, "load_before": load_before, "load_after": os.getloadavg()[0]}


def _lat(values: list[float]) -> dict:
    return {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95), "n": len(values)}


def run_bench(questions_path: str | os.PathLike = QUESTIONS_FILE, ui: bool = True, repeat: int = 1,
              starts: int = 3, clients: int = 20, per_client: int = 10) -> dict:
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
    if ui:
        out["start"] = attempt(f"start to a serving page: bare Gradio app and this app, {starts}x each in turn",
                               lambda: bench_start(starts))
        out["serving"] = attempt("serving: Gradio /chat and POST /api/ask",
                                 lambda: bench_serving(_questions(questions_path), clients, per_client))
    else:
        out["start"] = out["serving"] = {"skipped": "--no-ui"}
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
    serving = out.get("serving", {})
    if "api" in serving:
        print()
        print(_table(["path", "p50", "p95", "answers/s", "errors", "differ from a single ask"],
                     [[name, _m(serving[key]["p50_ms"]), _m(serving[key]["p95_ms"]),
                       f"{serving[key]['answers_per_s']:.1f}", str(serving[key]["errors"]),
                       str(serving[key]["different"])]
                      for name, key in (("Gradio /chat (gradio_client, queue)", "gradio"),
                                        ("JSON API POST /api/ask", "api"))]))
        print(f"\n{clients} concurrent clients x {per_client} questions per round, two rounds per path in the order "
              f"Gradio, API, API, Gradio, one server; answers/s per round: Gradio "
              f"{', '.join(f'{x:.1f}' for x in serving['gradio']['rounds_per_s'])}, API "
              f"{', '.join(f'{x:.1f}' for x in serving['api']['rounds_per_s'])}; "
              f"API/Gradio answers per second: {serving.get('throughput_ratio', 0):.1f}x")
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
    eng, base, build, ui = out.get("engine", {}), out.get("baseline", {}), out.get("build", {}), out.get("start", {})
    if "error" in eng:
        rows.append(["Engine", "error", eng["error"][:200]])
    else:
        rows.append(["Cold start to a ready engine", _s(eng.get("ready_s")),
                     f"fresh process: imports {_s(eng.get('import_s'))}, Engine.load {_s(eng.get('load_s'))}, "
                     f"first answer {_s(eng.get('first_answer_s'))} (answer mode: {eng.get('mode') or '?'})"])
    if "skipped" in ui or "error" in ui:
        rows.append(["Start to a serving page", "skipped" if "skipped" in ui else "error",
                     (ui.get("skipped") or ui.get("error"))[:200]])
    else:
        rows.append(["Start to a serving page: bare Gradio app", _s(ui.get("bare_s")),
                     "median of " + ", ".join(f"{x:.2f}" for x in ui["bare_all"])
                     + " s; fresh process until the first HTTP 200 on / (a text box, a button, one API route)"])
        rows.append(["Start to a serving page: this app", _s(ui.get("app_s")),
                     "median of " + ", ".join(f"{x:.2f}" for x in ui["app_all"])
                     + f" s, started in turn with the bare app; {ui['ratio']:.2f}x the bare app"
                     + (f"; RSS then {ui['app_rss_mb']:.0f} MB" if ui.get("app_rss_mb") else "")])
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


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The options of `werkagenda bench` (werkagenda.py dispatches; `run` runs them)."""
    ap.add_argument("--questions", default=str(QUESTIONS_FILE), help="question set (JSONL)")
    ap.add_argument("--json", dest="json_out", help="also write the figures to this JSON file")
    ap.add_argument("--no-ui", action="store_true", help="skip the Gradio cold start")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the question set for the latencies")
    ap.add_argument("--starts", type=int, default=3, help="starts of each app for the start-up comparison")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients for the serving comparison")
    ap.add_argument("--per-client", type=int, default=10, help="questions per client for the serving comparison")
    ap.add_argument("--scale", help="only the growth study: comma-separated multiples of the 78 rows, e.g. 1,10,100")
    ap.add_argument("--no-server-mode", action="store_true", help="--scale without the `chroma run` server runs")
    ap.add_argument("--plot", default=str(REPO_ROOT / "docs" / "scale.png"), help="where --scale writes its plot")


def run(args: argparse.Namespace) -> int:
    if args.scale:
        try:
            scales = [int(x) for x in args.scale.split(",") if x.strip()]
        except ValueError:
            scales = None
        if not scales or min(scales) < 1:
            print(f"Fout: --scale verwacht getallen van 1 of meer, bijvoorbeeld 1,10,100 (niet '{args.scale}').",
                  file=sys.stderr)
            return 2
        figures = run_scale(scales, args.questions, server_mode=not args.no_server_mode, plot=Path(args.plot))
    else:
        figures = run_bench(args.questions, ui=not args.no_ui, repeat=args.repeat, starts=args.starts,
                            clients=args.clients, per_client=args.per_client)
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m eval.bench`: the worker mode the bench spawns, or `werkagenda bench` itself."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from app.process import configure_process

    configure_process()
    if argv[:1] == ["--worker"]:
        return _worker_main(argv[1:])
    from werkagenda import main as werkagenda_main

    return werkagenda_main(["bench", *argv])


if __name__ == "__main__":
    raise SystemExit(main())
