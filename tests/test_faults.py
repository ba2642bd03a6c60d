"""Faults around the data directory: corrupted or foreign stores, an unusable directory."""

import subprocess
import sys
from pathlib import Path

import pytest

from index import IndexConfig, build_index, open_index
from index.datadir import Layout
from ingest import load_rows

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rows():
    return load_rows()[:12]


def test_corrupted_chroma_store_is_rebuilt(tmp_path, rows):
    cfg = IndexConfig(data_dir=tmp_path)
    build_index(cfg, rows=rows)
    chroma_dir = Layout(tmp_path).current().chroma_dir
    for f in chroma_dir.rglob("*"):
        if f.is_file():
            f.write_bytes(b"dit is geen database\x00" * 64)
    idx = open_index(cfg, rows=rows)
    assert idx.build_report is not None and idx.build_report.action == "rebuilt"
    assert idx.search(rows[3].wat, k=1).hits[0].row.id == rows[3].id


def test_foreign_directory_gets_a_fresh_index(tmp_path, rows):
    (tmp_path / "builds" / "iets").mkdir(parents=True)
    (tmp_path / "builds" / "iets" / "manifest.json").write_text("{geen json", encoding="utf-8")
    (tmp_path / "CURRENT").write_text("bestaat-niet\n", encoding="utf-8")
    (tmp_path / "vakantiefoto.jpg").write_bytes(b"\xff\xd8\xff")
    idx = open_index(IndexConfig(data_dir=tmp_path), rows=rows)
    assert idx.search(rows[0].wat, k=1).hits[0].row.id == rows[0].id
    assert (tmp_path / "vakantiefoto.jpg").exists()  # never deletes what is not ours


def test_unusable_data_directory_gives_a_dutch_message(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    env = {"WERKAGENDA_DATA_DIR": str(blocker / "data"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "werkagenda", "ask", "status bbl-offensief"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "datamap" in proc.stderr and "is geen map" in proc.stderr


@pytest.fixture
def read_only_dir(tmp_path):
    """A read-only bind mount (root ignores permission bits, so chmod would prove nothing)."""
    src, ro = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    ro.mkdir()
    if subprocess.run(["mount", "--bind", str(src), str(ro)], capture_output=True).returncode != 0:
        pytest.skip("een alleen-lezen bind mount kan hier niet worden gemaakt")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], capture_output=True).returncode != 0:
            pytest.skip("een alleen-lezen bind mount kan hier niet worden gemaakt")
        yield src, ro
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


def _ask(data_dir, tmp_path):
    env = {"WERKAGENDA_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "werkagenda", "ask", "status bbl-offensief"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_read_only_data_directory_gives_a_dutch_message(read_only_dir, tmp_path):
    src, ro = read_only_dir
    proc = _ask(ro, tmp_path)  # empty and read-only: nothing can be built
    assert proc.returncode == 1
    assert "datamap" in proc.stderr and "niet bruikbaar" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_read_only_data_directory_with_an_index_is_left_intact(read_only_dir, tmp_path, rows):
    src, ro = read_only_dir
    subprocess.run(["umount", str(ro)], check=True)
    build_index(IndexConfig(data_dir=src), rows=rows)
    before = sorted(str(p.relative_to(src)) for p in src.rglob("*"))
    subprocess.run(["mount", "--bind", str(src), str(ro)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
    proc = _ask(ro, tmp_path)
    assert "Traceback" not in proc.stderr
    # Chroma's SQLite opens its files for writing even to read, so a read-only copy of a complete
    # index is refused, in Dutch, and left exactly as it was (known limitation, README).
    assert proc.returncode == 1 and "alleen-lezen bestandssysteem" in proc.stderr
    assert sorted(str(p.relative_to(src)) for p in src.rglob("*")) == before
