"""On-disk layout of the data directory, and the atomic swap of a finished build.

    <data_dir>/
      CURRENT              {"build_id": ...}: the build that open_index uses (replaced atomically)
      index.lock           flock'ed while a build runs, so two processes never build at once
      builds/<build_id>/
        chroma/            the PersistentClient directory (absent in server mode)
        rows.jsonl         the rows the build was made from
        manifest.json      written last: a build without it never completed

A rebuild writes a new builds/<id>/ next to the old one and only then replaces CURRENT, so an
interrupted or failed rebuild (killed, disk full) leaves CURRENT pointing at the old, complete
build. The half-written folder such a rebuild leaves is removed at the next start when no build
is running (try_lock), or by the next build.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .manifest import Manifest, read_manifest

# Builds kept besides the current one: a process that opened the previous build a moment ago
# keeps working; anything older is deleted on the next build.
KEEP_PREVIOUS = 1


@dataclass(frozen=True)
class BuildDir:
    build_id: str
    path: Path

    @property
    def chroma_dir(self) -> Path:
        return self.path / "chroma"

    @property
    def rows_file(self) -> Path:
        return self.path / "rows.jsonl"

    @property
    def manifest_file(self) -> Path:
        return self.path / "manifest.json"

    def manifest(self) -> Manifest | None:
        return read_manifest(self.manifest_file)


class Layout:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.builds_dir = self.data_dir / "builds"
        self.current_file = self.data_dir / "CURRENT"
        self.lock_file = self.data_dir / "index.lock"

    def build_dir(self, build_id: str) -> BuildDir:
        return BuildDir(build_id, self.builds_dir / build_id)

    def new_build(self) -> BuildDir:
        # Sortable by time (microseconds), unique across processes; also a valid collection name.
        now = time.time()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now)) + f"{int(now % 1 * 1e6):06d}"
        build_id = f"{stamp}-{secrets.token_hex(3)}"
        bd = self.build_dir(build_id)
        bd.path.mkdir(parents=True, exist_ok=False)
        return bd

    def current(self) -> BuildDir | None:
        """The build CURRENT points at, if it is complete (has a readable manifest)."""
        try:
            build_id = json.loads(self.current_file.read_text(encoding="utf-8"))["build_id"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        bd = self.build_dir(str(build_id))
        return bd if bd.manifest() is not None else None

    def swap_in(self, bd: BuildDir) -> None:
        """Point CURRENT at a complete build, atomically (rename over the old pointer)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".CURRENT.", dir=self.data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"build_id": bd.build_id}, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.current_file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prunable(self) -> list[BuildDir]:
        """Builds that may be deleted: incomplete ones and complete ones older than the kept few.

        Only call while holding the build lock, so no build is in progress."""
        current = self.current()
        if not self.builds_dir.exists():
            return []
        dirs = sorted((p for p in self.builds_dir.iterdir() if p.is_dir()), key=lambda p: p.name)
        complete = [self.build_dir(p.name) for p in dirs if self.build_dir(p.name).manifest() is not None]
        keep = {current.build_id} if current else set()
        older = [bd for bd in complete if current is None or bd.build_id < current.build_id]
        keep.update(bd.build_id for bd in older[-KEEP_PREVIOUS:] if KEEP_PREVIOUS)
        return [self.build_dir(p.name) for p in dirs if p.name not in keep]

    @staticmethod
    def remove(bd: BuildDir) -> None:
        shutil.rmtree(bd.path, ignore_errors=True)

    @contextlib.contextmanager
    def try_lock(self) -> Iterator[bool]:
        """The build lock if nobody holds it (True), else False at once: for tidying up at start,
        which must never wait for a build in another process."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lock_file, "a+") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive build lock across processes (released by the OS if the process dies)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lock_file, "a+") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
