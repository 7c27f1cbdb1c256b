"""Imports the modules of the commands people open first, on a worker thread once the window is up.

The first paint needs none of them, so start-up does not import them (see app.create_window); importing
them soon after, off the GUI thread, makes a command's first use as quick as its later ones. Only modules
are imported here, never a widget made: widgets belong to the GUI thread.
"""

from __future__ import annotations

import functools
import importlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThreadPool, QTimer

log = logging.getLogger(__name__)
# After the first paint; then, while the first lists still load (the task pool is busy), wait for them:
# imports take the interpreter's lock, and the rows a person waits for come first. After the last wait, go.
WARM_UP_DELAY_MS = 1000
BUSY_RECHECK_MS = 500
BUSY_WAITS = 20


def warm_up_later(owner: QObject, modules: Sequence[str], also: Sequence[Callable[[], object]] = ()) -> None:
    """Import `modules`, then call each of `also` (thread-safe look-ups a command caches), on a worker thread
    once the window is up and idle; never if `owner` is gone by then."""
    work = tuple(functools.partial(importlib.import_module, name) for name in modules) + tuple(also)
    QTimer.singleShot(WARM_UP_DELAY_MS, owner, lambda: _when_idle(owner, work, BUSY_WAITS))


def _when_idle(owner: QObject, work: tuple[Callable[[], object], ...], waits_left: int) -> None:
    if waits_left and QThreadPool.globalInstance().activeThreadCount():
        QTimer.singleShot(BUSY_RECHECK_MS, owner, lambda: _when_idle(owner, work, waits_left - 1))
        return
    threading.Thread(target=_run_all, args=(work,), name="token-desk-warm-up", daemon=True).start()


def _run_all(work: tuple[Callable[[], object], ...]) -> None:
    for step in work:
        try:
            step()
        except Exception:  # the command does it again when used, and reports the failure there
            log.debug("Warm-up step %r failed", step, exc_info=True)
