"""benchmarks/launch_bench.py against the app from source: it finds the first paint and reports it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "launch_bench.py"


def test_the_launch_benchmark_times_the_demo_until_its_first_table_paints(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ":".join(sys.path),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--runs", "1", "--tokens", "50",
                           sys.executable, "-m", "token_desk"], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    row = done.stdout.splitlines()[-1]
    assert "launch to first paint: demo + 50 tokens of each kind" in row and " ms |" in row
