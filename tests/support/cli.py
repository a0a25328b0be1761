"""The ``mesa`` command as the tests run it, with its own environment (no ``MESA_DB`` or
``MESA_DATA_DIR`` leaking in from the caller).

Two ways, same result (a ``CompletedProcess`` with the exit code, stdout and stderr):

* the installed console script in a child process — what a person runs (DESIGN §8);
* ``mesa_desktop.cli.main.main`` in this process, with stdout, stderr and the environment
  swapped for the call — about a second less per call, for ``./run test --fast``.

``MESA_TEST_CLI=in-process`` (set by ``./run test --fast``) chooses the second; otherwise (the
whole suite, ``./run test``) the console script runs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path

MESA = shutil.which("mesa", path=str(Path(sys.executable).parent)) or "mesa"
MODE_ENV = "MESA_TEST_CLI"


def run(*args: str, db: Path | None = None, env_db: Path | None = None) -> subprocess.CompletedProcess:
    """``mesa [--db DB] ARGS…`` with ``MESA_DB`` unset, or set to ``env_db``."""
    changes: dict[str, str | None] = {"MESA_DB": None if env_db is None else str(env_db)}
    command = [*(["--db", str(db)] if db else []), *args]
    return _mesa(command, changes, timeout=60)


def mesa(*args, db=None, env=None) -> subprocess.CompletedProcess:
    """``mesa [--db DB] ARGS…`` without ``MESA_DB``/``MESA_DATA_DIR``, plus ``env``."""
    changes: dict[str, str | None] = {"MESA_DB": None, "MESA_DATA_DIR": None, **(env or {})}
    command = [*(["--db", str(db)] if db else []), *map(str, args)]
    return _mesa(command, changes, timeout=120)


def as_json(result: subprocess.CompletedProcess):
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def _mesa(args: list[str], changes: Mapping[str, str | None], *, timeout: int) -> subprocess.CompletedProcess:
    if os.environ.get(MODE_ENV) == "in-process":
        return run_in_process(args, changes)
    env = {k: v for k, v in {**os.environ, **changes}.items() if v is not None}
    return subprocess.run([MESA, *args], capture_output=True, text=True, env=env, timeout=timeout)


def run_in_process(args: list[str], changes: Mapping[str, str | None]) -> subprocess.CompletedProcess:
    from mesa_desktop.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with _environment(changes), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse: usage errors (2), --help and --version (0)
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        except Exception:  # as the interpreter would: a traceback on stderr, exit status 1
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess([MESA, *args], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            _set(name, value)
        yield
    finally:
        for name, value in saved.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
