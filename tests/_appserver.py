"""Helpers to run the real app on a free loopback port, in a subprocess (see conftest.py).

`app_server` (session-wide) starts `app.ui.launch` once with a private data directory (the
index is built there on first start), behind two privacy probes that run from the first
moment of the process:

- `watch`: samples psutil net_connections() of the server process and records every remote
  address it sees;
- `trap`: a local "proxy" that HTTP_PROXY/HTTPS_PROXY point to in the server's environment;
  every HTTP library that would phone home (httpx, requests, urllib) connects to it instead,
  and it records the attempt.

`start_app(...)` starts further servers (for the login tests and such); always stop them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 150.0  # first start builds the index (about 10 s here); generous for slow CI


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_loopback_ip(ip: str) -> bool:
    import ipaddress

    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return addr.is_loopback


class OutboundTrap:
    """A listener on 127.0.0.1 that records every connection made to it (used as the server's
    HTTP(S) proxy, so any attempt to reach the internet through an HTTP library lands here)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.attempts: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1", "replace")
                except OSError:
                    first = "(geen verzoek)"
                self.attempts.append(first)
                try:
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


class ConnectionWatch:
    """Samples the inet connections of one process (every `interval` s) until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.interval = interval
        self.remote: set[tuple[str, int, str]] = set()
        self.listening: set[tuple[str, int]] = set()
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                conns = self.proc.net_connections(kind="inet")
            except (psutil.NoSuchProcess, psutil.ZombieProcess):
                return
            except psutil.AccessDenied:  # pragma: no cover - we own the process
                return
            for c in conns:
                if c.raddr:
                    self.remote.add((c.raddr.ip, c.raddr.port, c.status))
                elif c.status == psutil.CONN_LISTEN and c.laddr:
                    self.listening.add((c.laddr.ip, c.laddr.port))
            self.samples += 1
            self._stop.wait(self.interval)

    def non_loopback(self) -> list[tuple[str, int, str]]:
        return sorted(r for r in self.remote if not is_loopback_ip(r[0]))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


class AppServer:
    def __init__(self, proc: subprocess.Popen, port: int, logdir: Path, trap: OutboundTrap | None,
                 watch: ConnectionWatch | None, data_dir: Path, env: dict) -> None:
        self.proc = proc
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.logdir = logdir
        self.trap = trap
        self.watch = watch
        self.data_dir = data_dir
        self.env = env
        self.startup_seconds: float | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stdout(self) -> str:
        return (self.logdir / "stdout.txt").read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return (self.logdir / "stderr.txt").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.watch is not None:
            self.watch.stop()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.trap is not None:
            self.trap.close()


def server_env(data_dir: Path, extra: dict | None = None, trap: OutboundTrap | None = None) -> dict:
    """A clean environment: none of the caller's WERKAGENDA_*/GRADIO_* settings leak in (so an LLM
    endpoint or a host configured in the shell cannot change what the tests see)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("WERKAGENDA_", "GRADIO_")) and k.upper() not in ("HTTP_PROXY", "HTTPS_PROXY",
                                                                                 "ALL_PROXY", "NO_PROXY")}
    env["WERKAGENDA_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    if trap is not None:
        for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            env[key] = trap.url
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost,::1"
    env.update(extra or {})
    return env


def launch_command(port: int) -> list[str]:
    return [sys.executable, "-c", f"import sys; from app.ui import launch; sys.exit(launch(port={port}))"]


def wait_until_serving(server: AppServer, timeout: float = START_TIMEOUT) -> None:
    """Bounded wait: any HTTP answer (200, 401, ...) on the port means the app is up."""
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"de app stopte tijdens het starten (code {server.proc.returncode}):\n"
                               + server.stderr()[-3000:])
        try:
            with urllib.request.urlopen(server.url + "/", timeout=2) as resp:
                resp.read(1)
            break
        except urllib.error.HTTPError:
            break  # it answered: up (with a login, for example)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.25)
    else:
        server.stop()
        raise RuntimeError(f"de app kwam niet binnen {timeout:.0f} s op:\n" + server.stderr()[-3000:])
    server.startup_seconds = time.monotonic() - started


def start_app(data_dir: Path, logdir: Path, *, env: dict | None = None, port: int | None = None,
              trap: bool = False, watch: bool = False, wait: bool = True,
              timeout: float = START_TIMEOUT) -> AppServer:
    logdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    the_trap = OutboundTrap() if trap else None
    full_env = server_env(data_dir, env, the_trap)
    with open(logdir / "stdout.txt", "wb") as out, open(logdir / "stderr.txt", "wb") as err:
        proc = subprocess.Popen(launch_command(port), cwd=REPO, env=full_env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
    the_watch = ConnectionWatch(proc.pid) if watch else None
    server = AppServer(proc, port, logdir, the_trap, the_watch, data_dir, full_env)
    if wait:
        try:
            wait_until_serving(server, timeout)
        except BaseException:
            server.stop()
            raise
    return server


def api_request(url: str, path: str, body=None, *, method: str | None = None, headers: dict | None = None,
                raw: bytes | None = None, auth: tuple[str, str] | None = None, timeout: float = 60):
    """One HTTP request to the JSON API: (status, headers, parsed JSON body or text). `body` is sent
    as JSON, `raw` as is; HTTP errors are returned, not raised."""
    import base64
    import json

    data = raw if raw is not None else (json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None)
    all_headers = {"Content-Type": "application/json"} if data is not None else {}
    if auth:
        all_headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    all_headers.update(headers or {})
    req = urllib.request.Request(url + path, data=data, headers=all_headers,
                                 method=method or ("POST" if data is not None else "GET"))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, hdrs, payload = resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        status, hdrs, payload = exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()
    text = payload.decode("utf-8", "replace")
    try:
        return status, hdrs, json.loads(text)
    except ValueError:
        return status, hdrs, text
