"""benchmarks/cold_start.py from source: every measurement runs in fresh processes and reaches its finish line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "cold_start.py"


def test_the_cold_start_benchmark_reports_each_measure_against_its_floor(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ":".join(sys.path),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--runs", "1", "--small", "40", "--large", "300",
                           "--skip-first-use"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {line.split(" | ")[0].lstrip("| "): line for line in done.stdout.splitlines() if line.startswith("| ")}
    first_window = rows["cold first window: import → first paint (floor: bare PySide6 window)"]
    assert " ms (" in first_window and "×" in first_window  # a time and its ratio to the bare Qt window
    gui_cpu = rows["the same, GUI thread's CPU time (floor: the bare window's)"]
    assert " ms (" in gui_cpu and "×" in gui_cpu
    large = next(line for label, line in rows.items() if label.startswith("end to end, 3"))
    assert "database tokens (floor: `httpx.get` + `json.loads`)" in large and "×" in large
    one_process = [line for label, line in rows.items() if "list fetched in one process" in label]
    assert len(one_process) == 2  # the small and the large account, each against the one-process floor
    assert all(" ms (" in line and "×" in line and "the target (" in line for line in one_process)
    assert any(label.startswith("peak RSS") for label in rows)
    assert any(label.startswith("`python -m token_desk --demo`") for label in rows)
