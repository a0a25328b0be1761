"""The benchmark's entry point keeps working from benchmarks/, and a missed budget fails the run."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from tests.support import ROOT

SCRIPT = ROOT / "benchmarks" / "benchmark.py"


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("mesa_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # a benchmark section in a child process
def test_the_quickest_section_runs_and_writes_its_json(tmp_path):
    out = tmp_path / "benchmark.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--only", "search", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.exists(), done.stdout + done.stderr
    results = json.loads(out.read_text())
    assert results and all(isinstance(item["ok"], bool) for item in results)
    assert "Resumen" in done.stdout
    # A loaded machine may miss the budget; the status must then say so, and only then.
    expected = 0 if all(item["ok"] for item in results) else 1
    assert done.returncode == expected, done.stdout + done.stderr


def test_exit_status_is_1_when_a_budget_is_missed():
    exit_status = _benchmark_module().exit_status
    ok = {"name": "a", "value": 1.0, "unit": "ms", "budget": "≤ 2 ms", "ok": True, "baseline": ""}
    assert exit_status([ok, ok]) == 0
    assert exit_status([ok, {**ok, "ok": False}]) == 1
    assert exit_status([]) == 1  # nothing measured is not a pass


def test_growth_linearity_is_the_slowest_size_over_the_fastest():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_growth
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    rows = [
        {
            "backend": "SQLite",
            "size": size,
            "seconds": size * per / 1000,
            "per_bundle_ms": per,
            "statuses": {"imported": size},
            "reimport_seconds": 0.1,
            "reimport_unchanged": True,
        }
        for size, per in ((100, 30.0), (1100, 33.0), (5000, 45.0))
    ]
    linear, idempotent = bench_growth.results(rows)
    assert linear["value"] == 1.5 and linear["ok"] is False  # 1.5 × is over the 1.3 × budget
    assert idempotent["ok"] is True
    rows[2]["per_bundle_ms"] = 36.0
    assert bench_growth.results(rows)[0]["ok"] is True
