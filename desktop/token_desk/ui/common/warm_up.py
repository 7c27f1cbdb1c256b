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

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
# Long enough for the first paint and the first lists to be done with the CPU on a slow machine.
WARM_UP_DELAY_MS = 1500


def warm_up_later(owner: QObject, modules: Sequence[str]) -> None:
    """Import `modules` on a worker thread WARM_UP_DELAY_MS after the event loop runs (not if `owner` is gone)."""
    names = tuple(modules)
    QTimer.singleShot(WARM_UP_DELAY_MS, owner, lambda: threading.Thread(
        target=_import_all, args=(names,), name="token-desk-warm-up", daemon=True).start())


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the command imports it again when used, and reports the failure there
            log.debug("Warm-up import of %s failed", name, exc_info=True)
