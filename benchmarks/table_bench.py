"""Token table benchmark: load, end to end, refresh, sort, filter and memory at 1,000 / 10,000 /
100,000 database tokens (the list the REST API serves), and influxctl's JSON at 10,000.

Each time is the median of several runs, compared with a floor measured in the same run
(the least work that could produce the same result in plain Python). Prints Markdown.

    .venv/bin/python benchmarks/table_bench.py [--sizes 1000,10000,100000] [--repeat 7]
"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The end-to-end runs build the real window: its settings and profiles go to a throwaway folder.
os.environ["TOKEN_DESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="token-desk-bench-")

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

import httpx  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sandbox_process import SandboxProcess, start_sandbox_process  # noqa: E402

import influxctl_parse  # noqa: E402
from bench_report import Result, print_results  # noqa: E402
from table_bench_table import Table  # noqa: E402
from window_bench import influxctl_launcher, window_until_shown  # noqa: E402
from token_desk.api.client import ManagementApiClient  # noqa: E402
from token_desk.api.models import TokenKind, utc_now  # noqa: E402
from token_desk.models import Column  # noqa: E402
from token_desk.models.row_values import RowValues  # noqa: E402
from token_desk.ui.tokens.loader import fetch_rows  # noqa: E402

# The JSON field the floor sorts by for each column (status has none: revokedAt stands in;
# Databases sorts by its first permission's resource).
FLOOR_KEYS = {
    Column.STATUS: lambda d: d.get("revokedAt") or "", Column.DESCRIPTION: lambda d: d["description"],
    Column.TOKEN_ID: lambda d: d["id"], Column.DATABASES: lambda d: d["permissions"][0]["resource"] if d["permissions"] else "",
    Column.CREATED_AT: lambda d: d["createdAt"], Column.EXPIRES_AT: lambda d: d.get("expiresAt") or "",
    Column.REVOKED_AT: lambda d: d.get("revokedAt") or "",
}
FIRST_SORT, LATER_SORT, FILTER = (3.0, 0.100), (2.0, None), (3.0, 0.030)


def median_time(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def list_url(sandbox: SandboxProcess) -> str:
    return f"{sandbox.url}/accounts/{sandbox.account_id}/clusters/{sandbox.cluster_id}/tokens"


def paired_median_times(action, floor, repeat: int, reset) -> tuple[float, float]:
    """Median times of `action` and `floor`, run alternately after one warm-up of each, so
    that both see the same machine: drift and warm-up (allocator, sockets) hit neither alone.
    Before each run, untimed: `reset()` empties what the previous run filled and a full
    collection keeps either from paying for the garbage the other left behind."""
    action()
    floor()
    action_times, floor_times = [], []
    for _ in range(repeat):
        for run, times in ((floor, floor_times), (action, action_times)):
            reset()
            gc.collect()
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
    return statistics.median(action_times), statistics.median(floor_times)


def bench_load(sandbox: SandboxProcess, table: Table, repeat: int, size: int) -> tuple[list[Result], list[dict]]:
    headers = {"Authorization": f"Bearer {sandbox.token}", "Accept": "application/json"}
    payload: list[dict] = []
    with httpx.Client() as http, ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                                      sandbox.token) as client:
        def floor() -> None:
            response = http.get(list_url(sandbox), headers=headers).raise_for_status()
            payload[:] = json.loads(response.content)

        def load() -> None:
            # What the window does: list, read the databases and prepare rows with their findings (on its
            # worker), then hand them to the model.
            rows = fetch_rows(client, TokenKind.DATABASE, table.model.columns)
            table.model.set_tokens(rows)

        def empty() -> None:
            payload.clear()
            table.model.set_tokens([])

        load_time, floor_time = paired_median_times(load, floor, repeat, empty)
        influxctl = influxctl_launcher(sandbox, Path(os.environ["TOKEN_DESK_CONFIG_DIR"]) / "bin")
        end_to_end, e2e_floor = paired_median_times(lambda: window_until_shown(sandbox, size, influxctl),
                                                    floor, repeat, empty)
        load()
        refresh_time, refresh_floor = paired_median_times(load, floor, repeat, lambda: None)
        client_time = median_time(lambda: client.list_tokens(TokenKind.DATABASE), repeat)
        floor()  # the sort and filter floors below work on this payload
    tokens = table.model.tokens()
    rows_time = median_time(lambda: table.model.set_tokens(RowValues(table.model.columns, tokens, utc_now())), repeat)
    return [
        Result(size, "load: list + rows + model + proxy", load_time, floor_time, max_ratio=1.0),
        Result(size, "end to end: create_window → every active row shown", end_to_end, e2e_floor, max_ratio=1.3),
        Result(size, "refresh (replacing a full table)", refresh_time, refresh_floor, max_ratio=1.2),
        Result(size, "… of which client list call", client_time, floor_time),
        Result(size, "… of which rows + model + proxy", rows_time, floor_time),
    ], payload


def bench_sort(table: Table, payload: list[dict], repeat: int, size: int) -> list[Result]:
    results = []
    for column, key in FLOOR_KEYS.items():
        section = table.model.section_of(column)
        floor_time = median_time(lambda: sorted(payload, key=key), repeat)
        first = statistics.median(first_click(table, section, column.label) for _ in range(repeat))
        again = median_time(lambda: table.click_header(section), repeat)  # each click the opposite order
        results.append(Result(size, f"sort {column.label} (first click)", first, floor_time, *FIRST_SORT))
        results.append(Result(size, f"sort {column.label} (again)", again, floor_time, *LATER_SORT))
    return results


def first_click(table: Table, section: int, label: str) -> float:
    """The time of a person's first click on a column's header in a list just shown (a fresh list each
    time: the first click pays for the column's keys). Created At, the column the list comes sorted by,
    turns to oldest first; any other sorts by itself. An order left as it was would time no sort: refused."""
    table.show_fresh_list()
    before = table.shown_order()
    started = time.perf_counter()
    table.click_header(section)
    elapsed = time.perf_counter() - started
    if table.shown_order() == before:
        raise RuntimeError(f"clicking the {label} header left the rows in the order shown: no sort was timed")
    return elapsed


def median_change(change, before, after, repeat: int) -> float:
    """The median time of `change(after)`, each run from `change(before)` (untimed)."""
    elapsed = []
    for _ in range(repeat):
        change(before)
        started = time.perf_counter()
        change(after)
        elapsed.append(time.perf_counter() - started)
    change(before)
    return statistics.median(elapsed)


def bench_filter(table: Table, payload: list[dict], repeat: int, size: int) -> list[Result]:
    results = []
    for before, after in (("", "a"), ("a", "ab"), ("ab", "a")):
        elapsed = median_change(table.proxy.set_search_text, before, after, repeat)
        floor_time = median_time(lambda: [d for d in payload if _floor_match(d, after)], repeat)
        label = f"filter keystroke {before!r} -> {after!r}"
        results.append(Result(size, label, elapsed, floor_time, *FILTER))
    table.proxy.set_search_text("")
    # Needs attention on: only the tokens with findings stay shown. The floor filters the payload on one
    # field, the least a filter could do.
    elapsed = median_change(table.proxy.set_attention_only, False, True, repeat)
    floor_time = median_time(lambda: [d for d in payload if "expiresAt" not in d], repeat)
    results.append(Result(size, "Needs attention toggled on", elapsed, floor_time, *FILTER))
    return results


def _floor_match(token: dict, needle: str) -> bool:
    """The same fields the search box matches, without even case folding."""
    return needle in token["description"] or needle in token["id"]


def app_peak_rss_mb(sandbox: SandboxProcess) -> tuple[float, float]:
    """Measured in a fresh process running only the app's path (see memory_probe.py)."""
    details = {"url": sandbox.url, "account_id": sandbox.account_id,
               "cluster_id": sandbox.cluster_id, "token": sandbox.token}
    probe = Path(__file__).resolve().parent / "memory_probe.py"
    answer = subprocess.run([sys.executable, str(probe)], input=json.dumps(details),
                            capture_output=True, text=True, check=True, env=_child_env())
    first_load, after_refresh = answer.stdout.split()[-2:]
    return float(first_load), float(after_refresh)


def _child_env() -> dict[str, str]:
    paths = [str(Path(__file__).resolve().parents[1] / "desktop"), str(Path(__file__).resolve().parent)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths + [os.environ.get("PYTHONPATH", "")])}


