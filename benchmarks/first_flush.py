"""A launched Qt program's first paint, as Qt's own log category qt.widgets.painting reports it ("Flushing top
level …"): the finish line of cold_start.py's and launch_bench.py's launches."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import threading
import time
from pathlib import Path

_FIRST_FLUSH = re.compile(r"qt\.widgets\.painting: Flushing top level")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a running process (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_first_flush(command: list[str], env: dict[str, str], timeout: float = 60) -> tuple[float, float | None]:
    """Seconds from starting `command` until Qt reports the first flush of a top-level window, and the CPU
    seconds the process had used by then; then the process is ended (SIGTERM, as a person's logout would)."""
    env = {**env, "QT_LOGGING_RULES": "qt.widgets.painting=true"}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    try:
        for line in process.stderr:
            if _FIRST_FLUSH.search(line):
                return time.perf_counter() - started, cpu_seconds(process.pid)
        raise RuntimeError(f"{shlex.join(command)} ended (exit {process.wait()}) before painting")
    finally:
        process.terminate()  # the app's SIGTERM handling ends its influxctl children too
        process.wait()  # one that does not end is killed by the watchdog
        watchdog.cancel()
