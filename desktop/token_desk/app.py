"""`create_window(argv)`: builds exactly what `token-desk ARGS` shows, without running the event loop."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from token_desk import __version__
from token_desk.api.ids import is_uuid
from token_desk.connection import Connection, ConnectionKind, host_label

TOKEN_ENV = "INFLUX_MANAGEMENT_TOKEN"
DEMO_SEED = 1


class UsageError(Exception):
    """The command line cannot work as given; str() is one sentence saying how to fix it."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print and exit; callers decide instead
        raise UsageError(f"{message[:1].upper()}{message[1:]}; run token-desk --help for the options.")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="token-desk", description="See and revoke InfluxDB 3 Cloud Dedicated tokens.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--demo", action="store_true", help="open on built-in sample data (nothing leaves this computer)")
    where.add_argument("--url", metavar="URL", help="Management API base URL, e.g. https://console.influxdata.com/api/v0")
    # HOOK(issue 5): stored profiles. Parsed here; handled by _window_for_profile.
    where.add_argument("--profile", metavar="NAME", help="connect with a stored profile")
    parser.add_argument("--account-id", metavar="ID", help="account ID (a UUID), with --url")
    parser.add_argument("--cluster-id", metavar="ID", help="cluster ID (a UUID), with --url")
    # HOOK(issue 6): the packaged app's self-test. Parsed here; handled in token_desk.__main__.
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse and cross-check the options; raises UsageError with the fix."""
    args = build_parser().parse_args(list(argv))
    if args.url is None and (args.account_id or args.cluster_id):
        raise UsageError("--account-id and --cluster-id go with --url URL; add the API URL or remove them.")
    if args.url is not None:
        _check_one_off(args)
    return args


def _check_one_off(args: argparse.Namespace) -> None:
    if urlsplit(args.url).scheme not in ("http", "https") or not urlsplit(args.url).netloc:
        raise UsageError(f"--url must be an http(s) API base URL such as https://console.influxdata.com/api/v0, not {args.url!r}.")
    for option, value in (("--account-id", args.account_id), ("--cluster-id", args.cluster_id)):
        if not value:
            raise UsageError(f"{option} is required with --url; copy it from the Admin UI or influxctl's config.")
        if not is_uuid(value):
            raise UsageError(f"{option} must be a UUID such as 11111111-1111-4111-8111-111111111111, not {value!r}.")
    if not os.environ.get(TOKEN_ENV):
        raise UsageError(f"Set the environment variable {TOKEN_ENV} to your management token; "
                         "Token Desk reads it from there and stores nothing.")


def version_text() -> str:
    return f"token-desk {__version__}"


def create_window(argv: Sequence[str]):
    """The window `token-desk ARGV` opens, with loading started off the GUI thread. Needs a QApplication."""
    from token_desk.ui.main_window import MainWindow  # widgets only once a QApplication exists

    args = parse_arguments(argv)
    if args.version:
        raise UsageError("--version prints the version and opens no window; run it on its own.")
    window = MainWindow()
    connection, cleanup = _connection_for(args)
    if cleanup is not None:
        # A plain function, not a bound method: the window's Python wrapper may be gone by then.
        window.destroyed.connect(_once(cleanup))
    window.set_connection(connection)
    return window


def _once(action: Callable[[], None]) -> Callable[..., None]:
    done: list[bool] = []

    def run(*_ignored: object) -> None:
        if not done:
            done.append(True)
            action()

    return run


def _connection_for(args: argparse.Namespace) -> tuple[Connection | None, Callable[[], None] | None]:
    if args.demo:
        return _demo_connection()
    if args.url is not None:
        connection = _one_off_connection(args)
        return connection, connection.client.close
    if args.profile is not None:
        return _window_for_profile(args), None
    # No arguments: the welcome state. HOOK(issue 5): open the last used profile here.
    return None, None


def _demo_connection() -> tuple[Connection, Callable[[], None]]:
    from token_desk.api.client import ManagementApiClient
    from token_desk.sandbox import start_sandbox

    sandbox = start_sandbox(data=":memory:", seed=DEMO_SEED)
    client = ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token)

    def stop() -> None:
        client.close()
        sandbox.stop()

    return Connection("Demo data", client, ConnectionKind.DEMO), stop


def _one_off_connection(args: argparse.Namespace) -> Connection:
    from token_desk.api.client import ManagementApiClient

    client = ManagementApiClient(args.url, args.account_id, args.cluster_id, os.environ[TOKEN_ENV])
    return Connection(host_label(args.url), client, ConnectionKind.ONE_OFF)


def _window_for_profile(args: argparse.Namespace) -> Connection:
    # HOOK(issue 5): look the profile up in token_desk.credentials and build a PROFILE connection.
    raise UsageError(f"Stored profiles are not available in this version; use --url with {TOKEN_ENV} instead.")
