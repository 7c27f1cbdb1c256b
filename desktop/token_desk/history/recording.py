"""The token service with a memory: records every create, edit, rotate and revoke in the journal.

A decorator at the service seam, so every way into a change (menus, dialogs, batch revokes, future
flows) is recorded without their knowing. Reads pass straight through, except that listed and
fetched tokens' descriptions are remembered, so a revoke can record "the description at the time",
and a re-read of a token whose revoke answer was lost records what the server now shows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from token_desk.api.errors import ApiError
from token_desk.api.models import CreatedToken, Permission, Token, TokenKind
from token_desk.history.check import CheckResult, check_entry
from token_desk.history.entry import Action, HistoryEntry, Outcome, Target, requested_change
from token_desk.history.journal import HistoryWriteError, Journal
from token_desk.history.outcomes import outcome_of_error, revoke_seen_in

log = logging.getLogger(__name__)

MUTATING_METHODS = ("revoke_token", "create_management_token", "create_database_token", "update_database_token")


class HistoryUnavailableError(ApiError):
    """The attempt could not be recorded, so it was not made: the history never misses a change."""


@dataclass(frozen=True)
class _Attempt:
    action: Action
    kind: TokenKind
    token_id: str
    description: str
    requested: str = ""
    confirmed: Callable[[Any], dict] = field(default=lambda _result: {"message": "Done."})


class RecordingService:
    """Wraps any TokenService; everything not overridden here is the wrapped service's own."""

    def __init__(self, inner: Any, journal: Journal, target: Target) -> None:
        self._inner = inner
        self._journal = journal
        self.target = target
        self._descriptions: dict[str, str] = {}
        # Revokes whose answer was lost, by (kind, token ID): the next read of that token settles them.
        self._unsettled: dict[tuple[TokenKind, str], str] = {}
        self._thread_state = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __repr__(self) -> str:
        return f"RecordingService({self._inner!r})"

    def for_cluster(self, cluster_id: str) -> RecordingService:
        """Recording the changes made on another cluster of the account, each entry naming that cluster."""
        inner = self._inner.for_cluster(cluster_id) if hasattr(self._inner, "for_cluster") else self._inner
        if inner is self._inner:
            return self
        scoped = RecordingService(inner, self._journal,
                                  replace(self.target, cluster_id=cluster_id))
        scoped._descriptions, scoped._unsettled = self._descriptions, self._unsettled  # one memory per connection
        return scoped

    @property
    def inner(self) -> Any:
        return self._inner

    @property
    def journal(self) -> Journal:
        return self._journal

    # ---- reads -----------------------------------------------------------------------------------------
    def list_tokens(self, kind: TokenKind) -> list[Token]:
        tokens = self._inner.list_tokens(kind)
        self._descriptions.update((token.id, token.description) for token in tokens)
        return tokens

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        token = self._inner.get_token(kind, token_id)
        self._descriptions[token.id] = token.description
        entry_id = self._unsettled.pop((kind, token_id), None)
        if entry_id is not None and token.id == token_id:
            outcome, message = revoke_seen_in(token)
            self._record_outcome(entry_id, outcome, message=f"Re-read after the answer was lost: {message}",
                                 checked=True)
        return token

    def check(self, entry: HistoryEntry) -> CheckResult:
        """Check Now: ask the server (directly, so the re-read is not taken for another settlement)
        what became of `entry`, and record its answer."""
        for key, entry_id in list(self._unsettled.items()):
            if entry_id == entry.id:
                self._unsettled.pop(key, None)
        return check_entry(self._inner, self._journal, entry)

    # ---- changes ---------------------------------------------------------------------------------------
    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        attempt = _Attempt(Action.REVOKE, kind, token_id, self._descriptions.get(token_id, ""),
                           confirmed=lambda _none: {"message": "Revoked."})
        self._recorded(attempt, lambda: self._inner.revoke_token(kind, token_id))

    def revoke_management_token(self, token_id: str) -> None:
        self.revoke_token(TokenKind.MANAGEMENT, token_id)

    def revoke_database_token(self, token_id: str) -> None:
        self.revoke_token(TokenKind.DATABASE, token_id)

    def create_management_token(self, description: str, expires_at: datetime | None = None) -> CreatedToken:
        attempt = self._create_attempt(TokenKind.MANAGEMENT, description)
        return self._recorded(attempt, lambda: self._inner.create_management_token(description, expires_at))

    def create_database_token(self, description: str, permissions: Sequence[Permission] = (),
                              expires_at: datetime | None = None) -> CreatedToken:
        attempt = self._create_attempt(TokenKind.DATABASE, description)
        return self._recorded(attempt,
                              lambda: self._inner.create_database_token(description, permissions, expires_at))

    def update_database_token(self, token_id: str, *, description: str | None = None,
                              permissions: Sequence[Permission] | None = None) -> Token:
        attempt = _Attempt(Action.EDIT, TokenKind.DATABASE, token_id, self._descriptions.get(token_id, ""),
                           requested_change(description, permissions),
                           lambda token: {"message": "Updated.", "description": token.description})
        return self._recorded(attempt, lambda: self._inner.update_database_token(
            token_id, description=description, permissions=permissions))

    @contextmanager
    def rotating(self, old: Token | None = None) -> Iterator[None]:
        """Creates made inside this block (on this thread) are recorded as `rotate` of `old`."""
        self._thread_state.replacing = old or True
        try:
            yield
        finally:
            self._thread_state.replacing = None

    def _create_attempt(self, kind: TokenKind, description: str) -> _Attempt:
        replacing = getattr(self._thread_state, "replacing", None)
        if replacing is None:
            return _Attempt(Action.CREATE, kind, "", description, confirmed=_created)
        noted = f"replaces {replacing.id} ({replacing.description})" if isinstance(replacing, Token) else ""
        return _Attempt(Action.ROTATE, kind, "", description, noted, confirmed=_created)

    # ---- recording -------------------------------------------------------------------------------------
    def _recorded(self, attempt: _Attempt, call: Callable[[], Any]) -> Any:
        """Write `unknown`, make the call, write its outcome; the call's result or error passes through."""
        try:
            entry_id = self._journal.record_attempt(self.target, attempt.kind.value, attempt.token_id,
                                                    attempt.description, attempt.action, attempt.requested)
        except HistoryWriteError as err:
            raise HistoryUnavailableError(f"{err}; nothing was sent.") from err
        try:
            result = call()
        except BaseException as error:
            outcome, message = outcome_of_error(error)
            if outcome is Outcome.UNKNOWN and attempt.action is Action.REVOKE:
                self._unsettled[(attempt.kind, attempt.token_id)] = entry_id
            self._record_outcome(entry_id, outcome, message=message)
            raise
        if isinstance(result, Token):
            self._descriptions[result.id] = result.description
        self._record_outcome(entry_id, Outcome.CONFIRMED, **attempt.confirmed(result))
        return result

    def _record_outcome(self, entry_id: str, outcome: Outcome, **details: Any) -> None:
        try:
            self._journal.record_outcome(entry_id, outcome, **details)
        except HistoryWriteError:
            # The change happened (or failed) all the same; the entry honestly stays `unknown`.
            log.exception("The outcome of a recorded change could not be written")


def _created(created: CreatedToken) -> dict:
    # The new token's ID and description only: never created.access_token.
    return {"message": "Created.", "token_id": created.token.id, "description": created.token.description}


def recorded_as_rotation(service: Any, old: Token | None) -> AbstractContextManager:
    """For the rotate flow: its create is recorded as a rotation of `old` (when `old` is given and the
    service records at all)."""
    rotating = getattr(service, "rotating", None) if old is not None else None
    return rotating(old) if rotating is not None else nullcontext()
