"""What the create, edit and rotate flows say when they are done (status line sentences)."""

from __future__ import annotations

from token_desk.api.models import Token
from token_desk.models.display import visible_text
from token_desk.ui.create.requests_and_results import SecretOutcome


def name(token: Token) -> str:
    return f"\u201c{visible_text(token.description) or '(no description)'}\u201d ({token.id[:8]}\u2026)"


def created(token: Token, outcome: SecretOutcome) -> str:
    if outcome.saved_profile:
        return f"Created {name(token)} and saved it as the connection \u201c{outcome.saved_profile}\u201d."
    if outcome.copied:
        return f"Created {name(token)}; its secret was copied (the clipboard is cleared after a minute)."
    return f"Created {name(token)}."


def saved(token: Token) -> str:
    return f"Saved the changes to {name(token)}."


def revoke_question(old: Token) -> str:
    return (f"The replacement is ready. Revoke the old token {name(old)} now? Anything still using it stops "
            "working at once. You can also keep it for now and revoke it later from the list.")


def kept(new: Token, old: Token) -> str:
    return f"Rotated: {name(new)} created; the old token {name(old)} is kept until you revoke it."


def after_revoke(new: Token, old: Token, report) -> str:
    if report is None:
        return kept(new, old)
    outcome = report.outcomes[0] if report.outcomes else None
    if outcome is not None and outcome.succeeded:
        return f"Rotated: {name(new)} created and the old token {name(old)} revoked."
    reason = outcome.message if outcome is not None else "the server did not confirm it."
    return (f"Rotated, but the old token was not revoked: the new token {name(new)} stands, and {name(old)} "
            f"still works. {reason}")
