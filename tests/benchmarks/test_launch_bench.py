"""benchmarks/launch_bench.py: fresh processes launched until Qt's first flush, each against its same-run floor.

tests/packaging/test_packaged_app.py runs it against the packaged app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "launch_bench.py"


def launch_rows(stdout: str) -> dict[str, list[str]]:
    """The benchmark's table, by launch: its cells (wall, ratio, CPU, CPU ratio, target, result)."""
    rows = [line.strip("| ").split(" | ") for line in stdout.splitlines() if line.startswith("| ")]
    return {cells[0]: cells[1:] for cells in rows[1:]}  # after the header


def test_the_launch_benchmark_times_the_source_demo_against_a_bare_window(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ":".join(sys.path),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--runs", "1"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    rows = launch_rows(done.stdout)
    assert list(rows) == ["`python -m token_desk --demo`, from source", "bare PySide6 window, from source"]
    wall, ratio, cpu, *_ = rows["`python -m token_desk --demo`, from source"]
    assert wall.endswith(")") and " ms (" in wall and ratio.endswith("×")  # a time, and its ratio to the floor
    assert " ms (" in cpu  # the CPU the app had used when it first painted (this is Linux)
