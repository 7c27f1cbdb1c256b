"""What a failed request means for the history: refused (`failed`) or lost on the way (`unknown`)."""

from __future__ import annotations

from token_desk.api import errors
from token_desk.api.influxctl import errors as influxctl_errors
from token_desk.api.models import Token, format_timestamp
from token_desk.history.entry import Outcome

# Refused on this computer, before anything was sent.
_REFUSED_HERE = (errors.InvalidIdError, errors.PlainHttpRefusedError, errors.CertificateError)


def outcome_of_error(error: BaseException) -> tuple[Outcome, str]:
    """The outcome a raised error stands for, and the message to keep with it. Unknown is what the error's
    type says (the REST client's and the influxctl bridge's one rule: api/client.py `_may_have_acted`)."""
    if isinstance(error, _REFUSED_HERE):
        return Outcome.FAILED, str(error)
    if isinstance(error, (errors.OutcomeUnknownError, errors.InvalidResponseError)):
        # Cut off after it may have reached the server, or answered in a way Token Desk cannot read.
        return Outcome.UNKNOWN, str(error)
    if isinstance(error, (errors.ApiConnectionError, errors.ApiTimeoutError)):
        # Never reached the server (REST or influxctl): a change that may have is an OutcomeUnknownError.
        return Outcome.FAILED, str(error)
    if isinstance(error, influxctl_errors.InfluxctlError):
        return _influxctl_outcome(error)
    if isinstance(error, errors.ApiError) and error.status is not None:
        return Outcome.FAILED, error.server_message or str(error)  # the server said no
    if isinstance(error, errors.ApiError):
        return Outcome.UNKNOWN, error.server_message or str(error)
    # Anything unexpected (a cancel, a killed process, a bug): no claim either way.
    return Outcome.UNKNOWN, f"No answer was received ({type(error).__name__})."


def _influxctl_outcome(error: influxctl_errors.InfluxctlError) -> tuple[Outcome, str]:
    """influxctl that ran to its end and said why it failed: refused. Stopped part-way: unknown (a change the
    bridge saw stopped is an InfluxctlOutcomeUnknownError already; these are the runs around it)."""
    if isinstance(error, (influxctl_errors.InfluxctlCancelledError, influxctl_errors.InfluxctlStoppedError)):
        return Outcome.UNKNOWN, str(error)
    return Outcome.FAILED, error.server_message or str(error)


def revoke_seen_in(token: Token) -> tuple[Outcome, str]:
    """What a fresh copy of a token says about an earlier revoke whose answer was lost."""
    if token.revoked_time_unknown:
        return Outcome.CONFIRMED, "the token is revoked (influxctl did not say when)."
    if token.revoked_at is not None:
        return Outcome.CONFIRMED, f"the token was revoked at {format_timestamp(token.revoked_at)}."
    return Outcome.FAILED, "the token is not revoked."
