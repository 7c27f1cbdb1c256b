"""benchmarks/cold_instructions.py: each start-up stage counted in a fresh process under callgrind, beside the
bare window's (valgrind is installed by .ci/setup)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "cold_instructions.py"


def test_each_stage_is_counted_for_the_app_and_the_bare_window(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ":".join(sys.path),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--through", "1", "--database-tokens", "20"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[1:] for line in done.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| Stage")}
    python_itself, importing = rows["Python itself (start-up, site)"], rows["`import token_desk.app`"]
    assert float(python_itself[0].replace(",", "")) > 1  # millions of instructions, the same for both
    assert python_itself[0] == python_itself[1]
    assert float(importing[0].replace(",", "")) > 10 and importing[1] == "0"  # the bare window imports nothing of ours
    assert "**in all**" in rows
