"""The code's seams: one command line for every subcommand, app independent of eval, one process
set-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBCOMMANDS = ("ingest", "index", "ask", "serve", "export", "eval", "bench")


def test_help_lists_every_subcommand():
    proc = subprocess.run([sys.executable, "-m", "werkagenda", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0
    listed = [line.split()[0] for line in proc.stdout.splitlines() if line.startswith("    ") and line.split()]
    assert listed == list(SUBCOMMANDS)


def test_every_subcommand_has_its_own_help():
    from werkagenda import build_parser

    parser = build_parser()
    for name in SUBCOMMANDS:
        try:
            parser.parse_args([name, "--help"])
        except SystemExit as exc:
            assert exc.code == 0, name


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_app_imports_nothing_from_eval():
    """eval measures app from the outside; app (and ingest, index) must not depend on it, not even
    lazily inside a function."""
    offenders = {}
    for package in ("app", "index", "ingest"):
        for path in sorted((ROOT / package).glob("*.py")):
            bad = sorted(m for m in _imported_modules(path) if m == "eval" or m.startswith("eval."))
            if bad:
                offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_the_process_is_set_up_in_one_place():
    """The offline/telemetry switches are set by app/process.py only (index/ keeps a guard for
    users of the library alone, eval/bench.py passes them to its worker processes)."""
    allowed = {"app/process.py", "index/__init__.py", "index/store.py", "eval/bench.py"}
    setters = set()
    for package in ("app", "index", "ingest", "eval"):
        for path in (ROOT / package).glob("*.py"):
            text = path.read_text(encoding="utf-8")
            if any(f'"{var}"' in text for var in ("HF_HUB_OFFLINE", "GRADIO_ANALYTICS_ENABLED",
                                                   "ANONYMIZED_TELEMETRY", "TRANSFORMERS_OFFLINE")):
                setters.add(str(path.relative_to(ROOT)))
    for path in [ROOT / "werkagenda.py"]:
        assert "environ[" not in path.read_text(encoding="utf-8")
    assert setters <= allowed and "app/process.py" in setters


def test_process_setup_forces_the_offline_switches(monkeypatch):
    from app.process import FORCED_ENV, configure_process

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "True")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    configure_process()
    import os

    assert {k: os.environ[k] for k in FORCED_ENV} == FORCED_ENV
