""""Check now": re-read what an `unknown` entry was about and say what the server shows. No Qt.

Runs on a worker thread. Raises ApiError when the server cannot be asked (the entry stays
`unknown`); otherwise records the server's answer as the entry's outcome and returns it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import msgspec

from token_desk.api.errors import NotFoundError
from token_desk.api.models import Token, TokenKind
from token_desk.history.entry import Action, HistoryEntry, Outcome, requested_change
from token_desk.history.journal import Journal
from token_desk.history.outcomes import revoke_seen_in

# A create's clock and the server's may differ a little: a token created this long before the
# attempt was written still counts as the attempt's.
CLOCK_SLACK = timedelta(minutes=2)


class CheckResult(msgspec.Struct, frozen=True):
    outcome: Outcome
    message: str
    token_id: str = ""


def can_check(entry: HistoryEntry) -> bool:
    return entry.outcome is Outcome.UNKNOWN


def check_entry(service, journal: Journal, entry: HistoryEntry) -> CheckResult:
    """Ask the server, record what it says, and return that."""
    result = _ask(service, entry)
    journal.record_outcome(entry.id, result.outcome, f"Checked: {result.message}", token_id=result.token_id,
                           checked=True)
    return result


def _ask(service, entry: HistoryEntry) -> CheckResult:
    kind = TokenKind(entry.kind)
    if entry.action in (Action.CREATE, Action.ROTATE) and not entry.token_id:
        return _find_created(service, kind, entry)
    try:
        token = service.get_token(kind, entry.token_id)
    except NotFoundError:
        return CheckResult(Outcome.UNKNOWN, "the server no longer has this token.")
    if entry.action is Action.REVOKE:
        return _revoke_result(token)
    if entry.action is Action.EDIT:
        return _edit_result(token, entry)
    return CheckResult(Outcome.CONFIRMED, "the token exists.", token.id)


def _revoke_result(token: Token) -> CheckResult:
    outcome, message = revoke_seen_in(token)
    return CheckResult(outcome, message)


def _edit_result(token: Token, entry: HistoryEntry) -> CheckResult:
    return CheckResult(*edit_seen_in(token, entry.requested))


def edit_seen_in(token: Token, requested: str) -> tuple[Outcome, str]:
    """What a fresh copy of a token says about an edit whose answer was lost."""
    # Whatever the edit asked for (description, permissions or both), the server's copy has it.
    candidates = ((token.description, None), (None, token.permissions), (token.description, token.permissions))
    if any(requested_change(*candidate) == requested for candidate in candidates):
        return Outcome.CONFIRMED, "the token has the requested values."
    return Outcome.FAILED, "the token does not have the requested values."


def _find_created(service, kind: TokenKind, entry: HistoryEntry) -> CheckResult:
    return created_by_attempt(service.list_tokens(kind), entry.description, entry.time)


def created_by_attempt(tokens: Sequence[Token], description: str, attempted_at: datetime) -> CheckResult:
    """What a list proves about a create whose answer never came: there is no ID yet, so only a token
    with the same description created since the attempt (give or take CLOCK_SLACK) can be its token.
    Exactly one: created. None: not created. Several, or one the list gives no creation time for:
    the list cannot tell, so the outcome stays unknown."""
    since = attempted_at - CLOCK_SLACK
    alike = [token for token in tokens if token.description == description]
    undated = [token for token in alike if token.created_at is None]
    found = [token for token in alike if token.created_at is not None and token.created_at >= since]
    if len(found) == 1 and not undated:
        return CheckResult(Outcome.CONFIRMED, "a token with this description was created then.", found[0].id)
    if not found and not undated:
        return CheckResult(Outcome.FAILED, "no token with this description was created then.")
    if undated:
        return CheckResult(Outcome.UNKNOWN, "the list does not say when the tokens with this description "
                                            "were created, so it cannot show whether this attempt made one.")
    return CheckResult(Outcome.UNKNOWN, f"{len(found)} tokens with this description were created since then; "
                                        "the list cannot show which one, if any, this attempt made.")
