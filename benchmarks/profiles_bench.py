"""How long `create_window` takes with many stored profiles, against reading the same file with json.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/profiles_bench.py [--profiles 10000] [--runs 5]

Prints one line per size: the median time to build the start window (profiles file read, switcher
filled, welcome page shown) and its ratio to a floor measured in the same run (json.loads of the file).
The target: 10,000 profiles open in well under a second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"
TARGET_S = 0.5  # "well under a second"


def write_profiles(folder: Path, count: int) -> Path:
    profiles = [{"name": f"Cluster {n:05d}", "base_url": "https://console.influxdata.com/api/v0",
                 "account_id": UUID, "cluster_id": UUID} for n in range(count)]
    path = folder / "profiles.json"
    path.write_text(json.dumps({"schema_version": 1, "last_used": None, "profiles": profiles}), encoding="utf-8")
    return path


def time_window(app, create_window) -> float:
    started = time.perf_counter()
    window = create_window([])
    app.processEvents()
    elapsed = time.perf_counter() - started
    window.close()
    window.deleteLater()
    app.processEvents()
    return elapsed


def time_floor(path: Path) -> float:
    started = time.perf_counter()
    json.loads(path.read_bytes())
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, nargs="*", default=[1_000, 10_000, 30_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="token-desk-profiles-"))
    os.environ["TOKEN_DESK_CONFIG_DIR"] = str(folder)
    from token_desk.app import create_window
    from token_desk.ui.common.application import create_application

    app = create_application()
    time_window(app, create_window)  # imports and first-window costs out of the way
    for count in args.profiles:
        path = write_profiles(folder, count)
        windows = statistics.median(time_window(app, create_window) for _ in range(args.runs))
        floor = statistics.median(time_floor(path) for _ in range(args.runs))
        verdict = "pass" if count != 10_000 or windows < TARGET_S else "MISS"
        print(f"{count:>6,} profiles: start window {windows * 1000:7.1f} ms, json.loads floor "
              f"{floor * 1000:6.1f} ms, ratio {windows / floor:5.1f}x"
              + (f", target < {TARGET_S * 1000:.0f} ms: {verdict}" if count == 10_000 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