def bench_size(size: int, repeat: int) -> list[Result]:
    sandbox = start_sandbox_process(management=0, database=size)
    try:
        table = Table()
        results, payload = bench_load(sandbox, table, repeat, size)
        results += bench_sort(table, payload, repeat, size)
        results += bench_filter(table, payload, repeat, size)
        first_load, after_refresh = app_peak_rss_mb(sandbox)
        results.append(Result(size, "peak RSS: load, sort, search", first_load, None, unit="MB"))
        results.append(Result(size, "peak RSS: … then refresh", after_refresh, None, None, 250.0, unit="MB"))
        return results
    finally:
        sandbox.stop()


def bench_influxctl(repeat: int) -> Result:
    """influxctl's JSON for 10,000 management tokens, parsed into tokens (a target in itself)."""
    output = influxctl_parse.management_list_output(10_000)  # the emulator's own output
    influxctl_parse.parse(output)
    parse_time = median_time(lambda: influxctl_parse.parse(output), repeat)
    floor_time = median_time(lambda: json.loads(output), repeat)
    return Result(100_000, "influxctl JSON: 10,000 management tokens parsed", parse_time, floor_time,
                  max_value=0.060, label_size=10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])  # its first paragraph, whole
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    results = [bench_influxctl(args.repeat)]
    for size in (int(text) for text in args.sizes.split(",")):
        results += bench_size(size, args.repeat)
    print_results(results)
    del app


if __name__ == "__main__":
    main()
