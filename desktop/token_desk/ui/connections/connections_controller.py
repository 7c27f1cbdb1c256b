"""Glue between the window and the saved connections: open, switch, first run, sign in again after a 401."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from token_desk.api.connect import influxctl_profile_service
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.influxctl.locate import find_influxctl
from token_desk.api.service import TokenService
from token_desk.connection import Connection, ConnectionKind
from token_desk.credentials import (
    CredentialError, Profile, ProfileManager, ProfileNotFoundError,
)
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.connections.connections_prompts import Prompts
from token_desk.ui.common import settings as ui_settings
from token_desk.ui.connections.connections_resources import DemoFactory, OwnedResources
from token_desk.ui.connections.profile_saver import KeyringProfileSaver
from token_desk.ui.connections.profile_switcher import ProfileSwitcher
from token_desk.ui.connections.token_storage import keep_for_session, store_token

if TYPE_CHECKING:  # the dialogs are imported when first opened: the first paint needs none of them
    from token_desk.credentials import ImportReport
    from token_desk.ui.connections.connections_dialog import ConnectionsDialog
    from token_desk.ui.connections.influxctl_sign_in import InfluxctlSignIn
    from token_desk.ui.connections.profile_form import ProfileFormResult

log = logging.getLogger(__name__)
_STORED_KINDS = (ConnectionKind.PROFILE, ConnectionKind.INFLUXCTL)  # connections the switcher can show as chosen
# Makes a connection's service: (url, account, cluster, token, influxctl program, *, allow_plain_http);
# app.py passes api.connect.management_token_service (way a: REST, and influxctl for management tokens).
ServiceFactory = Callable[..., TokenService]
# Wraps each connection's service before the window sees it (app.py: the action history's recorder).
ConnectionDecorator = Callable[[Connection | None], Connection | None]
# Where the demo's tokens come from (the switcher and the title say it); the toolbar's badge says they are
# not real ("Demo data"): two facts, each said once.
DEMO_LABEL = "Built-in sandbox"


def first_token_message(name: str) -> str:
    return f"Enter the management token for '{name}'. Token Desk saves it in the system keyring, not in a file."


# The service documents that a new token may be refused for "a few seconds to a few minutes".
FRESH_TOKEN_GRACE_S = 5 * 60


def fresh_token_message(connection: Connection) -> str:
    return (f"The server refused the token of '{connection.profile_name}' (401), but that token was created only "
            "moments ago: a new token can take from a few seconds to a few minutes to start working. Wait a "
            "minute, then refresh (F5).")


def rejected_token_message(connection: Connection) -> str:
    where = f"of '{connection.profile_name}'" if connection.profile_name else f"for {connection.label}"
    replace = ("it replaces the one saved in the system keyring." if connection.kind is ConnectionKind.PROFILE
               else "it is kept in memory for this session only.")
    return (f"The server rejected the management token {where} (401): it may have been revoked, expired or "
            f"mistyped. Enter a valid management token; {replace}")


class ConnectionsController(QObject):
    """Owns the ProfileManager and every connection's service; built before the window, which it never sees.

    `showing(connection | None)`: show this connection now (the window's set_connection);
    `connection_changed(connection | None)`: after every switch, and when the saved profiles changed;
    `reload_requested`: load the tables again (influxctl program changed, influxctl signed in again).
    Its dialogs open over the window that shows `switcher`, its parts given by the builder: `switcher`
    (first in the toolbar) and `welcome` (ui.shell's WelcomePage, shown with no connection: its Add, Import and
    Demo choices land here).
    """

    showing = Signal(object)
    connection_changed = Signal(object)
    reload_requested = Signal()

    def __init__(self, manager: ProfileManager, demo_factory: DemoFactory, services: ServiceFactory,
                 prompts: Prompts, settings: QSettings, switcher: ProfileSwitcher, welcome: QWidget, *,
                 influxctl_option: str | None = None,
                 decorate: ConnectionDecorator = lambda connection: connection) -> None:
        super().__init__()
        self._decorate = decorate
        self.manager = manager
        self._services = services
        self.prompts = prompts
        self.settings = settings
        self.switcher = switcher
        self.influxctl_option = influxctl_option  # --influxctl PATH: first in the search order
        self._resources = OwnedResources(demo_factory)
        self._connection: Connection | None = None
        self._problem_shown: str | None = None
        self._pending_profile: str | None = None
        self._fresh_profiles: dict[str, float] = {}  # profiles saved from a just-created token: when
        self._sign_in: InfluxctlSignIn | None = None
        switcher.profile_chosen.connect(self.open_profile)
        switcher.manage_requested.connect(self.manage_connections)
        welcome.add_requested.connect(self.add_connection)
        welcome.import_requested.connect(self.import_from_influxctl)
        welcome.demo_requested.connect(self.open_demo)

    @property
    def sign_in(self) -> InfluxctlSignIn:
        """influxctl's browser sign-in, for influxctl-profile connections: made with the first of them."""
        if self._sign_in is None:
            from token_desk.ui.connections.influxctl_sign_in import InfluxctlSignIn

            self._sign_in = InfluxctlSignIn(self.switcher)
        return self._sign_in

    @property
    def window(self) -> QWidget:
        """What the controller's dialogs open over: the window showing its switcher."""
        return self.switcher.window()

    @property
    def connection(self) -> Connection | None:
        return self._connection

    def release_callback(self) -> Callable[..., None]:
        """For the window's `destroyed`: closes the services and the demo server, even mid-teardown."""
        return self._resources.release_all_callback()

    # ---- influxctl -------------------------------------------------------------------------------------
    def influxctl_program(self) -> InfluxctlProgram:
        """--influxctl, TOKEN_DESK_INFLUXCTL, the "influxctl program" setting, PATH, the usual folders."""
        return find_influxctl(self.influxctl_option, ui_settings.read_text(self.settings, ui_settings.INFLUXCTL_PROGRAM))

    def _service(self, base_url: str, account_id: str, cluster_id: str, token: str,
                 **rest_options) -> TokenService:
        return self._services(base_url, account_id, cluster_id, token, self.influxctl_program(), **rest_options)

    def choose_influxctl(self, path: str) -> None:
        """Remember the influxctl program chosen in the app; the open connection uses it from the next load."""
        self.settings.setValue(ui_settings.INFLUXCTL_PROGRAM, path)
        self.settings.sync()
        self.influxctl_option = None  # the person's choice now wins over the start-up option
        connection = self._connection
        if connection is not None and connection.kind is not ConnectionKind.DEMO:
            use = getattr(connection.service, "use_influxctl", None)
            if use is not None:
                use(self.influxctl_program())
        self.reload_requested.emit()

    def open_influxctl_profile(self, config_path: str | None, profile: str, stored_name: str | None = None) -> None:
        """Way b: an influxctl config and profile used as they are; influxctl signs itself in. `stored_name`:
        the Token Desk profile it came from (None for --influxctl-profile)."""
        service = influxctl_profile_service(self.influxctl_program(), config_path, profile, self.sign_in)
        label = stored_name or f"influxctl profile {profile}"
        self._switch_to(Connection(label, service, ConnectionKind.INFLUXCTL, stored_name))

    # ---- starting --------------------------------------------------------------------------------------
    def start(self, profile_name: str | None = None) -> None:
        """Open `profile_name` (--profile), else the last used profile, else the welcome page.

        Raises ProfileNotFoundError (str() is the sentence to print) for an unknown --profile NAME.
        """
        for sentence in self._guarded(self.manager.store.refusals) or ():  # the rest of the file still loads
            self.prompts.show_problem(self.window, "Connection Skipped", sentence)
        if profile_name is not None:
            if self.manager.store.find(profile_name) is None:
                raise ProfileNotFoundError(profile_name)
            self.open_profile(profile_name)
            return
        last_used = self._guarded(self.manager.store.last_used_name)
        if last_used:
            self.open_profile(last_used)
        else:
            self.show(None)

    def open_connection(self, connection: Connection) -> None:
        """Show a connection made elsewhere (--url); the controller closes its client when done."""
        self._switch_to(connection)

    def show(self, connection: Connection | None) -> None:
        """Show a connection made elsewhere (--demo, --url) or none; its owner closes it."""
        connection = self._decorate(connection)
        self._connection = connection
        self.showing.emit(connection)
        self._connection_shown(connection)

    # ---- profiles --------------------------------------------------------------------------------------
    def open_profile(self, name: str) -> None:
        """Read the profile's token off the GUI thread (the keyring may ask to be unlocked), then switch."""
        profile = self._guarded(lambda: self.manager.store.get(name))
        if profile is None:
            return
        if profile.uses_influxctl_profile:  # no token to read: influxctl signs itself in
            self._pending_profile = None
            self.open_influxctl_profile(profile.influxctl_config, profile.influxctl_profile, profile.name)
            self._guarded(lambda: self.manager.store.set_last_used(profile.name))
            return
        self._pending_profile = name
        run_in_background(self.manager.credentials.token_for, name,
                context=self, on_result=lambda token: self._token_read(profile, token),
                on_error=lambda error: self._token_unreadable(profile, error))

    def _token_read(self, profile: Profile, token: str | None) -> None:
        if self._pending_profile != profile.name:
            return  # another switch started meanwhile
        if token is not None:
            self._connect(profile, token)
            return
        answer = self.prompts.ask_token(self.window, first_token_message(profile.name), True)
        if answer is not None:
            store_token(self.window, self.manager.credentials, self.prompts, profile.name, answer.token,
                        self._then_connect(profile), session_only=answer.session_only)

    def _token_unreadable(self, profile: Profile, error: BaseException) -> None:
        if self._pending_profile == profile.name:
            keep_for_session(self.window, self.manager.credentials, self.prompts, profile.name, error, None,
                             self._then_connect(profile))

    def _then_connect(self, profile: Profile) -> Callable[[str | None], None]:
        return lambda token: self._connect(profile, token) if token is not None else None

    def _connect(self, profile: Profile, token: str) -> None:
        self._pending_profile = None
        try:
            client = self._service(profile.base_url, profile.account_id, profile.cluster_id, token,
                                   allow_plain_http=profile.allow_plain_http)
        except ValueError as err:  # the client's own checks; InvalidIdError is one
            self.prompts.show_problem(self.window, "Cannot Connect", error_sentence(err, "Connecting"))
            return
        self._switch_to(Connection(profile.name, client, ConnectionKind.PROFILE, profile.name,
                                   profile.added_cluster_ids))
        self._guarded(lambda: self.manager.store.set_last_used(profile.name))

    def _switch_to(self, connection: Connection | None) -> None:
        connection = self._decorate(connection)
        previous = self._connection
        self._connection = connection
        self.showing.emit(connection)
        if connection is not None:
            self._resources.adopt_client(connection.service)
        if previous is not None and previous is not connection:
            self._resources.release_client(previous.service)
        self._connection_shown(connection)

    def _connection_shown(self, connection: Connection | None) -> None:
        names = self._guarded(self.manager.store.names) or []
        active = connection.profile_name if connection and connection.kind in _STORED_KINDS else None
        self.switcher.set_profiles(names, active, connection.label if connection else None)
        self.connection_changed.emit(connection)

    # ---- first run -------------------------------------------------------------------------------------
    def add_connection(self) -> None:
        names = self._guarded(self.manager.store.names) or []
        result = self.prompts.edit_profile(self.window, names, None, None, self.influxctl_program)
        if result is not None:
            run_in_background(self.manager.add, result.profile, result.token,
                    context=self, on_result=lambda _profile: self._connect_added(result),
                    on_error=lambda error: self._add_failed(result, error))

    def _connect_added(self, result: ProfileFormResult) -> None:
        if result.profile.uses_influxctl_profile:
            self.open_profile(result.profile.name)  # no token: influxctl signs itself in
        else:
            self._connect(result.profile, result.token)

    def _add_failed(self, result: ProfileFormResult, error: BaseException) -> None:
        def kept(token: str | None) -> None:
            if token is not None and self._guarded(lambda: self.manager.add(result.profile, token, session_only=True)):
                self._connect(result.profile, token)

        keep_for_session(self.window, self.manager.credentials, self.prompts, result.profile.name, error,
                         result.token, kept)

    def import_from_influxctl(self) -> ImportReport | None:
        from token_desk.credentials import import_profiles  # with tomllib: the Import dialog's, not the start's

        store, credentials = self.manager.store, self.manager.credentials
        names = self._guarded(store.names) or []
        report = self.prompts.import_influxctl(
            self.window, lambda chosen, **how: import_profiles(chosen, store, credentials, **how), names)
        if report is not None and report.imported and self._connection is None:
            self.open_profile(report.imported[0].name)
        else:
            self._connection_shown(self._connection)
        return report

    def open_demo(self) -> None:
        """The built-in sandbox: sample data, and nothing stored in the keyring."""
        try:
            client = self._resources.start_demo_client(self._services)
        except OSError as err:
            self.prompts.show_problem(self.window, "Demo Unavailable", f"The demo server could not start: {err}.")
            return
        self._switch_to(Connection(DEMO_LABEL, client, ConnectionKind.DEMO))

    def restart_demo(self) -> None:
        """A fresh demo server (new sample data, new token): the way on after revoking the demo's own token."""
        self._switch_to(None)  # stops the old demo server
        self.open_demo()

    # ---- the Connections dialog ------------------------------------------------------------------------
    def manage_connections(self) -> ConnectionsDialog:
        """Open the dialog (non-blocking); returns it so callers and tests can follow it."""
        from token_desk.ui.connections.connections_dialog import ConnectionsDialog

        active = self._connection
        dialog = ConnectionsDialog(self.window, self.manager, self.prompts, active.profile_name if active else None,
                                   influxctl_program=self.influxctl_program)
        dialog.connect_requested.connect(self.open_profile)
        dialog.import_requested.connect(lambda: (self.import_from_influxctl(), dialog.reload()))
        dialog.profile_renamed.connect(self._profile_renamed)
        dialog.profile_deleted.connect(self._profile_deleted)
        dialog.influxctl_row.show_program(self.influxctl_program().label)
        if active is not None and active.is_demo:
            dialog.show_demo(self.influxctl_program().label)
        dialog.influxctl_row.chosen.connect(self.choose_influxctl)
        dialog.finished.connect(lambda _code: self._connection_shown(self._connection))
        dialog.open()
        return dialog

    def _active_profile(self) -> str | None:
        connection = self._connection
        return connection.profile_name if connection is not None else None

    def _profile_renamed(self, old_name: str, new_name: str) -> None:
        if self._active_profile() == old_name:
            self.open_profile(new_name)  # its URL, IDs or token may have changed

    def _profile_deleted(self, name: str) -> None:
        if self._active_profile() == name:
            self._switch_to(None)

    # ---- Save as a Connection… ---------------------------------------------------------------------------
    def new_profile_saver(self, connection: Connection | None) -> KeyringProfileSaver | None:
        """Where a new management token can be stored as a profile for `connection`'s account and cluster:
        None for demo data (nothing is stored) and for connections without a REST account and cluster."""
        if connection is None or connection.kind in (ConnectionKind.DEMO, ConnectionKind.INFLUXCTL):
            return None
        service = connection.service
        return KeyringProfileSaver(self.manager, service.base_url, service.account_id, service.cluster_id,
                                   on_saved=self._remember_fresh)

    def _remember_fresh(self, name: str) -> None:
        """Off the GUI thread (the saver runs there): only a dict entry, no widgets."""
        self._fresh_profiles[name] = time.monotonic()

    def _token_is_fresh(self, connection: Connection) -> bool:
        saved = self._fresh_profiles.get(connection.profile_name or "")
        return saved is not None and time.monotonic() - saved < FRESH_TOKEN_GRACE_S

    # ---- 401 -------------------------------------------------------------------------------------------
    def sign_in_again(self) -> None:
        """The server rejected the token: ask once for a new one, store it, reconnect (the tables reload)."""
        connection = self._connection
        if connection is None:
            return
        if connection.kind is ConnectionKind.INFLUXCTL:
            self.reload_requested.emit()  # influxctl signs itself in again (its browser login, if it needs one)
            return
        if self._token_is_fresh(connection):
            # Not a wrong token: asking for another would only replace a good one.
            self.prompts.show_problem(self.window, "The New Token Is Not Active Yet", fresh_token_message(connection))
            return
        can_store = connection.kind is ConnectionKind.PROFILE
        answer = self.prompts.ask_token(self.window, rejected_token_message(connection), can_store)
        if answer is None:
            return  # the banner keeps its "Sign in…" button for later
        if can_store:
            profile = self._guarded(lambda: self.manager.store.get(connection.profile_name))
            if profile is not None:
                store_token(self.window, self.manager.credentials, self.prompts, profile.name, answer.token,
                            self._then_connect(profile), session_only=answer.session_only)
            return
        client = self._service(connection.service.base_url, connection.service.account_id,
                               connection.service.cluster_id, answer.token,
                               allow_plain_http=connection.service.allows_plain_http)
        self._switch_to(Connection(connection.label, client, connection.kind, connection.profile_name,
                                   connection.added_cluster_ids))

    # ---- plumbing --------------------------------------------------------------------------------------
    def _guarded(self, read: Callable[[], object]):
        """Profile-file reads and writes: a damaged or unwritable file is reported, never raised."""
        try:
            result = read()
        except CredentialError as err:
            # One start reads the file several times: the same problem is shown once, not per read.
            if str(err) != self._problem_shown:
                self._problem_shown = str(err)
                self.prompts.show_problem(self.window, "Connections", str(err))
            return None
        self._problem_shown = None
        return result

    def close(self) -> None:
        """Close the clients and stop the demo server this controller started."""
        self._resources.release_all()
