"""influxctl as a token source: one process per call, global flags before the subcommand.

`InfluxctlBridge` serves management tokens (for both ways of signing in) and, for a connection
that uses an influxctl sign-in, database tokens and databases too. Runs on worker threads only:
every method waits for a process.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from token_desk.api.clusters import Cluster
from token_desk.api.errors import BadRequestError, InvalidIdError, never_sent
from token_desk.api.ids import is_uuid
from token_desk.api.influxctl import errors
from token_desk.api.influxctl.commands import (
    Commands, Version, for_version, prints_created_table, speaks_older_form, timeout_flags,
)
from token_desk.api.influxctl.config import ExistingProfile, GeneratedConfig
from token_desk.api.influxctl.program import InfluxctlProgram
from token_desk.api.models import CreatedToken, Database, Permission, Token, TokenKind
from token_desk.cancellation import current_cancellation

# A bridge is made on the GUI thread while the window is built; its commands run on worker threads after
# the first paint. So the modules that run a process, parse its output and read its failure (subprocess
# among them) are imported by the first command, not by the window's start-up.
if TYPE_CHECKING:
    from token_desk.api.influxctl.created import CreateOutput
    from token_desk.api.influxctl.login import LoginObserver
    from token_desk.api.influxctl.process import CancelHandle, Finished

DEFAULT_TIMEOUT_SECONDS = 60  # influxctl's own default (1m0s), passed as --timeout
KILL_GRACE_SECONDS = 5  # influxctl gets this long past its --timeout to stop by itself


class InfluxctlBridge:
    """Management tokens (and, for way b, database tokens and databases) through influxctl."""

    def __init__(self, program: InfluxctlProgram, auth: GeneratedConfig | ExistingProfile, *,
                 timeout_seconds: int = DEFAULT_TIMEOUT_SECONDS, kill_grace_seconds: float = KILL_GRACE_SECONDS,
                 login_observer: LoginObserver | None = None) -> None:
        self.program = program
        self.kill_grace_seconds = kill_grace_seconds
        self.auth = auth
        self.timeout_seconds = timeout_seconds
        self.login_observer = login_observer
        self._handles: set[CancelHandle] = set()
        self._lock = threading.Lock()
        self._serial = threading.Lock()  # way b: one influxctl at a time (see _run)
        self._login_cancels = 0
        self._closed = False
        self.cluster_id: str | None = None  # set: every command runs with `--cluster ID` (see for_cluster)
        self._borrowed = False
        self._root = self  # the bridge that owns the processes (itself, or the one for_cluster() came from)

    def __repr__(self) -> str:
        cluster = f", cluster_id={self.cluster_id!r}" if self.cluster_id else ""
        return f"InfluxctlBridge(program={self.program!r}, auth={self.auth!r}{cluster})"

    # ---- clusters of the account ------------------------------------------------------------------
    def list_clusters(self) -> list[Cluster]:
        """`cluster list`: every cluster of the profile's account (not available with InfluxDB Clustered)."""
        from token_desk.api.influxctl.output import parse_cluster_list

        return parse_cluster_list(self._run(Commands.cluster_list()).stdout)

    def get_cluster(self, cluster_id: str) -> Cluster:
        from token_desk.api.influxctl.output import parse_cluster_get

        return parse_cluster_get(self._run(Commands.cluster_get(_checked_id(cluster_id))).stdout)

    def for_cluster(self, cluster_id: str) -> InfluxctlBridge:
        """This bridge pointed at another cluster of the same account: influxctl's global `--cluster ID`.

        It shares this bridge's program, sign-in, running processes and one-at-a-time rule, so closing
        this bridge also ends the other's processes; closing the other changes nothing here."""
        import copy  # a second cluster's first list: a window's start does not need the module

        scoped = copy.copy(self)  # shallow: the handle set, its lock and the serial lock stay shared
        scoped.cluster_id = _checked_id(cluster_id)
        scoped._borrowed = True
        return scoped

    # ---- management tokens ---------------------------------------------------------------------
    def list_management_tokens(self) -> list[Token]:
        from token_desk.api.influxctl.output import parse_management_list

        return parse_management_list(self._run(Commands.management_list()).stdout)

    def get_management_token(self, token_id: str) -> Token:
        return _find(self.list_management_tokens(), token_id)

    def revoke_management_token(self, token_id: str) -> None:
        self._revoke(Commands.management_revoke(_checked_id(token_id)))

    def create_management_token(self, description: str, expires_at: datetime | None = None) -> CreatedToken:
        return self._create(Commands.management_create(_checked_description(description), expires_at),
                            TokenKind.MANAGEMENT, description)

    def is_signed_in_with(self, token: Token) -> bool:
        secret = self.auth.secret
        return token.kind is TokenKind.MANAGEMENT and bool(token.prefix and secret) and secret.startswith(token.prefix)

    # ---- database tokens and databases (way b) ---------------------------------------------------
    def list_tokens(self, kind: TokenKind) -> list[Token]:
        if kind is TokenKind.MANAGEMENT:
            return self.list_management_tokens()
        from token_desk.api.influxctl.output import parse_database_token_list

        listed = parse_database_token_list(self._run(Commands.token_list()).stdout)
        if any(token.revoked_at is not None for token in listed) or speaks_older_form(self.program.version):
            return listed  # the latter: before 2.10.0 there is no --include-revoked, so both lists are one
        # The documented items carry no revocation time, so a revoked token would look active.
        # Without --include-revoked influxctl leaves revoked tokens out: what only the first list
        # has is revoked. Listed second, so a token created in between is never taken for revoked.
        active = parse_database_token_list(self._run(Commands.token_list(include_revoked=False)).stdout)
        return mark_revoked_by_absence(listed, {token.id for token in active})

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        return _find(self.list_tokens(kind), token_id)

    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        if kind is TokenKind.MANAGEMENT:
            self.revoke_management_token(token_id)
        else:
            self._revoke(Commands.token_revoke(_checked_id(token_id)))

    def create_database_token(self, description: str, permissions: Sequence[Permission] = (),
                              expires_at: datetime | None = None) -> CreatedToken:
        return self._create(Commands.token_create(_checked_description(description), permissions, expires_at),
                            TokenKind.DATABASE, description)

    def update_database_token(self, token_id: str, *, description: str | None = None,
                              permissions: Sequence[Permission] | None = None) -> Token:
        """influxctl replaces the permissions and cannot change a description."""
        current = self.get_token(TokenKind.DATABASE, _checked_id(token_id))
        if description is not None and description != current.description:
            raise BadRequestError("influxctl cannot change a database token's description; "
                                  "create a new token with the description you want instead.")
        if permissions is None:
            return current
        arguments = Commands.token_update(token_id, permissions)
        self._change(arguments)
        try:
            return self.get_token(TokenKind.DATABASE, token_id)
        except errors.InfluxctlError as err:  # done, but not shown: never a plain failure (see _change)
            raise errors.InfluxctlOutcomeUnknownError(errors.InfluxctlOutcomeUnknownError.NOT_READ_BACK,
                                                      command=" ".join(arguments[:2])) from err

    def list_databases(self) -> list[Database]:
        from token_desk.api.influxctl.output import parse_database_list

        return parse_database_list(self._run(Commands.database_list()).stdout)

    # ---- lifetime --------------------------------------------------------------------------------
    def cancel_running(self) -> None:
        """End every influxctl process this bridge is waiting for (they fail as cancelled)."""
        with self._lock:
            handles = list(self._handles)
        for handle in handles:
            handle.cancel()

    def close(self) -> None:
        if self._borrowed:  # a for_cluster() view: the bridge it came from owns the processes
            return
        self._closed = True
        self.cancel_running()

    # ---- plumbing --------------------------------------------------------------------------------
    def _revoke(self, arguments: list[str]) -> None:
        self._change(arguments)

    def _create(self, arguments: list[str], kind: TokenKind, description: str) -> CreatedToken:
        """Create, and find the new token in the list. Before 2.11.0 influxctl prints only the secret (no ID),
        and `token list` has no prefix to match it by: the new token is then the one the list gained."""
        earlier = None
        if not prints_created_table(self.program.check_version()):
            earlier = {token.id for token in self.list_tokens(kind)}
        output = self._created_output(arguments)
        try:
            listed = self.list_tokens(kind)
        except errors.InfluxctlError as err:  # created: never a plain failure (see _change)
            if not (output.token_id and is_uuid(output.token_id)):
                raise errors.InfluxctlOutcomeUnknownError(errors.InfluxctlOutcomeUnknownError.NOT_READ_BACK,
                                                          command=" ".join(arguments[:2])) from err
            listed = []  # the token as influxctl described it, with its secret
        token = self._created_token(output, listed, kind, earlier, description)
        return CreatedToken(token=token, access_token=output.secret)

    def _created_output(self, arguments: list[str]) -> CreateOutput:
        from token_desk.api.influxctl.created import parse_create_output

        stdout = self._change(arguments).stdout
        try:
            return parse_create_output(stdout, " ".join(arguments[:2]))
        except errors.InfluxctlOutputError as err:  # exit 0 but the answer cut off: it may well have created it
            raise errors.InfluxctlOutcomeUnknownError(command=" ".join(arguments[:2])) from err

    def _change(self, arguments: list[str]) -> Finished:
        """Run a command that changes something, with the REST client's rule (api/client.py `_may_have_acted`).
        Ended without influxctl's documented answer (killed by a signal, stopped at its timeout, cancelled,
        influxctl's own deadline) or with its connection lost after the request may have gone out: the change
        may or may not have happened, an InfluxctlOutcomeUnknownError, so the caller re-lists and shows what
        the list proves. influxctl saying it could not connect at all: a plain connection error, never sent."""
        from token_desk.api.influxctl.failure import never_connected

        command = " ".join(arguments[:2])
        try:
            return self._run(arguments)
        except errors.InfluxctlConnectionError as err:
            if never_connected(err):
                raise never_sent(err) from err
            raise errors.InfluxctlOutcomeUnknownError(errors.InfluxctlOutcomeUnknownError.CONNECTION_LOST,
                                                      command=command, exit_code=err.exit_code,
                                                      influxctl_message=err.influxctl_message) from err
        except (errors.InfluxctlTimeoutError, errors.InfluxctlCancelledError, errors.InfluxctlStoppedError) as err:
            raise errors.InfluxctlOutcomeUnknownError(command=command, exit_code=err.exit_code,
                                                      influxctl_message=err.influxctl_message) from err

    def _created_token(self, output: CreateOutput, listed: list[Token], kind: TokenKind,
                       earlier: set[str] | None, description: str) -> Token:
        """The new token as the server lists it; else as influxctl described it (nothing made up)."""
        from token_desk.api.influxctl.output import table_expiry

        by_id = [token for token in listed if output.token_id and token.id == output.token_id]
        by_prefix = [token for token in listed if token.prefix and output.secret.startswith(token.prefix)]
        gained = [token for token in listed if earlier is not None and token.id not in earlier]
        described = [token for token in gained if token.description == description]
        for found in (by_id, _only(by_prefix), _only(described), _only(gained)):
            if found:
                return found[0]
        if not output.token_id or not is_uuid(output.token_id):
            raise errors.InfluxctlOutputError(
                "influxctl created the token but did not say its ID and it is not listed yet; refresh to see it.")
        return Token(kind=kind, id=output.token_id, description=output.fields.get("description", ""),
                     created_at=None, expires_at=table_expiry(output.fields.get("expires at", "")))

    def _run(self, arguments: list[str]) -> Finished:
        """Run one influxctl command to its end; raise the typed error of any failure.

        With influxctl's own sign-in (way b) one command runs at a time: the first may start a browser
        login, and the ones waiting behind it then use the sign-in influxctl cached instead of opening
        more. Cancelling that login also cancels the commands that were waiting for it.

        A listing runs alongside the one-time `influxctl version` check (each is a new process, and the
        first table waits for both), in the newest documented form; should the version then turn out to
        spell it differently (older than 2.10.0, see commands.py), a failed listing runs again in its form.
        A change waits for the check, so an unsuitable influxctl is never asked to change anything, and
        is always asked in the form its version knows."""
        self.auth.check_usable()  # before any process: no influxctl could help then
        if not _only_reads(arguments):
            return self._run_checked(arguments, self.program.check_version())
        assumed = self.program.version
        self.program.start_version_check()
        try:
            finished = self._run_checked(arguments, assumed)
        except errors.InfluxctlError as err:
            version = self.program.check_version()  # too old or missing explains a failed listing best
            if assumed is not None or not speaks_older_form(version) or not _influxctl_refused(err):
                raise
            return self._run_checked(arguments, version)
        self.program.check_version()
        return finished

    def _run_checked(self, arguments: list[str], version: Version) -> Finished:
        epoch = self._login_cancels
        with self._serial if isinstance(self.auth, ExistingProfile) else contextlib.nullcontext():
            if self._login_cancels != epoch:
                raise errors.InfluxctlCancelledError("Cancelled: the influxctl sign-in was cancelled.",
                                                     command=" ".join(arguments[:2]))
            return self._run_now(arguments, version)

    def _cancel_login(self, handle: CancelHandle) -> None:
        self._login_cancels += 1
        handle.cancel()

    def _run_now(self, arguments: list[str], version: Version) -> Finished:
        from token_desk.api.influxctl.failure import error_for
        from token_desk.api.influxctl.login import LoginWatcher
        from token_desk.api.influxctl.process import CancelHandle

        arguments = for_version(arguments, version)
        command = " ".join(arguments[:2])
        handle = CancelHandle()
        watcher = LoginWatcher(self.login_observer, lambda: self._cancel_login(handle))
        with self._lock:
            if self._root._closed:
                raise errors.InfluxctlCancelledError(command=command)
            self._handles.add(handle)
        # Cancel beside the busy indicator, Esc, or the app closing (token_desk.tasks) ends this process too.
        forget = current_cancellation().on_cancel(handle.cancel)
        try:
            with self.auth.flags() as (auth_flags, fds):
                cluster = ["--cluster", self.cluster_id] if self.cluster_id else []
                argv = self.program.argv(auth_flags + cluster + timeout_flags(self.timeout_seconds, version), arguments)
                finished = self.program.run(argv, timeout=self.timeout_seconds + self.kill_grace_seconds,
                                            cancel=handle, pass_fds=fds, on_line=watcher,
                                            waiting_for_person=watcher.waiting)
        finally:
            forget()
            watcher.finished()
            with self._lock:
                self._handles.discard(handle)
        if finished.exit_code != 0 or finished.ended_by is not None:
            raise error_for(finished, command, self.auth.secret)
        return finished


