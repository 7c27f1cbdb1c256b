"""The one place any error becomes the sentence a person reads.

Typed errors (the API's and the credentials') already carry a sentence a person can act on. Anything
else is a bug: its traceback goes to the log, and the person is told what failed and what to do next.
"""

from __future__ import annotations

import logging

from token_desk.api.errors import ApiError
from token_desk.credentials import CredentialError

log = logging.getLogger(__name__)
EXPECTED_ERRORS = (ApiError, CredentialError)


def error_sentence(error: BaseException, failed: str, then: str = "") -> str:
    """E.g. error_sentence(err, "Loading the tokens", "retry"): the typed error's own sentence, or
    "Loading the tokens failed unexpectedly; see the log for details, then retry." for a bug."""
    if isinstance(error, EXPECTED_ERRORS):
        return str(error)
    log.error("%s failed unexpectedly", failed, exc_info=error)
    advice = f", then {then}" if then else ""
    return f"{failed} failed unexpectedly; see the log for details{advice}."
