"""All clusters benchmark: 10 clusters of 10,000 database tokens each, against one cluster of 100,000,
through the layers below the window: the multi-cluster loader (at most 4 clusters at a time, off the GUI
thread), each cluster's rows joined as it arrives, the table model and its sorting, searching proxy.

Targets (issue 25): *All clusters* in at most 1.2x the time of the one large cluster, with peak RSS within
10% of it. Each run is a fresh process (peak RSS is per process) against a sandbox in another process
(its CPU and memory stay out of the numbers). Prints Markdown; the ratios are the result, no assertion.

    .venv/bin/python benchmarks/cluster_bench.py [--repeat 5] [--clusters 10] [--tokens 100000]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"
sys.path.insert(0, str(DESKTOP))

_SANDBOX = """
import json, sys
from token_desk.sandbox import start_sandbox
from token_desk.sandbox.clusters import ClusterSeed
clusters, per_cluster = int(sys.argv[1]), int(sys.argv[2])
sb = start_sandbox(clusters=[ClusterSeed(f"cluster {n}") for n in range(2, clusters + 1)])
for cluster_id in sb.cluster_ids:
    sb.populate(database=per_cluster, cluster_id=cluster_id)
print(json.dumps({"url": sb.url, "account_id": sb.account_id, "cluster_id": sb.cluster_id,
                  "clusters": sb.cluster_records(), "token": sb.management_token}), flush=True)
sys.stdin.read()  # serve until the parent closes our stdin
sb.stop()
"""


def start_sandbox(clusters: int, per_cluster: int) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-c", _SANDBOX, str(clusters), str(per_cluster)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(DESKTOP)})
    return process, process.stdout.readline()


def measure(details_json: str) -> tuple[float, float]:
    """One run in a fresh process: seconds from asking until every cluster is in the sorted table, peak MB."""
    answer = subprocess.run([sys.executable, __file__, "--measure"], input=details_json, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(DESKTOP)})
    if answer.returncode != 0:
        raise SystemExit(f"the measuring process failed:\n{answer.stderr}")
    seconds, megabytes = answer.stdout.split()
    return float(seconds), float(megabytes)


def run_measurement() -> None:
    """The child: load every cluster through ClusterTokenLoader into a model behind the proxy, sorted."""
    import resource
    import time

    from PySide6.QtCore import QCoreApplication, Qt

    from token_desk.api.clusters import Cluster
    from token_desk.api.connect import management_token_service
    from token_desk.api.influxctl import InfluxctlProgram
    from token_desk.api.models import TokenKind
    from token_desk.models import Column, TokenFilterProxy, TokenTableModel
    from token_desk.models.cluster_table import ClusterTable
    from token_desk.ui.tokens.cluster_loader import ClusterTokenLoader

    details = json.loads(sys.stdin.read())
    app = QCoreApplication(sys.argv[:1])
    model = TokenTableModel(TokenKind.DATABASE)
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(model.section_of(Column.DESCRIPTION), Qt.SortOrder.AscendingOrder)  # the table's usual sort
    clusters = [Cluster(record["id"], record["name"], record["state"]) for record in details["clusters"]]
    table = ClusterTable(model, clusters)
    service = management_token_service(details["url"], details["account_id"], details["cluster_id"],
                                       details["token"], InfluxctlProgram(None))
    loader = ClusterTokenLoader(model.columns)

    def finished() -> None:
        if table.pending:  # the last arrivals, not yet in the table
            table.refresh_now()
        app.quit()

    loader.cluster_loaded.connect(table.put)
    loader.cluster_failed.connect(lambda cluster, error: (print(cluster.name, error, file=sys.stderr), app.exit(1)))
    loader.finished.connect(finished)
    started = time.perf_counter()
    loader.load(service, clusters)
    app.exec()
    elapsed = time.perf_counter() - started
    assert 0 < proxy.rowCount() <= len(model.row_values)  # inactive tokens hidden, as the table starts
    service.close()
    print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument("--tokens", type=int, default=100_000, help="database tokens in all, either way")
    args = parser.parse_args()
    if args.measure:
        run_measurement()
        return
    shapes = {"one cluster": (1, args.tokens), "all clusters": (args.clusters, args.tokens // args.clusters)}
    sandboxes = {name: start_sandbox(*shape) for name, shape in shapes.items()}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in shapes}
    try:
        for _ in range(args.repeat):  # alternated, so drift on a shared machine hits both alike
            for name, (_process, details) in sandboxes.items():
                results[name].append(measure(details))
    finally:
        for process, _details in sandboxes.values():
            process.stdin.close()
            process.wait(timeout=60)
    report(shapes, results)


def report(shapes, results) -> None:
    medians = {name: (statistics.median(t for t, _ in runs), statistics.median(m for _, m in runs))
               for name, runs in results.items()}
    (one_time, one_mb), (all_time, all_mb) = medians["one cluster"], medians["all clusters"]
    print("| Shown | Clusters × tokens | Time (median) | Peak RSS (median) |")
    print("|---|---|---|---|")
    for name, (clusters, per_cluster) in shapes.items():
        seconds, megabytes = medians[name]
        print(f"| {name} | {clusters} × {per_cluster:,} | {seconds:.2f} s | {megabytes:.0f} MB |")
    time_ratio, memory_ratio = all_time / one_time, all_mb / one_mb
    print(f"\nAll clusters / one cluster: time {time_ratio:.2f}× (target ≤ 1.2×: "
          f"{'pass' if time_ratio <= 1.2 else 'miss'}), peak RSS {memory_ratio:.2f}× (target ≤ 1.10×: "
          f"{'pass' if memory_ratio <= 1.10 else 'miss'})")


if __name__ == "__main__":
    main()
