"""Revoke a batch of tokens and report, per token, what the server confirmed. No Qt.

`revoke_tokens` runs on a worker thread. It sends one DELETE per token (the
client retries DELETE itself on 5xx and connection errors), then re-reads the
token so `revokedAt` is the server's value, never one invented here.

Decisions worth knowing:
- A DELETE answered 2xx is the server's confirmation: the token counts as
  revoked even if the re-read then fails (`revoked` is None; the window
  refreshes its list to learn `revokedAt`).
- A lost answer (an OutcomeUnknownError: a timeout or dropped connection after
  the DELETE may have been sent, a gateway's 502/504, influxctl stopped or cut off
  mid-revoke; or a cancel) leaves the outcome unknown: the token is re-read and the
  server's copy decides. A plain connection or timeout error means the DELETE never
  left this computer: "Not revoked", with nothing to check.
  Only a re-read whose id is the revoked token's counts; anything else is an
  unexpected answer, and the outcome stays unknown rather than guessed.
- After a confirmed DELETE the re-read must show the same token with revokedAt;
  otherwise it is reported as unexpected and the window re-reads the list.
- A 404 on DELETE means the token no longer exists (`gone`); it is not counted
  as revoked, because this app did not revoke it.
- A 401 means the credentials are no longer valid, so every later request
  would fail too: the batch stops and the rest are marked "not attempted".
- The token the client is signed in with is revoked last, so the others still
  go through; afterwards the report says `signed_out`.
- Each token is revoked (and re-read) on its own cluster, the one it was listed
  from, whatever the connection's own cluster is (token_desk.api.clusters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from token_desk.api.clusters import in_cluster_of, service_for
from token_desk.api.errors import ApiError, AuthenticationError, NotFoundError, OutcomeUnknownError
from token_desk.api.influxctl.errors import InfluxctlOutcomeUnknownError
from token_desk.api.models import Token, TokenKind
from token_desk.cancellation import CancelledError, current_cancellation

ProgressCallback = Callable[[int, int], None]
NoteCallback = Callable[[str], None]
SIGNED_OUT_ADVICE = "Token Desk is now signed out; sign in again to continue."


class RevokingClient(Protocol):
    """The part of a TokenService revocation needs."""

    def revoke_token(self, kind: TokenKind, token_id: str) -> None: ...
    def get_token(self, kind: TokenKind, token_id: str) -> Token: ...
    def is_signed_in_with(self, token: Token) -> bool: ...


class NotAttemptedError(ApiError):
    """The batch stopped before this token: nothing was sent for it."""

    default_advice = (
        "Not attempted: Token Desk was signed out before reaching this token; "
        "sign in again and revoke it then."
    )


class CancelledBeforeError(NotAttemptedError):
    default_advice = "Not attempted: the revoke was cancelled before reaching this token."


class RevokeUnknownError(OutcomeUnknownError):
    """The DELETE's answer was lost and no re-read settled what the server did."""

    default_advice = ("The server did not confirm the revoke and Token Desk could not check; "
                      "refresh the list to see whether the token was revoked.")


class StillActiveError(ApiError):
    default_advice = ("The server did not confirm the revoke, and a re-read shows the token still active; "
                      "try again.")


def unexpected_reread(token: Token, answer: Token) -> ApiError:
    """A re-read that answered with something else than the revoked token: reported, never applied."""
    if answer.id != token.id:
        what = f"a different token ({answer.id})"
    else:
        what = "the token without a revocation time"
    return RevokeUnknownError(f"The server's re-read of token {token.id} answered with {what}; "
                               "refresh the list to see the server's state.")


def is_lost_answer(error: BaseException) -> bool:
    """The request may have reached the server, but no answer came back: the error says so (the REST client and
    the influxctl bridge raise an OutcomeUnknownError for it), or the revoke was cancelled while it was sent. A
    plain connection or timeout error never reached the server: the token is not revoked, and nothing is checked."""
    return isinstance(error, (CancelledError, OutcomeUnknownError))


def token_name(token: Token) -> str:
    """E.g. “ci deploy” (538b034c…): the description people know, and enough ID to tell twins apart."""
    description = token.description or "(no description)"
    return f"\u201c{description}\u201d ({token.id[:8]}\u2026)"


