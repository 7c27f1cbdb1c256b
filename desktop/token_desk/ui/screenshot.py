"""`python -m token_desk.ui.screenshot OUT.png [token-desk args]`: the loaded window, saved as a PNG."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

LOAD_TIMEOUT_MS = 20_000
WINDOW_SIZE = (1280, 760)


def _save_when_loaded(window, path: str, app: QApplication, result: list[int]) -> None:
    def check() -> None:
        if window.loader.busy:
            QTimer.singleShot(50, check)
            return
        app.processEvents()
        result.append(0 if window.grab().save(path) else 1)
        app.quit()

    QTimer.singleShot(200, check)  # let the first paint settle before checking
    QTimer.singleShot(LOAD_TIMEOUT_MS, lambda: (result.append(3), app.quit()))


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m token_desk.ui.screenshot OUT.png [token-desk arguments]", file=sys.stderr)
        return 2
    from token_desk.app import create_window

    app = QApplication.instance() or QApplication(["token-desk"])
    window = create_window(argv[1:])
    window.resize(*WINDOW_SIZE)
    window.show()
    result: list[int] = []
    _save_when_loaded(window, argv[0], app, result)
    app.exec()
    return result[0] if result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
