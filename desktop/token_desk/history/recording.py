"""The token service with a memory: records every create, edit, rotate and revoke in the journal.

A decorator at the service seam, so every way into a change (menus, dialogs, batch revokes, future
flows) is recorded without their knowing. Reads pass straight through, except that listed and
fetched tokens' descriptions are remembered, so a revoke can record "the description at the time".

A change whose answer was lost (influxctl killed or timed out, a dropped connection) is written `unknown`,
and the next read that can prove what happened settles it with a second line: a revoke or an edit by the
next copy of that token (matched by ID only), a create by the next list of its kind (there is no ID yet:
see history.check.created_by_attempt). The flows re-read right away (revocation.py, ui/create), so the
history says `unknown`, then what the service showed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import msgspec

from token_desk.api.errors import ApiError
from token_desk.api.models import CreatedToken, Permission, Token, TokenKind, utc_now
from token_desk.history.entry import Action, HistoryEntry, Outcome, Target, requested_change
from token_desk.history.journal import HistoryWriteError, Journal
from token_desk.history.outcomes import outcome_of_error, revoke_seen_in

# A connection's service is wrapped while the window is built; settling an answer that was lost, or Check
# Now, happens on a worker after the first paint, which imports history.check then.
if TYPE_CHECKING:
    from token_desk.history.check import CheckResult

log = logging.getLogger(__name__)

MUTATING_METHODS = ("revoke_token", "create_management_token", "create_database_token", "update_database_token")


class HistoryUnavailableError(ApiError):
    """The attempt could not be recorded, so it was not made: the history never misses a change."""


class _Attempt(msgspec.Struct, frozen=True):
    action: Action
    kind: TokenKind
    token_id: str
    description: str
    requested: str = ""
    confirmed: Callable[[Any], dict] = lambda _result: {"message": "Done."}


class _Unsettled(msgspec.Struct, frozen=True):
    """A change written `unknown`, waiting for a read that proves what became of it."""

    entry_id: str
    attempt: _Attempt
    started: datetime  # when the request went out (a create's token is created after it)
    lost_at: float  # time.monotonic() once its answer was lost: only a read asked for later proves anything

    @property
    def is_create(self) -> bool:
        return self.attempt.action in (Action.CREATE, Action.ROTATE)


class _Descriptions:
    """What each token was last called, as listed or read: a change records "the description at the time".

    A list's IDs and descriptions are kept as two lists (the same strings, taken in C) and read into the
    dictionary only when something needs it (a change, a single token read, the next list from the same
    place): hashing 100,000 IDs into it as each list arrives cost 40 ms and more on the way to showing the
    rows. Newest knowledge wins, as if every list and token had been written in as it arrived. Lists and
    changes run on several workers at once: one lock."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}
        self._unread: dict[Hashable, tuple[list[str], list[str]]] = {}  # per place listed: its newest list
        self._lock = threading.Lock()

    def listed(self, place: Hashable, tokens: Sequence[Token]) -> None:
        # Not the tokens themselves: a list marked with its cluster is a copy, and these would stay alive.
        listed = list(map(_ID, tokens)), list(map(_DESCRIPTION, tokens))
        with self._lock:
            older = self._unread.pop(place, None)
            if older is not None:  # newer than everything read in, older than this list
                self._read_in(older)
            self._unread[place] = listed

    def note(self, token: Token) -> None:
        with self._lock:
            self._read_in_unread()
            self._known[token.id] = token.description

    def of(self, token_id: str) -> str:
        with self._lock:
            self._read_in_unread()
            return self._known.get(token_id, "")

    def _read_in_unread(self) -> None:
        for listed in self._unread.values():
            self._read_in(listed)
        self._unread.clear()

    def _read_in(self, listed: tuple[list[str], list[str]]) -> None:
        self._known.update(zip(*listed))


_ID, _DESCRIPTION = attrgetter("id"), attrgetter("description")


