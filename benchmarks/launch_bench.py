"""Launch to first paint: how long the app takes from being started until its first token table
has painted 1,000 demo tokens (median of 5 launches). Target: under 1 s for the packaged app.

    .venv/bin/python benchmarks/launch_bench.py dist/token-desk/token-desk
    .venv/bin/python benchmarks/launch_bench.py .venv/bin/python -m token_desk   # from source

The command gets `--demo`, with TOKEN_DESK_DEMO_EXTRA_TOKENS adding 1,000 tokens of each kind to
the demo and TOKEN_DESK_DEBUG=1, whose log says when a table first paints rows (the finish
line). Settings go to a throwaway folder. Without a DISPLAY it runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TARGET_SECONDS = 1.0
_FINISH = re.compile(r"First paint of the \w+ table: (\d+) rows")


def launch_once(command: list[str], extra_tokens: int, timeout: float) -> tuple[float, int]:
    """Seconds from starting `command --demo` to its first painted table, and that table's rows."""
    with tempfile.TemporaryDirectory(prefix="token-desk-launch-") as home:
        env = {**os.environ, "TOKEN_DESK_DEBUG": "1", "TOKEN_DESK_DEMO_EXTRA_TOKENS": str(extra_tokens),
               "TOKEN_DESK_CONFIG_DIR": home}
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        started = time.perf_counter()
        process = subprocess.Popen([*command, "--demo"], env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            return _wait_for_first_paint(process, started, timeout)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_first_paint(process: subprocess.Popen, started: float, timeout: float) -> tuple[float, int]:
    # A watchdog ends a launch that never paints, so readline() below cannot wait forever.
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    try:
        for line in process.stderr:
            found = _FINISH.search(line)
            if found:
                return time.perf_counter() - started, int(found[1])
    finally:
        watchdog.cancel()
    raise RuntimeError(f"the app ended (exit {process.wait()}) or timed out before painting a token table")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the app binary (and its arguments)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=1000, help="extra demo tokens of each kind")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one launch may take")
    args = parser.parse_args()
    if not args.command:
        parser.error("give the app's binary, e.g. dist/token-desk/token-desk")
    launches = [launch_once(args.command, args.tokens, args.timeout) for _ in range(args.runs)]
    seconds = statistics.median(elapsed for elapsed, _ in launches)
    rows = launches[0][1]
    verdict = "**pass**" if seconds < TARGET_SECONDS else "**MISS**"
    print("| Measure | Time | Target | Result |")
    print("|---|---:|---|---|")
    print(f"| launch to first paint: demo + {args.tokens:,} tokens of each kind, {rows:,} rows shown "
          f"(median of {args.runs}) | "
          f"{seconds * 1000:.0f} ms | < {TARGET_SECONDS * 1000:.0f} ms | {verdict} |")
    print("all launches (ms): " + ", ".join(f"{elapsed * 1000:.0f}" for elapsed, _ in launches), file=sys.stderr)


if __name__ == "__main__":
    main()
