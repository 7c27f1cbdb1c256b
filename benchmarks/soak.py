"""Soak run: many cycles of refresh and revoke through the real window against a misbehaving sandbox.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/soak.py [--cycles 1000] [--chaos 0.1] [--seed 1]

Each cycle refreshes both lists (F5's path: the loader on worker threads) and revokes one token the way a
person does (select it, Revoke Token…, tick the risk box, press Revoke Token in the real dialog). The
sandbox meanwhile delays, drops, or answers 500 or 429 to a random share of requests. At the end, with
the faults off, one last refresh must leave each table equal to the server's tokens, token for token.
Resident memory is taken after a warm-up and at the end; it must stay within 10%. Prints one summary line.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

from PySide6.QtCore import QEvent, QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402

from token_desk.api.client import ManagementApiClient  # noqa: E402
from token_desk.api.models import TokenKind  # noqa: E402

WARM_UP_CYCLES = 100
MEMORY_TOLERANCE = 0.10
TOKENS = 2_000  # database tokens; about three in four can be revoked
RISK = "I understand the risk of this action"


# The misbehaving sandbox runs in a child process, so the memory measured is the app's alone.
_SANDBOX = """
import json, sys
from token_desk.sandbox import start_sandbox
sb = start_sandbox(seed=int(sys.argv[1]), populate={"database": int(sys.argv[2])})
print(json.dumps({"url": sb.url, "account_id": sb.account_id, "cluster_id": sb.cluster_id,
                  "management_token": sb.management_token}), flush=True)
