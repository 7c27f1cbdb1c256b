"""Soak run: many cycles of refresh and revoke through the real window against a misbehaving sandbox.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/soak.py [--cycles 1000] [--chaos 0.1] [--seed 1]
                                                                  [--kill 0.02]

Each cycle refreshes both lists (F5's path: the loader on worker threads) and revokes one database token
the way a person does (select it, Revoke Token…, tick the risk box, press Revoke Token in the real dialog);
every MANAGEMENT_EVERY cycles it revokes a management token too, through influxctl (the sandbox's emulator,
real processes). The sandbox meanwhile delays, drops, or answers 500 or 429 to a random share of requests,
and a random share of influxctl calls (--kill) is killed with SIGKILL, before or after it acts, as the
system kills a process out of memory or at a logout. At the end, with the faults off, one last refresh
must leave both tables equal to the service's tokens, token for token.
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

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "desktop"))

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402

from token_desk.api.connect import management_token_service  # noqa: E402
from token_desk.api.influxctl import InfluxctlProgram  # noqa: E402
from token_desk.api.models import TokenKind  # noqa: E402
from token_desk.sandbox.influxctl import emulator_command, write_launcher  # noqa: E402

WARM_UP_CYCLES = 100
MEMORY_TOLERANCE = 0.10
TOKENS = 2_000  # database tokens; about three in four can be revoked
MANAGEMENT_TOKENS = 400
MANAGEMENT_EVERY = 4  # cycles between management-token revokes (each takes several influxctl processes)
RISK = "I understand the risk of this action"


# The misbehaving sandbox runs in a child process, so the memory measured is the app's alone.
# Its faults come from the tests' support code (the packaged app has none), imported from the checkout.
_SANDBOX = """
import json, os, sys
sys.path[:0] = [sys.argv[5], os.path.join(sys.argv[5], "desktop")]
from tests.sandbox.faults import start_faulty_sandbox
sb = start_faulty_sandbox(seed=int(sys.argv[1]),
                          populate={"database": int(sys.argv[2]), "management": int(sys.argv[4])})
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
        self._process = subprocess.Popen([sys.executable, "-c", _SANDBOX, str(seed), str(tokens), str(chaos),
                                          str(MANAGEMENT_TOKENS), str(REPO_ROOT)],
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


# The influxctl the app runs: the sandbox's emulator, except that a share of calls (all but `version`) is
# killed with SIGKILL, at random before it acts or after (then what it printed dies with it).
_KILLER = """
import io, os, random, signal, sys
from token_desk.sandbox.influxctl.cli import main
argv = sys.argv[1:]
with open({rate_file!r}) as rate_file:
    rate = float(rate_file.read() or 0)
if "version" not in argv and random.random() < rate:
    when = random.choice(("before", "after"))
    with open({log_file!r}, "a") as log:
        log.write(when + "\\n")
    if when == "after":
        sys.stdout = io.StringIO()
        main(argv)
    os.kill(os.getpid(), signal.SIGKILL)
sys.exit(main(argv))
"""


class KillingInfluxctl:
    """A launcher for `--influxctl`: the emulator over `sandbox_url`, killing `rate` of its calls."""

    def __init__(self, folder: Path, sandbox_url: str, rate: float) -> None:
        self._rate_file, self._log_file = folder / "kill-rate", folder / "killed.log"
        self.set_rate(rate)
        script = folder / "killing_influxctl.py"
        script.write_text(_KILLER.format(rate_file=str(self._rate_file), log_file=str(self._log_file)))
        self.program = write_launcher(folder / "bin", [sys.executable, str(script), *emulator_command(sandbox_url)[3:]])

    def set_rate(self, rate: float) -> None:
        self._rate_file.write_text(str(rate))

    def killed(self) -> Counter[str]:
        return Counter(self._log_file.read_text().split()) if self._log_file.exists() else Counter()


class PersonAtTheDialogs(QObject):
    """Whoever sits at the app, meeting its real dialogs: each Revoke dialog is confirmed as a person would
    (tick the risk box, press Revoke Token) and closed once the server work is over, its outcomes counted; any
    other question is declined and counted (nobody is there to sign in again).

    Counted, not kept: each report holds its tokens and any error with its traceback (the frames and their
    locals), about 1.25 a cycle, which the run would otherwise measure as the app's own growth."""

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: Counter[str] = Counter()  # each revoked token's result, as the dialog words it
        self.settled_by_rereading = 0  # outcomes whose answer was lost and that a re-read settled
        self.declined: Counter[str] = Counter()
        self._current = None  # the modal window being answered (only one, so nothing piles up over the run)
        self._timer = QTimer(self, interval=5, timeout=self._answer_open_modal)
        self._timer.start()

    def _answer_open_modal(self) -> None:
        from token_desk.ui.revoke import RevokeDialog

        window = QApplication.activeModalWidget()
        if window is None or not window.isVisible() or window is self._current:
            return
        self._current = window
        if isinstance(window, RevokeDialog):
            window.revoke_finished.connect(lambda report, dialog=window: self._revoked(dialog, report))
            for text in (RISK, "Revoke Token"):
                button_reading(window, text).click()
            return
        self.declined[type(window).__name__] += 1
        button = next((b for b in window.findChildren(QAbstractButton) if b.text() in ("Cancel", "Close", "OK")),
                      None)
        button.click() if button is not None else window.close()

    def _revoked(self, dialog, report) -> None:
        for outcome in report.outcomes if report is not None else ():
            self.outcomes[outcome.result_label] += 1
            self.settled_by_rereading += outcome.answer_lost
        QTimer.singleShot(0, dialog.accept)


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


def revoke_one(app: QApplication, window, kind: TokenKind = TokenKind.DATABASE) -> bool:
    """Select the first token still revocable and revoke it through the window; False if none is left."""
    page = window.page(kind)
    window.sidebar.setCurrentRow(list(TokenKind).index(kind))
    for row in range(page.proxy.rowCount()):
        token = page.proxy.token_at(row)
        if not token.is_revoked and not window.connection.service.is_signed_in_with(token):
            page.select_row(row)
            window.update_actions()
            window.commands["revoke"].trigger()
            wait_idle(app, window)
            return True
    return False


def table_matches_server(window, sandbox) -> tuple[bool, dict[str, int]]:
    """Both tables against the service's own lists (database tokens over REST, management tokens through
    the plain emulator: influxctl is their only source), token for token."""
    service = management_token_service(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                       sandbox.management_token, InfluxctlProgram(emulator_command(sandbox.url)))
    matches, counts = True, {}
    try:
        for kind in TokenKind:
            server = sorted(service.list_tokens(kind), key=lambda token: token.id)
            shown = sorted(window.page(kind).model.tokens(), key=lambda token: token.id)
            matches, counts[kind.value] = matches and shown == server, len(server)
    finally:
        service.close()
    return matches, counts


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def open_window(sandbox, influxctl: Path):
    from token_desk.app import create_window

    os.environ["INFLUX_MANAGEMENT_TOKEN"] = sandbox.management_token
    window = create_window(["--url", sandbox.url, "--account-id", sandbox.account_id,
                            "--cluster-id", sandbox.cluster_id, "--influxctl", str(influxctl)])
    window.commands["show-inactive"].setChecked(True)  # revoked rows stay: the whole table is compared
    window.show()
    return window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--chaos", type=float, default=0.1, help="share of requests that misbehave")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kill", type=float, default=0.02, help="share of influxctl calls killed with SIGKILL")
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
        person = PersonAtTheDialogs()
        influxctl = KillingInfluxctl(Path(tempfile.mkdtemp(prefix="token-desk-soak-influxctl-")), sandbox.url, args.kill)
        window = open_window(sandbox, influxctl.program)
        wait_idle(app, window)
        warm_mb = failed_refreshes = 0
        for cycle in range(1, args.cycles + 1):
            window.refresh()
            wait_idle(app, window)
            failed_refreshes += window.banner.message != ""
            if not revoke_one(app, window):
                break
            if cycle % MANAGEMENT_EVERY == 0:
                revoke_one(app, window, TokenKind.MANAGEMENT)
            if cycle == min(WARM_UP_CYCLES, max(1, args.cycles // 5)):
                warm_mb = resident_mb()
        injected = sandbox.calm()
        influxctl.set_rate(0)
        chaos, requests = injected["chaos"], injected["requests"]
        window.refresh()
        wait_idle(app, window)
        matches, token_counts = table_matches_server(window, sandbox)
        end_mb = resident_mb()
    finally:
        sandbox.stop()
    elapsed = time.perf_counter() - started
    outcomes, checked = person.outcomes, person.settled_by_rereading
    killed = influxctl.killed()
    growth = (end_mb - warm_mb) / warm_mb if warm_mb else 0.0
    flat = warm_mb > 0 and growth <= MEMORY_TOLERANCE
    ok = matches and flat and errors.count == 0
    print(f"soak: {cycle} cycles in {elapsed:.0f} s; {requests} requests, faults injected "
          f"{chaos.get('delay', 0)} delays, {chaos.get('drop', 0)} dropped, {chaos.get('500', 0)} × 500, "
          f"{chaos.get('429', 0)} × 429, influxctl killed {killed['before']} before and {killed['after']} after "
          f"acting; revokes {dict(outcomes)} ({checked} settled by re-reading); "
          f"{failed_refreshes} refreshes showed an error; questions declined {dict(person.declined)}; "
          f"final tables {'equal' if matches else 'DIFFER FROM'} "
          f"the service's ({token_counts['database']} database, {token_counts['management']} management "
          f"tokens); RSS {warm_mb:.0f} → {end_mb:.0f} MB ({growth:+.1%}, "
          f"{'flat' if flat else 'NOT flat'}); {errors.count} errors logged, no crash: {'PASS' if ok else 'FAIL'}")
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
