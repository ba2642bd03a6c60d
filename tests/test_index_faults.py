"""Damaged and interrupted index data: a Dutch message or a rebuild, never a traceback, and the
last good index is kept."""

import json
import subprocess
import sys

import pytest

from app.engine import StartupError, load_engine
from index import IndexConfig, open_index
from index.datadir import Layout


@pytest.fixture()
def cfg(tmp_path):
    return IndexConfig.from_env({"WERKAGENDA_DATA_DIR": str(tmp_path / "data")})


def test_a_damaged_manifest_means_rebuild(cfg):
    first = open_index(cfg)
    layout = Layout(cfg.data_dir)
    layout.current().manifest_file.write_text("[1, 2]", encoding="utf-8")
    again = open_index(cfg)
    assert again.build_report is not None and again.build_report.action == "built"
    assert len(again.rows) == len(first.rows)


def test_a_failed_rebuild_keeps_the_old_index(cfg, monkeypatch):
    from ingest import load_rows

    open_index(cfg)
    old = Layout(cfg.data_dir).current().build_id
    rows = load_rows()
    changed = [rows[0].model_copy(update={"voortgang": rows[0].voortgang + " Nieuw."}), *rows[1:]]

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("index.build._write_build", disk_full)
    idx = open_index(cfg, rows=changed)
    assert Layout(cfg.data_dir).current().build_id == old
    assert "de schijf is vol" in idx.warning and idx.rows[0].voortgang == rows[0].voortgang


def test_no_index_and_a_failing_build_is_a_dutch_startup_error(cfg, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("InternalError: database or disk is full")

    monkeypatch.setattr("index.build._write_build", broken)
    with pytest.raises(StartupError) as err:
        load_engine(cfg)
    assert "de schijf is vol" in str(err.value) and "InternalError" not in str(err.value)


def test_empty_rows_are_refused_in_dutch(cfg):
    from ingest import IngestError

    with pytest.raises(IngestError, match="geen acties"):
        open_index(cfg, rows=[])


def test_half_written_builds_are_removed_at_the_next_start(cfg):
    open_index(cfg)
    layout = Layout(cfg.data_dir)
    stale = layout.new_build()  # what a build killed with -9 leaves: a folder without manifest
    (stale.path / "chroma").mkdir()
    assert stale.path.exists()
    open_index(cfg)
    assert not stale.path.exists() and layout.current() is not None


def test_a_data_dir_that_is_a_file_gives_a_dutch_reason(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    proc = subprocess.run([sys.executable, "-m", "werkagenda", "ask", "status bbl"], capture_output=True, text=True,
                          env={"WERKAGENDA_DATA_DIR": str(target / "sub"), "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path)}, timeout=300)
    assert proc.returncode == 1
    assert "datamap" in proc.stderr and "is geen map" in proc.stderr
    assert "Not a directory" not in proc.stderr and "Traceback" not in proc.stderr
