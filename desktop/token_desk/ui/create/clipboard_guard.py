"""Copy a secret, and take it off the clipboard a minute later if it is still there.

Only a hash of the secret is kept while waiting, and the guard is parented to the application,
so the clearing happens after the dialog that copied has closed (and at quit, if that comes first).
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 60_000
# Asks clipboard managers (KDE Klipper, and others that honour it) not to keep the secret in history.
PASSWORD_HINT = "x-kde-passwordManagerHint"


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ClipboardGuard(QObject):
    """`copy(secret)` puts it on the clipboard; after `clear_after_ms` it is removed if unchanged."""

    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent if parent is not None else QGuiApplication.instance())
        self._digest: bytes | None = None
        self.clear_after_ms = clear_after_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_unchanged)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.clear_if_unchanged)

    def copy(self, secret: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if QGuiApplication.platformName() == "offscreen":
            # PySide6 6.11 segfaults at exit on the offscreen platform (tests, --self-test) when the
            # clipboard still owns a QMimeData made in Python; plain text there, the hint elsewhere.
            clipboard.setText(secret)
        else:
            data = QMimeData()
            data.setText(secret)
            data.setData(PASSWORD_HINT, QByteArray(b"secret"))
            clipboard.setMimeData(data)
        self._digest = _digest(secret)
        self._timer.start(self.clear_after_ms)

    @property
    def waiting(self) -> bool:
        return self._timer.isActive()

    def clear_if_unchanged(self) -> None:
        """Clear the clipboard only if it still holds the secret: never throw away what was copied since."""
        self._timer.stop()
        if self._digest is None:
            return
        clipboard = QGuiApplication.clipboard()
        if _digest(clipboard.text()) == self._digest:
            clipboard.clear()
        self._digest = None


_shared: list[ClipboardGuard] = []


def clipboard_guard() -> ClipboardGuard:
    """The application's one guard: a second copy restarts its minute."""
    if not _shared or _shared[0].parent() is not QGuiApplication.instance():
        _shared[:] = [ClipboardGuard()]
    return _shared[0]
