"""Loads both token lists off the GUI thread, in parallel: each kind is reported as soon as it answers,
and the load as a whole once both have.

Each worker also prepares what showing the table's rows needs (statuses, findings): at 100,000 tokens
the GUI thread would otherwise freeze for a tenth of a second; the rest (search texts, ID order) waits
until the rows are drawn (RowValues.deferred_work). The database
tokens' worker also reads the cluster's database list (once per load, at the same time as the tokens),
which the missing-database finding needs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal

from token_desk.api.errors import AuthenticationError
from token_desk.api.influxctl import InfluxctlError, InfluxctlUnavailableError
from token_desk.api.models import Token, TokenKind, utc_now
from token_desk.cancellation import CancelledError
from token_desk.findings import DEFAULT_POLICY, Policy
from token_desk.models.columns import ColumnSpec
from token_desk.models.row_values import RowValues
from token_desk.tasks import alongside, run_in_background


log = logging.getLogger(__name__)


def fetch_rows(client, kind: TokenKind, columns: Sequence[ColumnSpec], policy: Policy = DEFAULT_POLICY) -> RowValues:
    """One kind's tokens with their table rows (and findings) prepared; runs on a worker thread."""
    if kind is not TokenKind.DATABASE:
        return RowValues(columns, client.list_tokens(kind), utc_now(), policy)
    tokens, databases = database_tokens_and_names(client)
    return RowValues(columns, tokens, utc_now(), policy, databases)


def database_tokens_and_names(client) -> tuple[list[Token], list[str] | None]:
    """The database tokens and the cluster's database names (see database_names), asked for at once: one
    round trip to wait for, not two. A failure of the tokens is the load's, whatever became of the names."""
    names = alongside(database_names, client)
    tokens = client.list_tokens(TokenKind.DATABASE)
    return tokens, names.result()


def database_names(client) -> list[str] | None:
    """The cluster's databases, or None when they cannot be read: the tokens still load, and no token is
    said to name a missing database on a guess."""
    try:
        return [database.name for database in client.list_databases()]
    except CancelledError:
        raise
    except Exception as error:  # any failure: a 403 for a token without database rights, influxctl, …
        log.warning("The cluster's database list could not be read (%s); "
                    "no token is checked for missing databases this time.", type(error).__name__)
        return None


def _error_rank(error: BaseException) -> int:
    """Which failure the banner names when several kinds failed: a rejected sign-in first (it asks to sign
    in again), then the REST API's own error (the most direct about the server), then influxctl's."""
    if isinstance(error, AuthenticationError):
        return 0
    return 2 if isinstance(error, InfluxctlError) else 1


class TokenLoader(QObject):
    """Per kind, as it answers: `kind_loaded(kind, RowValues)` or `kind_failed(kind, exception)` (any failure but
    a rejected sign-in, which concerns both kinds). Once both answered: `busy_changed(False)`, then
    `loaded(dict[TokenKind, RowValues])` if nothing failed, else `failed(exception)` with the failure that
    matters most (a rejected sign-in first).

    One kind failing (influxctl garbled, hung, timed out) never holds back or hides the other kind's tokens.

    A kind whose source is missing (no usable influxctl) is not a failure: `source_state(kind, error)`
    reports it (and `source_state(kind, None)` once it answers again), and the other kind still loads.
    """

    kind_loaded = Signal(object, object)
    kind_failed = Signal(object, object)
    loaded = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)
    source_state = Signal(object, object)

    def __init__(self, columns: Mapping[TokenKind, Sequence[ColumnSpec]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = dict(columns)  # each table's columns, to prepare its rows for
        self.policy = DEFAULT_POLICY  # the findings' numbers the next load uses (Preferences → Policy)
        self._generation = 0
        self._results: dict[TokenKind, RowValues] = {}
        self._error: BaseException | None = None
        self._pending = 0
        self._tasks: list = []
        self._requested_at = 0.0
        self._again: tuple | None = None  # (client, kinds) to load once the load in flight is over

    @property
    def requested_at(self) -> float:
        """When the load whose answers arrive now was started (time.monotonic()): a table keeps the
        changes confirmed after this moment over these answers."""
        return self._requested_at

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def load(self, client, kinds: Sequence[TokenKind] = tuple(TokenKind)) -> bool:
        """Start loading `kinds` from `client` (both unless told: the database tokens of several clusters load
        elsewhere); False while a load is still running: a fresh one then follows it, since the one in flight
        may have been asked before what made the caller want a new list."""
        if self.busy:
            self._again = (client, tuple(kinds))
            return False
        self._again = None
        self._requested_at = time.monotonic()
        self._generation += 1
        self._results, self._error, self._pending = {}, None, len(kinds)
        self.busy_changed.emit(True)
        self._tasks = [self._start(client, kind, self._generation) for kind in kinds]
        return True

    def _start(self, client, kind: TokenKind, generation: int):
        return run_in_background(fetch_rows, client, kind, self._columns[kind], self.policy, context=self,
                          on_result=lambda rows: self._arrived(generation, kind, rows, None),
                          on_error=lambda error: self._arrived(generation, kind, None, error))

    def cancel(self) -> None:
        """Stop the load in flight (Esc, a new connection): its requests end now, its answers are dropped."""
        self._generation += 1
        self._again = None
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        if self._pending:
            self._pending = 0
            self.busy_changed.emit(False)

    def _arrived(self, generation: int, kind: TokenKind, rows: RowValues | None, error: BaseException | None) -> None:
        if generation != self._generation:
            return
        if isinstance(error, InfluxctlUnavailableError):
            self.source_state.emit(kind, error)
            error = None
        elif rows is not None:
            self.source_state.emit(kind, None)
        if error is not None and (self._error is None or _error_rank(error) < _error_rank(self._error)):
            self._error = error
        if rows is not None:
            self._results[kind] = rows
            self.kind_loaded.emit(kind, rows)
        elif error is not None and not isinstance(error, AuthenticationError):
            self.kind_failed.emit(kind, error)
        if generation != self._generation:
            return  # a handler above cancelled this load or started another
        self._pending -= 1
        if self._pending == 0:
            self._finish()

    def _finish(self) -> None:
        self.busy_changed.emit(False)
        if self._error is not None:
            self.failed.emit(self._error)
        else:
            self.loaded.emit(dict(self._results))
        again, self._again = self._again, None
        if again is not None and not self.busy:
            self.load(*again)
