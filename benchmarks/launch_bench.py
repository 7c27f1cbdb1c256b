"""Launch to first paint: how long a fresh process takes from its first `import token_desk.app` until its first
token table has painted the first of 1,000 extra tokens of each kind (median of 5 launches). Target: under 1 s.

    .venv/bin/python benchmarks/launch_bench.py

It measures through the app's public seams only: a sandbox serves the tokens (its `populate` parameter, as
table_bench.py uses it; its influxctl emulator answers for management tokens), and each launch is a fresh Python process that does what `token-desk --url …` does,
`create_window(argv)` then show, and watches its tables' viewports for the first paint with rows. Settings
go to a throwaway folder. Without a DISPLAY it runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

from token_desk.sandbox import start_sandbox  # noqa: E402
from token_desk.sandbox.influxctl import write_launcher  # noqa: E402

TARGET_SECONDS = 1.0

# Run in the fresh process: time from before the first import of the app to the first painted rows.
LAUNCH = r"""
import sys, time
started = time.perf_counter()
from token_desk.app import create_window
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            view = watched.parent()
            rows = view.model().rowCount() if view.model() is not None else 0
            if rows:
                QTimer.singleShot(0, lambda: finish(rows))  # once this paint has been handled
        return False

def finish(rows):
    print(f"{time.perf_counter() - started:.6f} {rows}", flush=True)
    app.exit(0)

app = QApplication(sys.argv[:1])
window = create_window(sys.argv[1:])
watcher = FirstPaint()
for view in window.findChildren(QTableView):  # the token tables
    view.viewport().installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def launch_once(sandbox, influxctl: Path, timeout: float) -> tuple[float, int]:
    """Seconds from the fresh process's first import of the app to its first painted table, and its rows."""
    with tempfile.TemporaryDirectory(prefix="token-desk-launch-") as home:
        env = {**os.environ, "TOKEN_DESK_CONFIG_DIR": home, "INFLUX_MANAGEMENT_TOKEN": sandbox.management_token,
               "PYTHONPATH": os.pathsep.join(sys.path)}
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        argv = ["--url", sandbox.url, "--account-id", sandbox.account_id, "--cluster-id", sandbox.cluster_id,
                "--influxctl", str(influxctl)]
        done = subprocess.run([sys.executable, "-c", LAUNCH, *argv], env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"the app ended (exit {done.returncode}) before painting a token table: {done.stderr}")
    seconds, rows = done.stdout.split()
    return float(seconds), int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=1000, help="extra tokens of each kind the sandbox serves")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one launch may take")
    args = parser.parse_args()
    sandbox = start_sandbox(populate={"management": args.tokens, "database": args.tokens})
    try:
        with tempfile.TemporaryDirectory(prefix="token-desk-influxctl-") as folder:
            influxctl = write_launcher(Path(folder), sandbox.influxctl_command)  # the emulator, as a program
            launches = [launch_once(sandbox, influxctl, args.timeout) for _ in range(args.runs)]
    finally:
        sandbox.stop()
    seconds = statistics.median(elapsed for elapsed, _ in launches)
    rows = launches[0][1]
    verdict = "**pass**" if seconds < TARGET_SECONDS else "**MISS**"
    print("| Measure | Time | Target | Result |")
    print("|---|---:|---|---|")
    print(f"| launch to first paint: {args.tokens:,} extra tokens of each kind, {rows:,} rows shown "
          f"(median of {args.runs}, fresh process each) | "
          f"{seconds * 1000:.0f} ms | < {TARGET_SECONDS * 1000:.0f} ms | {verdict} |")


if __name__ == "__main__":
    main()
