"""`token-desk` / `python -m token_desk`: parse the command line, open the window, run the event loop."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

EXIT_USAGE = 2
# How long closing waits for cancelled work to wind down before the process ends regardless.
EXIT_GRACE_MS = 1500
EMULATOR_FLAG = "--influxctl-emulator"  # token_desk.sandbox.influxctl.FROZEN_FLAG, without importing the sandbox


def _fail_usage(error: Exception) -> int:
    print(f"token-desk: {error}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [EMULATOR_FLAG]:  # a packaged app standing in for influxctl (its sys.executable is the app)
        from token_desk.sandbox.influxctl.cli import main as emulate_influxctl

        return emulate_influxctl(argv[1:])
    # Imported only now: the emulator above runs once per influxctl call (three times at each demo start, beside
    # the window's first paint) and must not pay for httpx, logging or the app.
    from token_desk import startup_environment
    from token_desk.app import UsageError, parse_arguments, version_text

    try:
        args = parse_arguments(argv)
    except UsageError as error:
        return _fail_usage(error)
    if args.version:
        print(version_text())
        return 0
    _configure_logging()
    problem = startup_environment.prepare(self_test=args.self_test)
    if problem is not None:
        print(f"token-desk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from token_desk.ui.common.application import create_application

    app = create_application()
    if args.self_test:
        from token_desk.selftest import run_self_test

        # No crash dialog here: a modal dialog would block a headless run.
        return run_self_test(app, screenshot=args.screenshot)
    return _run_gui(app, argv)


def _configure_logging() -> None:
    """Warnings to stderr; TOKEN_DESK_DEBUG=1 turns on the debug log (the packaged app's debug console)."""
    import logging

    from token_desk import environment

    debug = os.environ.get(environment.DEBUG) == "1"
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpcore").setLevel(logging.INFO)  # wire-level traces drown the app's own lines


def _run_gui(app, argv: list[str]) -> int:
    from token_desk.app import UsageError, create_window
    from token_desk.quit_signals import QuitSignals
    from token_desk.ui.common.crash_dialog import install_excepthook

    install_excepthook()
    # Before the window starts loading: a signal from here on ends the app the way closing it does.
    signals = QuitSignals(app)
    try:
        window = create_window(argv)
    except UsageError as error:
        return _fail_usage(error)
    signals.quitting.connect(window.close_without_asking)
    window.show()
    code = signals.exit_code(app.exec())
    _shut_down(window, code)
    return code


def _shut_down(window, code: int) -> None:
    """Cancel every request and influxctl process still running, so the app ends now, not at a timeout."""
    from token_desk import tasks
    from token_desk.api.influxctl import end_all_processes

    tasks.cancel_all()
    end_all_processes()  # any influxctl not started by a task too: none may outlive the app
    _dispose(window)
    if not tasks.wait_for_workers(EXIT_GRACE_MS):
        import logging

        logging.getLogger(__name__).warning("Background work did not stop within %d ms; ending the process anyway.",
                                            EXIT_GRACE_MS)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # the sockets and children are closed by the OS with the process


def _dispose(window) -> None:
    """Delete the window now, so what it keeps alive (the demo server) stops before the process ends."""
    import shiboken6

    if shiboken6.isValid(window):
        shiboken6.delete(window)


if __name__ == "__main__":
    sys.exit(main())