def mark_revoked_by_absence(listed: list[Token], active_ids: set[str]) -> list[Token]:
    """`listed` with every token missing from `active_ids` marked revoked at a time nobody told us."""
    return [token if token.id in active_ids else token.replace(revoked_time_unknown=True) for token in listed]


def _find(tokens: list[Token], token_id: str) -> Token:
    for token in tokens:
        if token.id == token_id:
            return token
    raise errors.InfluxctlNotFoundError(command="list")


def _checked_id(token_id: str) -> str:
    # IDs become command-line arguments: a UUID can never be read as a flag.
    if not is_uuid(token_id):
        raise InvalidIdError()
    return token_id


def _checked_description(description: str) -> str:
    if not description.strip():
        raise BadRequestError("Enter a description: influxctl needs one (2.10.0 and later refuse an empty one).")
    if description.startswith("-"):
        raise BadRequestError("Start the description with something other than '-', which influxctl reads as an option.")
    return description


def _only(tokens: list[Token]) -> list[Token]:
    """`tokens` if it is exactly one, else none: a guess between two is no answer."""
    return tokens if len(tokens) == 1 else []


def _influxctl_refused(error: errors.InfluxctlError) -> bool:
    """influxctl itself exited with an error (an older one refusing a newer flag, say): not cancelled, stopped
    or killed at Token Desk's deadline, after which running it again would only wait as long again."""
    from token_desk.api.influxctl.failure import ended_by_signal

    stopped = isinstance(error, (errors.InfluxctlCancelledError, errors.InfluxctlStoppedError))
    return not stopped and error.exit_code is not None and not ended_by_signal(error.exit_code)


def _only_reads(arguments: list[str]) -> bool:
    """`management list`, `token list`, `database list`: commands that change nothing."""
    return len(arguments) > 1 and arguments[1] == "list"
