"""Where the cold first window goes, counted in instructions: Token Desk's start beside the bare PySide6 window's.

    .venv/bin/python benchmarks/cold_instructions.py                  # needs valgrind (callgrind)
    .venv/bin/python benchmarks/cold_instructions.py --source /path/to/other/checkout/desktop

Wall times on a shared 2-core machine move by a third from one minute to the next; the instructions a process
runs do not (callgrind counts them; two runs agree to well under 1 %). So each stage of the start is a fresh
process stopped right after that stage, run under callgrind, and a stage's cost is its count less the stage
before's. The stages are those `cold_start.py` times (same children's environment, same sandbox and quick
influxctl, bytecode cached): Python itself; `import token_desk.app`; PySide6 and the start's own modules;
`create_application()`; `create_window(argv)`; show until the window's first paint. The bare window
(launch_floor/bare_window.py) goes through the same stages. Instructions are not time (a cache miss or a page
fault costs more than an add), but what a stage adds or saves shows here without the noise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cold_start import BARE_WINDOW_FOLDER, DESKTOP, Sandbox, child_environment

# Each child runs the stages up to `last` and ends the process there (os._exit: closing down is not measured).
_APP_CHILD = r"""
import os, sys
last, argv = int(sys.argv[1]), sys.argv[2:]
def stage(n):
    if n > last:
        os._exit(0)
stage(1)
import token_desk.app
stage(2)
from PySide6.QtCore import QEvent, QObject, QTimer
from token_desk.ui.common.application import create_application
stage(3)
app = create_application()
stage(4)
window = token_desk.app.create_window(argv)
stage(5)
class Watcher(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))  # after the whole first paint pass
        return False
watcher = Watcher()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

_BARE_CHILD = r"""
import os, sys
last = int(sys.argv[1])
def stage(n):
    if n > last:
        os._exit(0)
stage(1)
sys.path.insert(0, sys.argv[2])
stage(2)
from bare_window import bare_window
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
stage(3)
app = QApplication([])
stage(4)
window = bare_window()
stage(5)
class Watcher(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))
        return False
watcher = Watcher()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

STAGES = ("Python itself (start-up, site)", "`import token_desk.app`", "PySide6 and the start's modules imported",
          "application made", "window made (`create_window` / `bare_window()`)", "shown, until the first paint")
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(args: list[str], env: dict[str, str]) -> int:
    """The instructions `python args` runs, as callgrind counts them."""
    with tempfile.TemporaryDirectory(prefix="token-desk-callgrind-") as folder:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out",
                               sys.executable, *args], env=env, capture_output=True, text=True, timeout=900)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind run failed ({done.returncode}): {done.stderr[-2000:]}")
    return int(found.group(1))


def stage_costs(totals: list[int]) -> list[int]:
    """Each stage's own instructions: its process's count less the stage before's."""
    return [total - before for before, total in zip([0, *totals], totals)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DESKTOP,
                        help="the desktop/ folder of the tree to count (default: this one's)")
    parser.add_argument("--database-tokens", type=int, default=1000, help="the sandbox's database tokens")
    parser.add_argument("--through", type=int, choices=range(len(STAGES)), default=len(STAGES) - 1,
                        help="count the stages up to this one only (0: Python itself … 5: the first paint)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("cold_instructions.py needs valgrind (apt install valgrind); cold_start.py times without it")
    config_dir = tempfile.mkdtemp(prefix="token-desk-instructions-")
    env = child_environment(config_dir, args.source.resolve())
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(args.source / "token_desk")], env=env, check=True)
    sandbox = Sandbox(env, args.database_tokens, Path(config_dir, "influxctl"))  # cold_start.py's quick influxctl
    try:
        app_env = {**env, "INFLUX_MANAGEMENT_TOKEN": sandbox.token}
        stages = range(args.through + 1)
        runs = [(["-c", _APP_CHILD, str(last), *sandbox.argv()], app_env) for last in stages]
        runs += [(["-c", _BARE_CHILD, str(last), str(BARE_WINDOW_FOLDER)], env) for last in stages]
        subprocess.run([sys.executable, "-c", _APP_CHILD, str(args.through), *sandbox.argv()], env=app_env,
                       check=True, timeout=120)  # warm: the bytecode and the quick influxctl's answers
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = list(pool.map(lambda run: instructions(*run), runs))
    finally:
        sandbox.stop()
        shutil.rmtree(config_dir, ignore_errors=True)
    print(report(stage_costs(counts[:len(stages)]), stage_costs(counts[len(stages):])))


def millions(count: int) -> int:
    return round(count / 1e6)  # an int: a stage of a few thousand instructions less reads 0, not -0


def report(app: list[int], bare: list[int]) -> str:
    lines = ["| Stage (a fresh process stopped after each) | Token Desk, M instructions | bare window | difference |",
             "|---|---:|---:|---:|"]
    for name, mine, floor in zip(STAGES, app, bare):
        lines.append(f"| {name} | {millions(mine):,} | {millions(floor):,} | {millions(mine - floor):+,} |")
    lines.append(f"| **in all** | **{millions(sum(app)):,}** | **{millions(sum(bare)):,}** | "
                 f"**{sum(app) / sum(bare):.2f}×** |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