sb.faults.chaos(float(sys.argv[3]), int(sys.argv[1]))
sys.stdin.readline()  # "calm": the faults stop, for the final refresh
counts, requests = dict(sb.faults.chaos_counts), len(sb.state.request_log)
sb.faults.clear()
print(json.dumps({"chaos": counts, "requests": requests}), flush=True)
sys.stdin.read()  # serve until the parent closes our stdin
sb.stop()
"""


class ChaoticSandbox:
    def __init__(self, seed: int, tokens: int, chaos: float) -> None:
        self._process = subprocess.Popen([sys.executable, "-c", _SANDBOX, str(seed), str(tokens), str(chaos)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        details = json.loads(self._process.stdout.readline())
        self.url, self.account_id, self.cluster_id = details["url"], details["account_id"], details["cluster_id"]
        self.management_token = details["management_token"]

    def calm(self) -> dict:
        """Stop the faults; what was injected until now, and how many requests were answered."""
        self._process.stdin.write("calm\n")
        self._process.stdin.flush()
        return json.loads(self._process.stdout.readline())

    def stop(self) -> None:
        self._process.stdin.close()
        self._process.wait(timeout=30)


class QuietPrompts:
    """Nobody at the keyboard: every question is declined and counted."""

    def __init__(self) -> None:
        self.asked: Counter[str] = Counter()

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *_args, **_kwargs: self.asked.update([name])


class ConfirmingRevoker:
    """The real revoke dialog, confirmed as a person would; closed once the server work is over."""

    def __init__(self) -> None:
        self.reports: list = []

    def ask(self, parent, tokens, client):
        from token_desk.ui.revoke import RevokeDialog

        dialog = RevokeDialog(parent, tokens, client)
        dialog.revoke_finished.connect(lambda _report: QTimer.singleShot(0, dialog.accept))
        QTimer.singleShot(0, lambda: [button_reading(dialog, text).click() for text in (RISK, 'Revoke Token')])
        dialog.exec()
        report = dialog.report
        dialog.deleteLater()
        self.reports.append(report)
        return report


def button_reading(dialog, text: str) -> QAbstractButton:
    """A control found as a person finds it, by what it reads."""
    return next(button for button in dialog.findChildren(QAbstractButton) if button.text() == text)


def resident_mb() -> float:
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_idle(app: QApplication, window) -> None:
    while window.loader.busy:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    # What the running event loop does between events: this script drives Qt without app.exec(),
    # so objects released with deleteLater() (finished tasks, closed dialogs) are deleted here.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def revoke_one(app: QApplication, window) -> bool:
    """Select the first token still revocable and revoke it through the window; False if none is left."""
    page = window.page(TokenKind.DATABASE)
    window.sidebar.setCurrentRow(1)
    for row in range(page.proxy.rowCount()):
        token = page.proxy.token_at(row)
        if token.revoked_at is None:
            page.select_row(row)
            window.update_actions()
            window.commands["revoke"].trigger()
            wait_idle(app, window)
            return True
    return False


def table_matches_server(window, sandbox) -> tuple[bool, int]:
    """The database tokens table (what this run revokes, over REST) against the server's own list.

    Management tokens go through influxctl, which this run does not start; that page shows why."""
    with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token) as client:
        server = sorted(client.list_tokens(TokenKind.DATABASE), key=lambda token: token.id)
    shown = sorted(window.page(TokenKind.DATABASE).model.tokens(), key=lambda token: token.id)
    return shown == server, len(server)


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def open_window(sandbox, revoker, prompts):
    from token_desk.app import create_window

    os.environ["INFLUX_MANAGEMENT_TOKEN"] = sandbox.management_token
    window = create_window(["--url", sandbox.url, "--account-id", sandbox.account_id,
                            "--cluster-id", sandbox.cluster_id], prompts=prompts, revoker=revoker)
    window.commands["show-inactive"].setChecked(True)  # revoked rows stay: the whole table is compared
    window.show()
    return window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--chaos", type=float, default=0.1, help="share of requests that misbehave")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ["TOKEN_DESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="token-desk-soak-")
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    logging.getLogger().setLevel(logging.WARNING)
    from token_desk.ui.common.application import create_application

    app = create_application()
    started = time.perf_counter()
    sandbox = ChaoticSandbox(args.seed, TOKENS, args.chaos)
    try:
        revoker, prompts = ConfirmingRevoker(), QuietPrompts()
        window = open_window(sandbox, revoker, prompts)
        wait_idle(app, window)
        warm_mb = failed_refreshes = 0
        for cycle in range(1, args.cycles + 1):
            window.refresh()
            wait_idle(app, window)
            failed_refreshes += window.banner.message != ""
            if not revoke_one(app, window):
                break
            if cycle == min(WARM_UP_CYCLES, max(1, args.cycles // 5)):
                warm_mb = resident_mb()
        injected = sandbox.calm()
        chaos, requests = injected["chaos"], injected["requests"]
        window.refresh()
        wait_idle(app, window)
        matches, token_count = table_matches_server(window, sandbox)
        end_mb = resident_mb()
    finally:
        sandbox.stop()
    elapsed = time.perf_counter() - started
    reports = [report for report in revoker.reports if report is not None]
    outcomes = Counter(outcome.result_label for report in reports for outcome in report.outcomes)
    checked = sum(outcome.answer_lost for report in reports for outcome in report.outcomes)
    growth = (end_mb - warm_mb) / warm_mb if warm_mb else 0.0
    flat = warm_mb > 0 and growth <= MEMORY_TOLERANCE
    ok = matches and flat and errors.count == 0
    print(f"soak: {cycle} cycles in {elapsed:.0f} s; {requests} requests, faults injected "
          f"{chaos.get('delay', 0)} delays, {chaos.get('drop', 0)} dropped, {chaos.get('500', 0)} × 500, "
          f"{chaos.get('429', 0)} × 429; revokes {dict(outcomes)} ({checked} settled by re-reading); "
          f"{failed_refreshes} refreshes showed an error; final table {'equals' if matches else 'DIFFERS FROM'} "
          f"the server ({token_count} database tokens); RSS {warm_mb:.0f} → {end_mb:.0f} MB ({growth:+.1%}, "
          f"{'flat' if flat else 'NOT flat'}); {errors.count} errors logged, no crash: {'PASS' if ok else 'FAIL'}")
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
