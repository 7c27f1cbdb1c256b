"""Launch → first paint of the packaged app, against floors launched in the same run.

    .venv/bin/python benchmarks/launch_bench.py --app dist/token-desk/token-desk   # the packaged app, and floors
    .venv/bin/python benchmarks/launch_bench.py --app before/token-desk --app after/token-desk  # two builds
    .venv/bin/python benchmarks/launch_bench.py                                     # from source only

Each launch is a fresh process, timed from its start until Qt's own log category qt.widgets.painting reports
the first flush of a top-level window ("Flushing top level …"), then ended. What is launched:

- the packaged app (`--app`; repeat it to compare builds in one run) with `--demo` (or `--args`), the issue's
  target: median ≤ 600 ms;
- its floor: a bare PySide6 window of the app's shape (`launch_floor/bare_window.py`) packaged by PyInstaller
  with its defaults, built once into `--floor-dir` (build/launch-floor/; delete it to rebuild), or `--floor-app`;
- from source, `python -m token_desk --demo` and the same bare window, with the bytecode cached and httpx's
  command-line extras hidden, as `cold_start.py` runs its children (a user's install).

One warm-up round, then `--runs` rounds that launch each in turn, so a busy machine weighs on every row
alike; each row gives the median and range, its ratio to its floor, and the CPU time the process had used at
its first paint (Linux), which load moves less than the wall time. The onedir's size (each file counted once,
symlinks not) is printed too: the issue asks for no larger than before.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cold_start import child_environment
from first_flush import time_to_first_flush

ROOT = Path(__file__).resolve().parents[1]
BARE_WINDOW = Path(__file__).resolve().parent / "launch_floor" / "bare_window.py"
LAUNCH_TARGET_MS = 600


@dataclass
class Launch:
    label: str
    command: list[str]
    env: dict[str, str]
    floor: Launch | None = None
    target_ms: float | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)


def packaged_floor(folder: Path) -> Path:
    """The bare window packaged by PyInstaller with its defaults (onedir), built once into `folder`."""
    name = "bare-window"
    binary = folder / "dist" / name / (name + (".exe" if sys.platform == "win32" else ""))
    if not binary.exists():
        print(f"building the packaged floor into {folder} …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--name", name,
                        "--distpath", str(folder / "dist"), "--workpath", str(folder / "work"),
                        "--specpath", str(folder), str(BARE_WINDOW)], check=True)
    return binary


def packaged_environment(env: dict[str, str]) -> dict[str, str]:
    """A packaged app's environment: nothing of the development Python's."""
    return {key: value for key, value in env.items() if not key.startswith("PYTHON")}


def onedir_bytes(binary: Path) -> int:
    files = [path for path in binary.resolve().parent.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files)


def launches(args: argparse.Namespace, source_env: dict[str, str]) -> list[Launch]:
    app_args = shlex.split(args.args)
    source_floor = Launch("bare PySide6 window, from source", [sys.executable, str(BARE_WINDOW)], source_env)
    source = Launch(f"`python -m token_desk {args.args}`, from source", [sys.executable, "-m", "token_desk",
                                                                         *app_args], source_env, source_floor)
    if not args.app:
        return [source, source_floor]
    packaged_env = packaged_environment(source_env)
    floor_binary = Path(args.floor_app) if args.floor_app else packaged_floor(Path(args.floor_dir))
    packaged_floor_launch = Launch("bare PySide6 window, packaged (PyInstaller defaults)", [str(floor_binary)],
                                   packaged_env)
    packaged = [Launch(f"packaged app `{args.args}`" + (f": {app}" if len(args.app) > 1 else ""),
                       [str(Path(app).resolve()), *app_args], packaged_env, packaged_floor_launch, LAUNCH_TARGET_MS)
                for app in args.app]
    return [*packaged, packaged_floor_launch, source, source_floor]


def measure(rows: list[Launch], runs: int, timeout: float) -> list[float]:
    """Fills each launch's times; returns the 1-minute load average after each round (a shared machine's)."""
    loads = []
    for round_number in range(runs + 1):  # round 0 warms the file cache and the bytecode cache
        for launch in rows:
            wall, cpu = time_to_first_flush(launch.command, launch.env, timeout)
            if round_number:
                launch.walls.append(wall)
                if cpu is not None:
                    launch.cpus.append(cpu)
        loads.append(os.getloadavg()[0])
    return loads


def ms(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"


def table_row(launch: Launch) -> str:
    median = statistics.median(launch.walls)
    ratio = f"{median / statistics.median(launch.floor.walls):.2f}×" if launch.floor else ""
    cpu_ratio = (f"{statistics.median(launch.cpus) / statistics.median(launch.floor.cpus):.2f}×"
                 if launch.floor and launch.cpus and launch.floor.cpus else "")
    target = f"≤ {launch.target_ms:.0f} ms" if launch.target_ms else ""
    verdict = "" if not launch.target_ms else ("**pass**" if median * 1000 <= launch.target_ms else "**MISS**")
    return (f"| {launch.label} | {ms(launch.walls)} | {ratio} | {ms(launch.cpus)} | {cpu_ratio} | {target} | "
            f"{verdict} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", action="append", default=[],
                        help="the packaged app's binary (dist/token-desk/token-desk); repeat it to compare builds")
    parser.add_argument("--floor-app", help="a packaged bare window to use as the floor instead of building one")
    parser.add_argument("--floor-dir", default=str(ROOT / "build" / "launch-floor"),
                        help="where the packaged floor is built once (default: build/launch-floor)")
    parser.add_argument("--args", default="--demo", help="the app's arguments (default: --demo)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one launch may take")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="token-desk-launch-") as config_dir:
        source_env = child_environment(config_dir)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop" / "token_desk")],
                       env=source_env, check=True)
        rows = launches(args, source_env)
        loads = measure(rows, args.runs, args.timeout)
    print(f"Launch → first paint, {args.runs} launches each (median and range), interleaved; Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {min(loads):.1f}–{max(loads):.1f}\n")
    print("| Launch (fresh process) | Wall | Ratio to its floor | CPU at first paint | CPU ratio | Target | Result |")
    print("|---|---:|---:|---:|---:|---|---|")
    for launch in rows:
        print(table_row(launch))
    source = rows[-2]
    for app, packaged in zip(args.app, rows):
        print(f"\n{app}: onedir {onedir_bytes(Path(app)):,} bytes; launch "
              f"{statistics.median(packaged.walls) / statistics.median(source.walls):.2f}× the source launch's")


if __name__ == "__main__":
    main()