def checking_note(token: Token, error: BaseException | None = None) -> str:
    """What the dialog says while a lost answer is checked. An influxctl stopped part-way says so in its
    own sentence (which is the one the app's error_sentence() shows for it)."""
    if isinstance(error, InfluxctlOutcomeUnknownError):
        return str(error)
    return f"The server did not confirm revoking {token_name(token)}; checking what it says now\u2026"


@dataclass(frozen=True)
class RevokeOutcome:
    """What happened to one token. `revoked` is the server's copy after the DELETE."""

    token: Token
    revoked: Token | None = None
    error: ApiError | None = None
    gone: bool = False
    was_in_use: bool = False  # the client was signed in with this token
    refresh_error: ApiError | None = None  # the re-read after a confirmed DELETE failed
    answer_lost: bool = False  # the DELETE's answer never came; a re-read decided (or could not)

    @property
    def succeeded(self) -> bool:
        """The server confirmed the DELETE."""
        return self.error is None and not self.gone

    @property
    def attempted(self) -> bool:
        return not isinstance(self.error, NotAttemptedError)

    @property
    def unknown(self) -> bool:
        """Nobody knows whether the server revoked it: say so, and never show it Revoked."""
        return isinstance(self.error, RevokeUnknownError)

    @property
    def message(self) -> str:
        """One sentence a person can act on, for this token's line in a report."""
        if self.succeeded:
            return "Revoked (confirmed by re-reading it after the answer was lost)." if self.answer_lost else "Revoked."
        if self.unknown:
            return f"Unknown: {self.error}"
        if self.gone:
            return "Not revoked: this token no longer exists on the server; refresh the list to see the current tokens."
        return f"Not revoked: {self.error}"

    @property
    def result_label(self) -> str:
        """A word or two for a list's "Result" column."""
        if self.succeeded:
            return "Revoked"
        if self.unknown:
            return "Unknown"
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
    def unknown(self) -> tuple[RevokeOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.unknown)

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
            lines += [f"• “{o.token.description}” ({o.token.id}): {_reason(o)}" for o in self.failed]
        if self.signed_out:
            lines.append(SIGNED_OUT_ADVICE)
        return "\n".join(lines)

    @property
    def status_sentence(self) -> str:
        """The same results in one sentence, for the window's status bar."""
        return _status_sentence(self)

    @property
    def needs_refresh(self) -> bool:
        """Gone or unknown tokens, or confirmed revokes whose new state could not be read back: ask the server again."""
        return bool(self.gone or self.unknown) or any(outcome.revoked is None for outcome in self.succeeded)


# The wording of revoke results: the dialog's lines (RevokeReport.summary) and the status bar's sentence.

def _status_sentence(report: RevokeReport) -> str:
    revoked = list(report.succeeded)  # the server confirmed the DELETE
    gone = list(report.gone)
    unknown = list(report.unknown)
    failed = [outcome for outcome in report.failed if not outcome.gone and not outcome.unknown]
    parts = []
    if len(revoked) == 1:
        parts.append(f"Revoked {token_name(revoked[0].token)}")
    elif revoked:
        parts.append(f"Revoked {len(revoked)} tokens")
    if gone:
        parts.append(_gone_text(gone))
    if unknown:
        parts.append(_unknown_text(unknown))
    if failed:
        parts.append(_failed_text(failed))
    text = "; ".join(parts)
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _gone_text(gone) -> str:
    if len(gone) == 1:
        return f"{token_name(gone[0].token)} no longer exists on the server, so the list was refreshed"
    return f"{len(gone)} tokens no longer exist on the server, so the list was refreshed"


def _unknown_text(unknown) -> str:
    which = token_name(unknown[0].token) if len(unknown) == 1 else f"{len(unknown)} tokens"
    return f"the server did not confirm revoking {which}, so the list was refreshed to show what it says"


def _failed_text(failed) -> str:
    first = failed[0]
    # Quoted inside a sentence: an error's own sentence loses its full stop ("…safe)." not "…safe.).").
    reason = (str(first.error) if first.error is not None else "the server did not confirm it").rstrip(".")
    if len(failed) == 1:
        return f"could not revoke {token_name(first.token)}: {reason}"
    return f"could not revoke {len(failed)} tokens (first: {token_name(first.token)}: {reason})"


