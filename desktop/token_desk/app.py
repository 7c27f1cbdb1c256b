"""`create_window(argv)`: builds exactly what `token-desk ARGS` shows, without running the event loop."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import token_desk
from token_desk import environment
from token_desk.api.ids import is_uuid
from token_desk.api.token_text import token_problem
from token_desk.api.url_safety import base_url_problem, plain_http_refusal, plain_http_warning, url_host
from token_desk.collector import collector_paused
from token_desk.connection import Connection, ConnectionKind, host_label
from token_desk.paths import config_dir_problem

log = logging.getLogger(__name__)
DEFAULT_INFLUXCTL_PROFILE = "default"


class UsageError(Exception):
    """The command line cannot work as given; str() is one sentence saying how to fix it."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print and exit; callers decide instead
        raise UsageError(f"{message[:1].upper()}{message[1:]}; run token-desk --help for the options.")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="token-desk", description="See, audit, create, rotate and revoke InfluxDB 3 Cloud Dedicated tokens.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--demo", action="store_true", help="open on built-in sample data (nothing leaves this computer)")
    where.add_argument("--url", metavar="URL", help="Management API base URL, e.g. https://console.influxdata.com/api/v0")
    where.add_argument("--profile", metavar="NAME", help="connect with a stored profile")
    parser.add_argument("--account-id", metavar="ID", help="account ID (a UUID), with --url")
    parser.add_argument("--cluster-id", metavar="ID", help="cluster ID (a UUID), with --url")
    parser.add_argument("--allow-plain-http", action="store_true",
                        help="with an http:// --url to another computer: send the token unencrypted anyway")
    parser.add_argument("--influxctl", metavar="PATH",
                        help="the influxctl program to run for management tokens (default: found automatically)")
    parser.add_argument("--influxctl-config", metavar="FILE",
                        help="use this influxctl config.toml and its own sign-in, storing no secret")
    parser.add_argument("--influxctl-profile", metavar="NAME",
                        help="the profile of the influxctl config to use (default: default)")
    # The packaged app's end-to-end check (token_desk.selftest), run by the packaging tests.
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation end to end against a built-in server, then exit")
    parser.add_argument("--screenshot", metavar="PATH", type=Path, help=argparse.SUPPRESS)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse and cross-check the options; raises UsageError with the fix."""
    args = build_parser().parse_args(list(argv))
    if args.url is None and (args.account_id or args.cluster_id):
        raise UsageError("--account-id and --cluster-id go with --url URL; add the API URL or remove them.")
    if args.url is not None:
        _check_one_off(args)
    if uses_influxctl_profile(args) and (args.url is not None or args.demo or args.profile is not None):
        raise UsageError("--influxctl-config and --influxctl-profile open an influxctl profile on their own; "
                         "leave out --url, --demo and --profile.")
    return args


def uses_influxctl_profile(args: argparse.Namespace) -> bool:
    return args.influxctl_config is not None or args.influxctl_profile is not None


def _check_one_off(args: argparse.Namespace) -> None:
    problem = base_url_problem(args.url)
    if problem is not None:
        raise UsageError(f"--url {args.url!r}: {problem}")
    if plain_http_refusal(args.url, args.allow_plain_http) is not None:
        raise UsageError(f"--url uses plain http:// to {url_host(args.url)}, so the management token would cross "
                         "the network unencrypted; use https://, or add --allow-plain-http if you trust the network.")
    for option, value in (("--account-id", args.account_id), ("--cluster-id", args.cluster_id)):
        if not value:
            raise UsageError(f"{option} is required with --url; copy it from the Admin UI or influxctl's config.")
        if not is_uuid(value):
            raise UsageError(f"{option} must be a UUID such as 11111111-1111-4111-8111-111111111111, not {value!r}.")
    if not os.environ.get(environment.MANAGEMENT_TOKEN):
        raise UsageError(f"Set the environment variable {environment.MANAGEMENT_TOKEN} to your management token; "
                         "Token Desk reads it from there and stores nothing.")
    problem = token_problem(os.environ[environment.MANAGEMENT_TOKEN].strip())
    if problem is not None:
        raise UsageError(f"{environment.MANAGEMENT_TOKEN}: {problem}")


def _installed_version() -> str:
    return token_desk.__version__  # About shows it; looked up once, when first needed


def version_text() -> str:
    return f"token-desk {token_desk.__version__}"


DEMO_SEED = 1
# What the first paint does not need, imported at each command's first use, or on a worker thread once the
# window is up and its first lists are in (ui.common.warm_up), whichever comes first.
FIRST_USE_MODULES = (
    "token_desk.ui.connections.connections_dialog", "token_desk.ui.create.create_dialog",
    "token_desk.ui.create.edit_dialog", "token_desk.ui.create.secret_dialog", "token_desk.ui.revoke.revoke_dialog",
    "token_desk.ui.export.export_dialog", "token_desk.ui.history.history_window", "token_desk.ui.attention.details",
    "token_desk.ui.attention.preferences_dialog", "token_desk.export.calendar",
    "token_desk.ui.connections.profile_form",
    "token_desk.ui.connections.token_prompt", "token_desk.ui.connections.influxctl_import_dialog",
)


def start_demo():
    """The demo server: the same sample data as `token-desk --demo`, in memory, gone when the app quits.

    The entry point is the only place that reaches the sandbox; the UI gets this function passed in."""
    from token_desk.sandbox.clusters import DEMO_CLUSTERS
    from token_desk.sandbox.on_demand import OnDemandSandbox

    # Three clusters of one account, one still being set up (influxctl `cluster list` shows them all). Built
    # when its first request arrives, not before the window's first paint (sandbox/on_demand.py).
    return OnDemandSandbox(seed=DEMO_SEED, clusters=DEMO_CLUSTERS)


@collector_paused  # everything it makes lives as long as the window: nothing for the collector to find
def create_window(argv: Sequence[str]):
    """The window `token-desk ARGV` opens, with loading started off the GUI thread. Needs a QApplication.

    The composition root: it builds the window's parts, the real dialogs among them.
    """
    from token_desk.api.connect import management_token_service
    from token_desk.credentials import (Credentials, MemoryProfileStore, MemorySecretStore, ProfileManager,
                                        ProfileStore)
    from token_desk.history import Journal, MemoryJournal, recording
    from token_desk.paths import default_data_dir
    from token_desk.tasks import hold_background_work
    # Widgets only once a QApplication exists.
    from token_desk.ui.connections import ConnectionPrompts, ConnectionsController
    from token_desk.ui.common.settings import MemorySettings, open_settings
    from token_desk.ui.common.first_paint import after_first_paint
    from token_desk.ui.common.warm_up import warm_up_later
    from token_desk.ui.revoke import DialogRevokeService
    from token_desk.ui.shell.window_builder import build_window

    args = parse_arguments(argv)
    if args.version:
        raise UsageError("--version prints the version and opens no window; run it on its own.")
    folder_problem = None if args.demo else config_dir_problem()
    # --demo stores nothing: no profiles file, keyring entry or window settings, even if the demo
    # is used to try the Connections dialog.
    store = MemoryProfileStore() if args.demo else ProfileStore(in_memory=folder_problem is not None)
    if args.profile is not None:
        _check_profile_exists(store, args.profile)
    credentials = Credentials(MemorySecretStore()) if args.demo else Credentials()
    # The history's folder is made on its first entry; --demo keeps its history in memory for the session.
    journal = MemoryJournal() if args.demo else Journal(default_data_dir())
    settings = MemorySettings() if args.demo else open_settings()
    prompts = ConnectionPrompts()

    # The controller owns every connection's service (and the demo server) and closes them when the window
    # goes away or the user switches. Every non-demo service records its changes.
    def connections(switcher, welcome) -> ConnectionsController:
        return ConnectionsController(ProfileManager(store, credentials), start_demo, management_token_service,
                                     prompts, settings, switcher, welcome, influxctl_option=args.influxctl,
                                     decorate=recording(journal))

    # The first loads start once the window has been drawn: their Python would slow its first paint.
    release = hold_background_work()
    try:
        window = build_window(connections, DialogRevokeService(), settings, journal)
        _open_first_connection(window.connections, args)
    except BaseException:
        release()
        raise
    after_first_paint(window, release)
    warm_up_later(window, FIRST_USE_MODULES, also=[_installed_version])
    if folder_problem is not None:
        log.warning("%s", folder_problem)
        from PySide6.QtCore import QTimer

        # Once the window is up, so the person sees what it is about.
        QTimer.singleShot(0, window, lambda: prompts.show_problem(window, "Settings Will Not Be Saved", folder_problem))
    return window


def _check_profile_exists(store, name: str) -> None:
    from token_desk.credentials import CredentialError

    try:
        found = store.find(name)
    except CredentialError as err:  # a damaged or unreadable profiles file: its sentence, not a traceback
        raise UsageError(str(err)) from err
    if found is None:
        raise UsageError(f"There is no stored profile named {name!r}; "
                         "run token-desk without --profile to pick or add one.")


def _open_first_connection(controller, args: argparse.Namespace) -> None:
    if args.demo:
        controller.open_demo()
    elif args.url is not None:
        controller.open_connection(_one_off_connection(args, controller.influxctl_program()))
    elif uses_influxctl_profile(args):
        controller.open_influxctl_profile(args.influxctl_config, args.influxctl_profile or DEFAULT_INFLUXCTL_PROFILE)
    else:
        controller.start(args.profile)  # the named or last used profile, else the welcome page


def _one_off_connection(args: argparse.Namespace, influxctl) -> Connection:
    from token_desk.api.connect import management_token_service

    if args.allow_plain_http and plain_http_refusal(args.url, False) is not None:
        print(f"token-desk: warning: {plain_http_warning(args.url)}", file=sys.stderr)
    service = management_token_service(args.url, args.account_id, args.cluster_id,
                                       os.environ[environment.MANAGEMENT_TOKEN].strip(), influxctl,
                                       allow_plain_http=args.allow_plain_http)
    return Connection(host_label(args.url), service, ConnectionKind.ONE_OFF)
