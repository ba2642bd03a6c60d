"""Load and privacy against the real app over loopback.

Load: 20 concurrent clients, 10 questions each, once through Gradio's
/chat (gradio_client, the queue protocol) and once through the JSON API (POST /api/ask, one
keep-alive connection per client, the load generator `werkagenda bench` uses): no errors, and
every answer identical to the answer to the same question asked alone. Latencies (p50/p95) are
printed, not asserted: run with -s to see them; speed is measured by `werkagenda bench`. A
time-out (HANG_S) only stops a run that would otherwise never end.

Privacy: from the first moment of the server process (see tests/_appserver.py), all of its
connections were to loopback addresses, nothing tried to use the (trap) HTTP proxy, and Gradio
analytics are off inside the process.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow

N_CLIENTS = 20
PER_CLIENT = 10
# Not a speed requirement: a run that has not finished by then is hung. The whole 200-answer run
# takes well under a minute on 2 cores (README, Speed); ten times that still means "stuck".
HANG_S = 600.0

# (question, prioriteit, doelstelling, partij): a mix of answer kinds, with and without filters.
QUESTIONS = [
    ("wat is de status van het bbl-offensief?", "Alle", "Alle", "Alle"),
    ("wie is verantwoordelijk voor de studentenkaart?", "Alle", "Alle", "Alle"),
    ("wanneer komt de evaluatie van het studentenfonds?", "Alle", "Alle", "Alle"),
    ("welke acties betreffen JOB?", "Alle", "Alle", "Alle"),
    ("wat is er sinds de zomer van 2024 veranderd bij stagediscriminatie?", "Alle", "Alle", "Alle"),
    ("welke acties zijn er?", "Alle", "Alle", "JOB"),
    ("wat gebeurt er met de docenten?", "3", "Alle", "Alle"),
    ("Wat doet de werkagenda voor studenten?", "Alle", "Alle", "Alle"),
    ("hoeveel kost een ruimtereis naar Mars?", "Alle", "Alle", "Alle"),
    ("<b>stages</b>", "Alle", "2.2", "Alle"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def test_twenty_concurrent_clients(app_server):
    from gradio_client import Client

    solo = Client(app_server.url, verbose=False)
    reference, solo_ms = {}, []
    for q in QUESTIONS:
        t0 = time.perf_counter()
        reference[q] = solo.predict(*q, api_name="/chat")
        solo_ms.append((time.perf_counter() - t0) * 1000)

    latencies: list[float] = []
    answers: list[tuple[tuple, str]] = []
    errors: list[str] = []
    lock = threading.Lock()
    ready = threading.Barrier(N_CLIENTS + 1, timeout=HANG_S)  # connecting is guarded against hangs only, too

    def worker(i: int) -> None:
        try:
            client = Client(app_server.url, verbose=False)
        except Exception as exc:  # noqa: BLE001
            with lock:
                errors.append(f"client {i}: verbinden mislukt: {exc!r}")
            ready.abort()
            return
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        for j in range(PER_CLIENT):
            q = QUESTIONS[(i + j) % len(QUESTIONS)]
            t0 = time.perf_counter()
            try:
                text = client.predict(*q, api_name="/chat")
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"client {i}, vraag {j}: {exc!r}")
                continue
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                answers.append((q, text))

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(N_CLIENTS)]
    for t in threads:
        t.start()
    try:
        ready.wait()
    except threading.BrokenBarrierError:
        pytest.fail(f"niet alle clients konden verbinden: {errors[:3]}")
    started = time.perf_counter()
    deadline = time.monotonic() + HANG_S
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    wall = time.perf_counter() - started

    assert not [t for t in threads if t.is_alive()], f"na {HANG_S:.0f} s nog niet klaar: vastgelopen"
    assert errors == []
    assert len(answers) == N_CLIENTS * PER_CLIENT
    different = [q[0] for q, text in answers if text != reference[q]]
    assert different == [], f"{len(different)} antwoorden wijken af van het antwoord op dezelfde vraag alleen"

    ms = [x * 1000 for x in latencies]
    print(f"\nbelasting: {N_CLIENTS} clients x {PER_CLIENT} vragen = {len(ms)} antwoorden in {wall:.1f} s "
          f"({len(ms) / wall:.1f}/s); latentie p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
          f"max {max(ms):.0f} ms, gemiddeld {statistics.mean(ms):.0f} ms; "
          f"één client alleen: mediaan {statistics.median(solo_ms):.0f} ms")


def test_twenty_concurrent_clients_through_the_api(app_server):
    from eval.bench import ApiClient, api_load, comparable

    bodies = [{"question": q, "filters": {"prioriteit": prio, "doelstelling": doel, "partij": partij}}
              for q, prio, doel, partij in QUESTIONS]
    solo = ApiClient(app_server.url)
    reference, solo_ms = {}, []
    for k, body in enumerate(bodies):
        t0 = time.perf_counter()
        reference[k] = comparable(solo.ask(body))
        solo_ms.append((time.perf_counter() - t0) * 1000)
    # The filters arrive: the party-filtered list is that party's list.
    assert reference[5]["plan"]["filters"].get("partij") == "JOB"

    run = api_load(app_server.url, bodies, N_CLIENTS, PER_CLIENT, budget_s=HANG_S)
    assert run["errors"] == []
    assert len(run["answers"]) == N_CLIENTS * PER_CLIENT
    different = [bodies[k]["question"] for k, answer in run["answers"] if answer != reference[k]]
    assert different == [], f"{len(different)} antwoorden wijken af van het antwoord op dezelfde vraag alleen"

    ms = run["latencies_ms"]
    print(f"\nbelasting via /api/ask: {N_CLIENTS} clients x {PER_CLIENT} vragen = {len(ms)} antwoorden in "
          f"{run['wall_s']:.1f} s ({run['answers_per_s']:.1f}/s); latentie p50 {percentile(ms, 50):.0f} ms, "
          f"p95 {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms; één client alleen: mediaan "
          f"{statistics.median(solo_ms):.0f} ms")


def test_no_outbound_connections_and_analytics_off(app_server, client):
    # Some answering while the watch runs (it has been running since the process started).
    for q in QUESTIONS[:4]:
        assert client.predict(*q, api_name="/chat")
    time.sleep(0.3)
    watch = app_server.watch
    assert watch.samples >= 20, "de verbindingsbewaking heeft te weinig metingen gedaan"
    assert watch.remote, "geen enkele verbinding gezien: de bewaking werkt niet"
    assert watch.non_loopback() == [], f"verbindingen buiten deze computer: {watch.non_loopback()}"
    assert watch.listening and all(ip in ("127.0.0.1", "::1") for ip, _ in watch.listening)
    assert app_server.trap.attempts == [], f"pogingen om naar buiten te gaan: {app_server.trap.attempts}"

    # Analytics off inside the process, although its environment said True.
    assert app_server.env["GRADIO_ANALYTICS_ENABLED"] == "True"
    with urllib.request.urlopen(app_server.url + "/config", timeout=10) as resp:
        assert json.load(resp)["analytics_enabled"] is False
    print(f"\nprivacy: {watch.samples} metingen, {len(watch.remote)} verschillende verbindingen, alle via loopback")