class RecordingService:
    """Wraps any TokenService; everything not overridden here is the wrapped service's own."""

    def __init__(self, inner: Any, journal: Journal, target: Target) -> None:
        self._inner = inner
        self._journal = journal
        self.target = target
        self._descriptions = _Descriptions()
        self._unsettled: list[_Unsettled] = []  # changes whose answer was lost (see the module's notes)
        self._unsettled_lock = threading.Lock()
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
                                  msgspec.structs.replace(self.target, cluster_id=cluster_id))
        # One memory per connection, guarded by one lock, whichever cluster a change went to.
        scoped._descriptions, scoped._unsettled = self._descriptions, self._unsettled
        scoped._unsettled_lock = self._unsettled_lock
        return scoped

    @property
    def inner(self) -> Any:
        return self._inner

    @property
    def journal(self) -> Journal:
        return self._journal

    # ---- reads -----------------------------------------------------------------------------------------
    def list_tokens(self, kind: TokenKind) -> list[Token]:
        asked = time.monotonic()
        tokens = self._inner.list_tokens(kind)
        self._descriptions.listed((self.target.cluster_id, kind), tokens)
        for unsettled in self._take_unsettled(lambda u: u.is_create and u.attempt.kind is kind and u.lost_at < asked):
            from token_desk.history.check import created_by_attempt

            result = created_by_attempt(tokens, unsettled.attempt.description, unsettled.started)
            self._record_outcome(unsettled.entry_id, result.outcome, token_id=result.token_id,
                                 message=f"Re-listed after the answer was lost: {result.message}", checked=True)
        return tokens

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        asked = time.monotonic()
        token = self._inner.get_token(kind, token_id)
        self._descriptions.note(token)
        if token.id != token_id:
            return token  # an answer about another token proves nothing about this one
        for unsettled in self._take_unsettled(lambda u: not u.is_create and u.lost_at < asked and (
                u.attempt.kind, u.attempt.token_id) == (kind, token_id)):
            if unsettled.attempt.action is Action.EDIT:
                from token_desk.history.check import edit_seen_in

                outcome, message = edit_seen_in(token, unsettled.attempt.requested)
            else:
                outcome, message = revoke_seen_in(token)
            self._record_outcome(unsettled.entry_id, outcome, message=f"Re-read after the answer was lost: {message}",
                                 checked=True)
        return token

    def check(self, entry: HistoryEntry) -> CheckResult:
        """Check Now: ask the server (directly, so the re-read is not taken for another settlement)
        what became of `entry`, and record its answer."""
        from token_desk.history.check import check_entry

        self._take_unsettled(lambda unsettled: unsettled.entry_id == entry.id)
        return check_entry(self._inner, self._journal, entry)

    def _take_unsettled(self, matches: Callable[[_Unsettled], bool]) -> list[_Unsettled]:
        with self._unsettled_lock:
            taken = [unsettled for unsettled in self._unsettled if matches(unsettled)]
            self._unsettled = [unsettled for unsettled in self._unsettled if not matches(unsettled)]
        return taken

    # ---- changes ---------------------------------------------------------------------------------------
    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        attempt = _Attempt(Action.REVOKE, kind, token_id, self._descriptions.of(token_id),
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
        attempt = _Attempt(Action.EDIT, TokenKind.DATABASE, token_id, self._descriptions.of(token_id),
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
        started = utc_now()
        try:
            result = call()
        except BaseException as error:
            outcome, message = outcome_of_error(error)
            lost_at = time.monotonic()
            self._record_outcome(entry_id, outcome, message=message)
            if outcome is Outcome.UNKNOWN:  # after its `unknown` line, so a settlement is always written later
                with self._unsettled_lock:
                    self._unsettled.append(_Unsettled(entry_id, attempt, started, lost_at))
            raise
        if isinstance(result, Token):
            self._descriptions.note(result)
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
