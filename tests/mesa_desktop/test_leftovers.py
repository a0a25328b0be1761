from __future__ import annotations

import os
import subprocess
import sys
import time

from mesa_desktop.bundle import keys
from mesa_desktop.leftovers import sweep_leftovers
from mesa_desktop.store import Store


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_dead_writers_temp_files_are_removed_when_the_store_opens(tmp_path):
    Store(tmp_path / "mesa.sqlite").close()
    dead = _dead_pid()
    left = [
        tmp_path / f".mesa.sqlite.{dead}-abcd1234.tmp",
        tmp_path / f".mesa.sqlite.{dead}-abcd1234.tmp-journal",
        tmp_path / "copias" / f".diaria-2026-01-01.sqlite.{dead}-x1y2z3.tmp",
        tmp_path / f".firma-instalacion.key.{dead}-0123abcd.new",
    ]
    for path in left:
        path.write_bytes(b"secreto")
    mine = tmp_path / f".informe.pdf.{os.getpid()}-abcdefgh.tmp"  # a live writer's file
    mine.write_bytes(b"en curso")
    kept = tmp_path / "notas.tmp"  # not ours
    kept.write_bytes(b"")

    Store(tmp_path / "mesa.sqlite").close()

    assert [p for p in left if p.exists()] == []
    assert mine.exists() and kept.exists()


def test_old_format_temp_files_go_once_they_are_an_hour_old_and_key_copies_at_once(tmp_path):
    old = tmp_path / ".acta.pdf.a1b2c3d4.tmp"
    recent = tmp_path / ".acta.pdf.k2j3h4g5.tmp"
    key_copy = tmp_path / ".firma-instalacion.key.0f1e2d3c4b5a69788796a5b4c3d2e1f0.new"
    for path in (old, recent, key_copy):
        path.write_bytes(b"x")
    an_hour_ago = time.time() - 3700
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert sorted(sweep_leftovers(tmp_path)) == sorted([old, key_copy])
    assert recent.exists()


def test_the_installation_key_is_created_private_with_no_copy_beside_it(tmp_path):
    key = keys.installation_signing_key(tmp_path)
    assert key is not None
    secret, _public = keys.installation_key_paths(tmp_path)
    if os.name == "posix":
        assert secret.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["firma-instalacion.key", "firma-instalacion.pub"]
