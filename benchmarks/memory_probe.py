"""Peak memory of the app's table path alone, in a fresh process.

Reads the sandbox's details as JSON on stdin (the token stays out of argv), loads the
tokens through the client into the model, proxy and view, finishes the rows as the token page's
workers do (search texts, ID order, each column's order), sorts by every column, searches, and
prints its peak RSS in MB; then refreshes once (the new rows finished too) and prints it again.
The benchmark's own floor data would otherwise inflate the numbers.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from table_bench_table import Table  # noqa: E402
from token_desk.api.client import ManagementApiClient  # noqa: E402
from token_desk.api.models import TokenKind, utc_now  # noqa: E402
from token_desk.models.row_values import RowValues  # noqa: E402


def main() -> None:
    details = json.loads(sys.stdin.read())
    app = QApplication(sys.argv[:1])
    table = Table()
    with ManagementApiClient(details["url"], details["account_id"], details["cluster_id"], details["token"]) as client:
        table.model.set_tokens(fetch_rows(client, table.model))
        table.paint()
        table.finish_rows()  # as the page's workers do once the list is drawn: search texts, column orders
        for section in range(table.model.columnCount()):
            table.proxy.sort(section, Qt.SortOrder.AscendingOrder)
        table.proxy.set_search_text("a")
        table.paint()
        first_load = peak_rss_mb()
        table.model.set_tokens(fetch_rows(client, table.model))  # a refresh: old and new rows coexist
        table.paint()
        table.finish_rows()
    print(first_load, peak_rss_mb())
    del app


def fetch_rows(client: ManagementApiClient, model) -> RowValues:
    """What the window's loader does on its worker thread."""
    return RowValues(model.columns, client.list_tokens(TokenKind.DATABASE), utc_now())


def peak_rss_mb() -> float:
    """This process's peak resident set size.

    Linux carries ru_maxrss over from the parent through fork and exec (measured: the
    probe reported the benchmark's own ~590 MB); VmHWM belongs to this process image.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
