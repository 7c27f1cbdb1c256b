"""`token-desk` / `python -m token_desk`: parse the command line, open the window, run the event loop."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from token_desk.app import UsageError, create_window, parse_arguments, version_text

APP_NAME = "Token Desk"
EXIT_USAGE = 2


def _fail_usage(error: UsageError) -> int:
    print(f"token-desk: {error}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_arguments(argv)
    except UsageError as error:
        return _fail_usage(error)
    if args.version:
        print(version_text())
        return 0
    # HOOK(issue 6): `--self-test` for the packaged app is handled here, before any window opens.
    return _run_gui(argv)


def _run_gui(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from token_desk.ui.crash_dialog import install_excepthook
    from token_desk.ui.icons import app_icon

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "token-desk"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    install_excepthook()
    try:
        window = create_window(argv)
    except UsageError as error:
        return _fail_usage(error)
    window.show()
    code = app.exec()
    _dispose(window)
    return code


def _dispose(window) -> None:
    """Delete the window now, so what it keeps alive (the demo server) stops before the process ends."""
    import shiboken6

    if shiboken6.isValid(window):
        shiboken6.delete(window)


if __name__ == "__main__":
    sys.exit(main())
