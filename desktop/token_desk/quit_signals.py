"""SIGTERM, SIGINT and SIGHUP end the app the way closing its window does.

Python runs a signal handler only when the main thread runs Python code, and Qt's event loop does not:
without help, SIGINT would wait for the next event and SIGTERM would kill the process outright, leaving
influxctl children running. So the C-level handler writes the signal number to one end of a socket pair
(`signal.set_wakeup_fd`), and a QSocketNotifier on the other end wakes the event loop at once. No timer
polls. The first quit signal emits `quitting` (the entry point closes the window without questions:
nobody may be there to answer them) and leaves the event loop; the entry point then cancels the work and
ends every influxctl process group, as it does after the window was closed.
"""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

# SIGHUP (the terminal or session went away) does not exist on Windows; SIGBREAK (Ctrl+Break) only there.
QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK")
                     if hasattr(signal, name))
INTERRUPTED = 130  # the shell's status for a program ended by Ctrl+C (128 + SIGINT)


def exit_status(signum: int) -> int:
    """Ctrl+C ends with the status shells expect of an interrupted program; any other quit signal is a
    request to quit, which the app honours: status 0."""
    return INTERRUPTED if signum == signal.SIGINT else 0


class QuitSignals(QObject):
    """Installed once, on the GUI thread, before the window starts any work; `restore()` undoes it."""

    quitting = Signal(int)  # the signal number, on the GUI thread, before the event loop is left

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)  # set_wakeup_fd requires it; a full buffer must never block the handler
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        # Python still needs a handler of its own; the wake-up byte is what does the work. A signal ignored
        # when the app started stays ignored: `nohup token-desk` must survive its terminal closing, and a
        # script's background job must not quit on the Ctrl+C meant for the script.
        self._previous = {signum: signal.signal(signum, _note) for signum in QUIT_SIGNALS
                          if signal.getsignal(signum) is not signal.SIG_IGN}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wake_up)

    def exit_code(self, loop_code: int) -> int:
        """What the process ends with: the signal's status if one ended the loop, else the loop's own."""
        return loop_code if self.received is None else exit_status(self.received)

    def restore(self) -> None:
        """Put back the handlers and descriptor found at install (tests install and remove it again)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._reader.close()
        self._writer.close()

    def _on_wake_up(self) -> None:
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for signum in data:
            if signum in QUIT_SIGNALS:
                self._quit(signum)

    def _quit(self, signum: int) -> None:
        if self.received is not None:
            return  # already on the way out; a second Ctrl+C changes nothing
        self.received = signum
        log.warning("Received %s: closing as if the window were closed.", signal.Signals(signum).name)
        self.quitting.emit(signum)
        # Leaves every event loop, a modal dialog's included; exit_code() keeps the signal's status.
        self._app.exit(exit_status(signum))


def _note(signum: int, frame: object) -> None:
    """Python's side of the handler: nothing to do, the wake-up descriptor has already woken Qt."""
