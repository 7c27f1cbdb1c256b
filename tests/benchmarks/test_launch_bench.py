"""benchmarks/launch_bench.py: a fresh process per launch, through create_window(argv), until rows are painted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "launch_bench.py"


def test_the_launch_benchmark_times_a_fresh_process_until_its_first_table_paints(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ":".join(sys.path),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--runs", "1", "--tokens", "50"], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    row = done.stdout.splitlines()[-1]
    assert "launch to first paint: 50 extra tokens of each kind" in row and " ms |" in row
    shown = int(row.split(" rows shown")[0].rsplit(", ", 1)[1].replace(",", ""))
    assert shown >= 50  # the first table painted the sandbox's tokens, not an empty table