def _reason(outcome: RevokeOutcome) -> str:
    if outcome.unknown:
        return outcome.message
    return outcome.message.removeprefix("Not revoked: ")


def revoke_tokens(
    client: RevokingClient, tokens: Sequence[Token], on_progress: ProgressCallback | None = None,
    on_note: NoteCallback | None = None,
) -> RevokeReport:
    """Revoke each token (the one in use last); never raises ApiError.

    `on_note` hears a sentence whenever the outcome is in doubt and being checked."""
    in_use = [client.is_signed_in_with(token) for token in tokens]
    # Stable sort: the caller's order, except the token in use goes last.
    order = sorted(range(len(tokens)), key=lambda index: in_use[index])
    outcomes: dict[int, RevokeOutcome] = {}
    note = on_note or (lambda _text: None)
    for done, index in enumerate(order, start=1):
        if current_cancellation().cancelled:
            outcome = RevokeOutcome(tokens[index], error=CancelledBeforeError(), was_in_use=in_use[index])
        elif any(_signs_out(outcome) for outcome in outcomes.values()):
            outcome = RevokeOutcome(tokens[index], error=NotAttemptedError(), was_in_use=in_use[index])
        else:
            outcome = _revoke_one(service_for(client, tokens[index]), tokens[index], in_use[index], note)
        outcomes[index] = outcome
        if on_progress is not None:
            on_progress(done, len(tokens))
    # Report in the order the caller gave, which is the order the user saw.
    return RevokeReport(tuple(outcomes[index] for index in range(len(tokens))))


def _revoke_one(client: RevokingClient, token: Token, in_use: bool, note: NoteCallback) -> RevokeOutcome:
    try:
        client.revoke_token(token.kind, token.id)
    except NotFoundError as err:
        return RevokeOutcome(token, error=err, gone=True, was_in_use=in_use)
    except (ApiError, CancelledError) as err:
        if not is_lost_answer(err):
            return RevokeOutcome(token, error=err, was_in_use=in_use)
        note(checking_note(token, err))
        return _settle_by_rereading(client, token, in_use)
    try:
        answer = client.get_token(token.kind, token.id)
    except ApiError as err:
        # The DELETE was confirmed; only the fresh copy is missing (expected when
        # the token in use was just revoked: the server now answers 401).
        return RevokeOutcome(token, was_in_use=in_use, refresh_error=err)
    except CancelledError:
        return RevokeOutcome(token, was_in_use=in_use, refresh_error=RevokeUnknownError("Cancelled."))
    if answer.id != token.id or not answer.is_revoked:
        return RevokeOutcome(token, was_in_use=in_use, refresh_error=unexpected_reread(token, answer))
    return RevokeOutcome(token, revoked=in_cluster_of(answer, token), was_in_use=in_use)


def _settle_by_rereading(client: RevokingClient, token: Token, in_use: bool) -> RevokeOutcome:
    """The DELETE's answer was lost: the server's copy of the token says what happened."""
    try:
        answer = client.get_token(token.kind, token.id)
    except (ApiError, CancelledError) as err:
        # A 401 here (the token in use) still signs out; the outcome stays unknown.
        refresh_error = err if isinstance(err, ApiError) else None
        return RevokeOutcome(token, error=RevokeUnknownError(), was_in_use=in_use,
                             refresh_error=refresh_error, answer_lost=True)
    if answer.id != token.id:
        return RevokeOutcome(token, error=unexpected_reread(token, answer), was_in_use=in_use, answer_lost=True)
    if not answer.is_revoked:
        return RevokeOutcome(token, error=StillActiveError(), was_in_use=in_use, answer_lost=True)
    return RevokeOutcome(token, revoked=in_cluster_of(answer, token), was_in_use=in_use, answer_lost=True)


def _signs_out(outcome: RevokeOutcome) -> bool:
    if isinstance(outcome.error, AuthenticationError) or isinstance(outcome.refresh_error, AuthenticationError):
        return True
    return outcome.was_in_use and (outcome.succeeded or outcome.gone)
