"""Imports the modules of the commands people open first, on a worker thread once the window is up.

The first paint needs none of them, so start-up does not import them (see app.create_window); importing
them soon after, off the GUI thread, makes a command's first use as quick as its later ones. Only modules
are imported here, never a widget made: widgets belong to the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, QThreadPool, QTimer

log = logging.getLogger(__name__)
# After the first paint; then, while the first lists still load (the task pool is busy), wait for them:
# imports take the interpreter's lock, and the rows a person waits for come first. After the last wait, go.
WARM_UP_DELAY_MS = 1000
BUSY_RECHECK_MS = 500
BUSY_WAITS = 20


def warm_up_later(owner: QObject, modules: Sequence[str]) -> None:
    """Import `modules` on a worker thread once the window is up and idle (never if `owner` is gone by then)."""
    names = tuple(modules)
    QTimer.singleShot(WARM_UP_DELAY_MS, owner, lambda: _when_idle(owner, names, BUSY_WAITS))


def _when_idle(owner: QObject, names: tuple[str, ...], waits_left: int) -> None:
    if waits_left and QThreadPool.globalInstance().activeThreadCount():
        QTimer.singleShot(BUSY_RECHECK_MS, owner, lambda: _when_idle(owner, names, waits_left - 1))
        return
    threading.Thread(target=_import_all, args=(names,), name="token-desk-warm-up", daemon=True).start()


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the command imports it again when used, and reports the failure there
            log.debug("Warm-up import of %s failed", name, exc_info=True)
