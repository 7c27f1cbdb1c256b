"""Revoke a batch of tokens and report, per token, what the server confirmed. No Qt.

`revoke_tokens` runs on a worker thread. It sends one DELETE per token (the
client retries DELETE itself on 5xx and connection errors), then re-reads the
token so `revokedAt` is the server's value, never one invented here.

Decisions worth knowing:
- A DELETE answered 2xx is the server's confirmation: the token counts as
  revoked even if the re-read then fails (`revoked` is None; the window
  refreshes its list to learn `revokedAt`).
- A 404 on DELETE means the token no longer exists (`gone`); it is not counted
  as revoked, because this app did not revoke it.
- A 401 means the credentials are no longer valid, so every later request
  would fail too: the batch stops and the rest are marked "not attempted".
- The token the client is signed in with is revoked last, so the others still
  go through; afterwards the report says `signed_out`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from token_desk.api.errors import ApiError, AuthenticationError, NotFoundError
from token_desk.api.models import Token, TokenKind

ProgressCallback = Callable[[int, int], None]
SIGNED_OUT_ADVICE = "Token Desk is now signed out; sign in again to continue."


class RevokingClient(Protocol):
    """The part of a TokenService revocation needs (tests pass a fake)."""

    def revoke_token(self, kind: TokenKind, token_id: str) -> None: ...
    def get_token(self, kind: TokenKind, token_id: str) -> Token: ...
    def is_signed_in_with(self, token: Token) -> bool: ...


class NotAttemptedError(ApiError):
    """The batch stopped before this token: nothing was sent for it."""

    default_advice = (
        "Not attempted: Token Desk was signed out before reaching this token; "
        "sign in again and revoke it then."
    )


@dataclass(frozen=True)
class RevokeOutcome:
    """What happened to one token. `revoked` is the server's copy after the DELETE."""

    token: Token
    revoked: Token | None = None
    error: ApiError | None = None
    gone: bool = False
    was_in_use: bool = False  # the client was signed in with this token
    refresh_error: ApiError | None = None  # the re-read after a confirmed DELETE failed

    @property
    def succeeded(self) -> bool:
        """The server confirmed the DELETE."""
        return self.error is None and not self.gone

    @property
    def attempted(self) -> bool:
        return not isinstance(self.error, NotAttemptedError)

    @property
    def message(self) -> str:
        """One sentence a person can act on, for this token's line in a report."""
        if self.succeeded:
            return "Revoked."
        if self.gone:
            return "Not revoked: this token no longer exists on the server; refresh the list to see the current tokens."
        return f"Not revoked: {self.error}"

    @property
    def result_label(self) -> str:
        """A word or two for a list's "Result" column."""
        if self.succeeded:
            return "Revoked"
        return "Gone" if self.gone else ("Not revoked" if self.attempted else "Not attempted")


@dataclass(frozen=True)
class RevokeReport:
    outcomes: tuple[RevokeOutcome, ...]

    @property
    def succeeded(self) -> tuple[RevokeOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.succeeded)

    @property
    def failed(self) -> tuple[RevokeOutcome, ...]:
        """Every token not confirmed revoked: errors, gone and not attempted."""
        return tuple(outcome for outcome in self.outcomes if not outcome.succeeded)

    @property
    def gone(self) -> tuple[RevokeOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.gone)

    @property
    def all_succeeded(self) -> bool:
        return not self.failed

    @property
    def signed_out(self) -> bool:
        """A 401 happened, or the token in use was revoked: the next request will be refused."""
        return any(_signs_out(outcome) for outcome in self.outcomes)

    @property
    def summary(self) -> str:
        """Lines a person reads: what was not revoked and why, one token per line."""
        if len(self.outcomes) == 1:
            lines = [self.outcomes[0].message]
        else:
            lines = [f"Revoked {len(self.succeeded)} of {len(self.outcomes)} tokens. Not revoked:"]
            lines += [f"• “{o.token.description}” ({o.token.id}): {o.message.removeprefix('Not revoked: ')}"
                      for o in self.failed]
        if self.signed_out:
            lines.append(SIGNED_OUT_ADVICE)
        return "\n".join(lines)


def revoke_tokens(
    client: RevokingClient, tokens: Sequence[Token], on_progress: ProgressCallback | None = None
) -> RevokeReport:
    """Revoke each token (the one in use last); never raises ApiError."""
    in_use = [client.is_signed_in_with(token) for token in tokens]
    # Stable sort: the caller's order, except the token in use goes last.
    order = sorted(range(len(tokens)), key=lambda index: in_use[index])
    outcomes: dict[int, RevokeOutcome] = {}
    for done, index in enumerate(order, start=1):
        if any(_signs_out(outcome) for outcome in outcomes.values()):
            outcome = RevokeOutcome(tokens[index], error=NotAttemptedError(), was_in_use=in_use[index])
        else:
            outcome = _revoke_one(client, tokens[index], in_use[index])
        outcomes[index] = outcome
        if on_progress is not None:
            on_progress(done, len(tokens))
    # Report in the order the caller gave, which is the order the user saw.
    return RevokeReport(tuple(outcomes[index] for index in range(len(tokens))))


def _revoke_one(client: RevokingClient, token: Token, in_use: bool) -> RevokeOutcome:
    try:
        client.revoke_token(token.kind, token.id)
    except NotFoundError as err:
        return RevokeOutcome(token, error=err, gone=True, was_in_use=in_use)
    except ApiError as err:
        return RevokeOutcome(token, error=err, was_in_use=in_use)
    try:
        revoked = client.get_token(token.kind, token.id)
    except ApiError as err:
        # The DELETE was confirmed; only the fresh copy is missing (expected when
        # the token in use was just revoked: the server now answers 401).
        return RevokeOutcome(token, was_in_use=in_use, refresh_error=err)
    return RevokeOutcome(token, revoked=revoked, was_in_use=in_use)


def _signs_out(outcome: RevokeOutcome) -> bool:
    if isinstance(outcome.error, AuthenticationError) or isinstance(outcome.refresh_error, AuthenticationError):
        return True
    return outcome.was_in_use and (outcome.succeeded or outcome.gone)
