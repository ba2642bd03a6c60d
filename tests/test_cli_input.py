"""Bad input to `werkagenda ask` gets a Dutch message and a non-zero exit, never a traceback; a batch
skips a bad line, names its number, goes on (or stops with --strict) and echoes each line's id."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    return {**os.environ, "WERKAGENDA_DATA_DIR": str(data)}


def run(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "werkagenda", "ask", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=600)


def test_a_question_that_is_no_utf8(env):
    proc = subprocess.run([sys.executable, "-m", "werkagenda", "ask", b"bbl \xff"], cwd=ROOT, env=env,
                          capture_output=True, timeout=600)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "geen geldige tekst" in err and "Traceback" not in err


def test_a_batch_skips_bad_lines_and_echoes_ids(env, tmp_path):
    batch = tmp_path / "vragen.jsonl"
    lines = [
        json.dumps({"id": "a", "question": "wat is de status van het bbl-offensief?"}),
        '{"id": "b", "question": "\\ud800"}',
        json.dumps({"id": "c", "question": None}),
        json.dumps({"id": "d"}),
        "geen json",
        json.dumps({"id": "e", "question": "wie doet de studentenkaart?"}),
    ]
    batch.write_text("\n".join(lines), encoding="utf-8")
    proc = run(env, "--batch", str(batch), "--json")
    err, out = proc.stderr.decode(), proc.stdout.decode()
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["id"] for a in answers] == ["a", "e"]
    for no in (2, 3, 4, 5):
        assert f"regel {no} " in err
    assert proc.returncode == 1 and "Traceback" not in err
    strict = run(env, "--batch", str(batch), "--json", "--strict")
    assert strict.returncode == 1 and len(strict.stdout.decode().splitlines()) == 1


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_a_batch_with_a_byte_order_mark(env, tmp_path, encoding, bom):
    batch = tmp_path / "vragen.jsonl"
    batch.write_bytes(bom + json.dumps({"id": 1, "question": "status bbl-offensief"}).encode(encoding))
    proc = run(env, "--batch", str(batch), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode())["id"] == 1


def test_serve_on_an_ipv6_loopback_address(env):
    import socket
    import time
    import urllib.request

    with socket.socket(socket.AF_INET6) as s:
        s.bind(("::1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "werkagenda", "serve"], cwd=ROOT,
                            env={**env, "WERKAGENDA_HOST": "::1", "WERKAGENDA_PORT": str(port)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline, body = time.monotonic() + 120, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://[::1]:{port}/api/health", timeout=2) as resp:
                    body = json.loads(resp.read())
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None and body["status"] == "ok", proc.stderr.read1().decode() if proc.poll() else ""
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_reader_that_goes_away_gets_no_traceback(env):
    """`werkagenda ask … | head -0`: the pipe is closed before the answer is written (the command
    needs seconds to start); it stops quietly with the shell's code for a broken pipe."""
    proc = subprocess.Popen([sys.executable, "-m", "werkagenda", "ask", "wat is de status van het bbl-offensief?"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=600)
    assert "Traceback" not in err and code == 141, (code, err)
