"""One influxctl process per call: started, watched line by line, ended on timeout or cancel.

Every process is registered until it ends, so `end_all_processes()` (called when the app quits,
and at interpreter exit) leaves none behind. A process runs in its own process group (POSIX) so
that ending it also ends anything it started, such as a shell stand-in's `sleep`.
"""

from __future__ import annotations

import atexit
import codecs
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

LineCallback = Callable[[str, str], None]  # (stream name "stdout"/"stderr", line without newline)
READER_JOIN_SECONDS = 2.0  # after exit, how long to wait for pipes a stray grandchild may hold open
# `management list --format json` of 100,000 tokens is about 40 MB: past this on one stream, influxctl is not
# answering but printing without end, and is ended before it fills the memory.
MAX_OUTPUT_BYTES = 256 * 1024 * 1024
_READ_PIECE = 1 << 20  # a line is read this much at a time, so one without end is noticed too

_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()


@dataclass(frozen=True)
class Finished:
    """How a process ended: `ended_by` is "timeout", "cancel" or "overflow" (past MAX_OUTPUT_BYTES) when Token
    Desk ended it."""

    exit_code: int
    stdout: str
    stderr: str
    ended_by: str | None = None


class CancelHandle:
    """Ends the processes started with it, from any thread; once cancelled, later starts end at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen] = set()
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            processes = list(self._processes)
        for process in processes:
            end_process(process)

    def _attach(self, process: subprocess.Popen) -> bool:
        """Track `process`; False if already cancelled (the caller ends it)."""
        with self._lock:
            if not self._cancelled:
                self._processes.add(process)
            return not self._cancelled

    def _detach(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.discard(process)


def run_process(argv: Sequence[str], *, timeout: float, cancel: CancelHandle | None = None,
                pass_fds: Sequence[int] = (), on_line: LineCallback | None = None,
                waiting_for_person: Callable[[], bool] | None = None) -> Finished:
    """Run `argv` to its end (or Token Desk's); raises OSError when it cannot start.

    While `waiting_for_person()` is true (influxctl waits for a browser sign-in, which the person can
    cancel), the `timeout` does not run: it starts again, whole, once the wait is over."""
    process = _start(argv, pass_fds)
    with _running_lock:
        _running.add(process)
    readers = {name: _Reader(name, stream, on_line, lambda: end_process(process)) for name, stream in
               (("stdout", process.stdout), ("stderr", process.stderr))}
    try:
        ended_by = _wait(process, timeout, cancel, waiting_for_person)
    finally:
        with _running_lock:
            _running.discard(process)
        if cancel is not None:
            cancel._detach(process)
    for reader in readers.values():
        reader.join()
    if ended_by is None and any(reader.overflowed for reader in readers.values()):
        ended_by = "overflow"
    return Finished(process.returncode, readers["stdout"].text, readers["stderr"].text, ended_by)


def _start(argv: Sequence[str], pass_fds: Sequence[int]) -> subprocess.Popen:
    options: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
    else:
        options.update(start_new_session=True, pass_fds=tuple(pass_fds))
    return subprocess.Popen(list(argv), **options)


def _wait(process: subprocess.Popen, timeout: float, cancel: CancelHandle | None,
          waiting_for_person: Callable[[], bool] | None) -> str | None:
    if cancel is not None and not cancel._attach(process):
        end_process(process)
        process.wait()
        return "cancel"
    if not _wait_within(process, timeout, waiting_for_person):
        end_process(process)
        process.wait()
        return "timeout"
    return "cancel" if cancel is not None and cancel.cancelled and process.returncode != 0 else None


def _wait_within(process: subprocess.Popen, timeout: float, waiting_for_person: Callable[[], bool] | None) -> bool:
    """Whether the process ended within `timeout`, not counting time it spent waiting for the person."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        try:
            process.wait(timeout=max(remaining, 0) if waiting_for_person is None else min(max(remaining, 0), 0.25))
            return True
        except subprocess.TimeoutExpired:
            if waiting_for_person is not None and waiting_for_person():
                deadline = time.monotonic() + timeout
            elif time.monotonic() >= deadline:
                return False


def end_process(process: subprocess.Popen) -> None:
    """Kill the process and its group; quietly nothing if it already ended."""
    if process.poll() is not None:
        return
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        try:
            process.kill()
        except OSError:
            pass


def end_all_processes() -> int:
    """End every influxctl process still running (the app is quitting); returns how many there were."""
    with _running_lock:
        processes = list(_running)
    for process in processes:
        end_process(process)
    return len(processes)


def running_count() -> int:
    with _running_lock:
        return sum(1 for process in _running if process.poll() is None)


atexit.register(end_all_processes)


class _Reader:
    """Reads one pipe to its end on a daemon thread, handing each line to `on_line` as it arrives
    (a line longer than _READ_PIECE in pieces). Past MAX_OUTPUT_BYTES it calls `overflow` (which ends
    the process) and keeps nothing more."""

    def __init__(self, name: str, stream, on_line: LineCallback | None, overflow: Callable[[], None]) -> None:
        self._name, self._stream, self._on_line, self._overflow = name, stream, on_line, overflow
        self._lines: list[str] = []
        self.overflowed = False
        self._thread = threading.Thread(target=self._read, name=f"influxctl-{name}", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        # Incremental: a character cut between two pieces of a long line is still read whole.
        decoder, kept = codecs.getincrementaldecoder("utf-8")(errors="replace"), 0
        with self._stream:
            for raw in iter(lambda: self._stream.readline(_READ_PIECE), b""):
                kept += len(raw)
                if kept > MAX_OUTPUT_BYTES:
                    self._stop_keeping()
                    continue  # drained, so the process never blocks on a full pipe before it ends
                line = decoder.decode(raw)
                self._lines.append(line)
                if self._on_line is not None:
                    self._hand_over(line.rstrip("\r\n"))
        self._lines.append(decoder.decode(b"", final=True))

    def _stop_keeping(self) -> None:
        if not self.overflowed:
            self.overflowed = True
            self._overflow()

    def _hand_over(self, line: str) -> None:
        try:
            self._on_line(self._name, line)
        except Exception:  # noqa: BLE001 - a watcher's bug must not stop the pipe being drained
            logging.getLogger(__name__).exception("influxctl output watcher failed")

    def join(self) -> None:
        self._thread.join(READER_JOIN_SECONDS)

    @property
    def text(self) -> str:
        return "".join(self._lines)
