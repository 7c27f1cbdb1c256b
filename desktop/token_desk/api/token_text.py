"""The one rule for what a management token may contain, used wherever one is typed, read or sent. No Qt."""

from __future__ import annotations

import unicodedata

EMPTY = "Enter the management token; the field is empty."


def token_problem(token: str) -> str | None:
    """One sentence saying why `token` (already stripped) cannot be used, or None when it can.

    A bearer token travels in an HTTP header, so it must be printable ASCII without spaces;
    anything else is a paste gone wrong (a line break, a tab, a curly quote, a zero-width space)."""
    if not token:
        return EMPTY
    if any(char.isspace() for char in token):
        return "The management token cannot contain spaces, tabs or line breaks; paste it again."
    if any(unicodedata.category(char).startswith("C") for char in token):
        return "The management token contains invisible control characters; paste it again."
    if not token.isascii():
        odd = next(char for char in token if not char.isascii())
        return (f"The management token contains {odd!r}, which no token has (only plain ASCII letters, digits "
                "and symbols); paste it again from where it was created.")
    return None
