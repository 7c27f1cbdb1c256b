"""The one place any error becomes the sentence a person reads.

Typed errors (the API's and the credentials') already carry a sentence a person can act on. Anything
else is a bug: its traceback goes to the log, and the person is told what failed and what to do next.
`step_error_sentence` adds what an error means for one step of creating or editing a token: which
permission a 403 lacks, that a create whose answer was lost may or may not have happened, which field a 400
names. Whether the outcome is unknown is the error's type (an OutcomeUnknownError), never a guess from a
timeout: a plain connection or timeout error of a change never reached the server, and says so itself.
"""

from __future__ import annotations

import logging
from typing import Literal

from token_desk.api import errors
from token_desk.api.errors import ApiError
from token_desk.api.influxctl.errors import InfluxctlOutcomeUnknownError
from token_desk.api.retry import GATEWAY_LOST_ANSWER
from token_desk.credentials import CredentialError
from token_desk.models.display import visible_text

log = logging.getLogger(__name__)
EXPECTED_ERRORS = (ApiError, CredentialError)


def error_sentence(error: BaseException, failed: str, then: str = "") -> str:
    """E.g. error_sentence(err, "Loading the tokens", "retry"): the typed error's own sentence, or
    "Loading the tokens failed unexpectedly; see the log for details, then retry." for a bug."""
    if isinstance(error, EXPECTED_ERRORS):
        return visible_text(str(error))  # it may quote the server or a file
    if isinstance(error, OSError) and error.strerror:  # a file or folder problem: the system's own words
        where = f" ({error.filename})" if error.filename else ""
        advice = f"; {then}" if then else ""
        return f"{failed} failed: {error.strerror}{where}{advice}."
    log.error("%s failed unexpectedly", failed, exc_info=error)
    advice = f", then {then}" if then else ""
    return f"{failed} failed unexpectedly; see the log for details{advice}."


# No answer came after the request may have reached the server: it may or may not have been carried out.
UNKNOWN_OUTCOME = errors.OutcomeUnknownError
Step = Literal["create-management", "create-database", "update", "list", "check"]
_WHAT = {"create-management": "create management tokens", "create-database": "create database tokens",
         "update": "change database tokens", "list": "list the cluster's databases",
         "check": "list tokens"}
# Each API field by the caption its dialog shows for it (docs/GLOSSARY.md): expiresAt is chosen under "Expires after".
_FIELDS = (("expiresAt", "Expires after"), ("description", "Description"), ("permissions", "Permissions"),
           ("resource", "Permissions (database name)"), ("action", "Permissions (action)"))


_FAILED = {"create-management": "Creating the token", "create-database": "Creating the token",
           "update": "Saving the changes", "list": "Listing the databases", "check": "Checking the token list"}


def step_error_sentence(error: BaseException, step: Step) -> str:
    """One or two sentences for `error` during `step`; never the secret, never a traceback."""
    if not isinstance(error, errors.ApiError):
        return error_sentence(error, _FAILED[step], "try again")
    if isinstance(error, InfluxctlOutcomeUnknownError):  # the dialog re-reads at once (check_outcome)
        return error_sentence(error, _FAILED[step])
    if isinstance(error, UNKNOWN_OUTCOME):
        return _unknown_outcome(error, step)
    if step == "check" and isinstance(error, (errors.ApiConnectionError, errors.ApiTimeoutError)):
        return (f"{visible_text(str(error))} Whether the earlier attempt created the token is still unknown; "
                "Create Token checks the list first, so trying again never makes a duplicate.")
    if isinstance(error, errors.PermissionDeniedError):
        return (f"This management token is not allowed to {_WHAT[step]} (403). It needs administrator access "
                f"to this account{'' if step == 'create-management' else ' and cluster'}; "
                "sign in with an Admin user's management token.")
    if isinstance(error, errors.AuthenticationError):
        return ("The server rejected Token Desk's management token (401): it may have been revoked or have "
                "expired. Sign in again, then retry; what you entered is kept.")
    if isinstance(error, errors.BadRequestError):
        return _bad_request(error)
    if isinstance(error, errors.ConflictError):
        return _conflict(error, step)
    if isinstance(error, errors.NotFoundError) and step == "update":
        return "This token no longer exists on the server (404); close this dialog and refresh the list."
    return str(error)


def problem_field(error: BaseException) -> str | None:
    """The dialog field a 400 names ("Description", "Expires after", "Permissions"), if any."""
    message = getattr(error, "server_message", None) or ""
    return next((label for name, label in _FIELDS if name in message), None)


def _bad_request(error: errors.BadRequestError) -> str:
    field = problem_field(error)
    said = f" The server said: {error.server_message}" if error.server_message else ""
    if field:
        return f"The server did not accept the {field} field (400).{said}"
    return f"The server did not accept these values (400); check the description, the expiry and the permissions.{said}"


def _conflict(error: errors.ConflictError, step: Step) -> str:
    said = f" The server said: {error.server_message}" if error.server_message else ""
    if step == "update":
        return ("The server refused the change because of a conflict (409): the token may have been revoked or "
                f"changed meanwhile. Refresh the list and check it.{said}")
    return f"The server refused because of a conflict (409); refresh the list, then try again.{said}"


def _unknown_outcome(error: errors.ApiError, step: Step) -> str:
    if step.startswith("create") or step == "check":
        return (f"{_no_answer(error)}, so it is unknown whether the token was created. "
                "Create Token now checks the list first, so trying again never makes a duplicate.")
    if step == "update":
        return (f"{_no_answer(error)}, so it is unknown whether the change was saved. "
                "Saving again is safe: it sets the same values.")
    return str(error)  # a read's answer is never an unknown outcome (api/client.py); its own sentence


def _no_answer(error: errors.ApiError) -> str:
    """Why nobody knows what the server did: no answer in time, none at all, or one that cannot be read."""
    if isinstance(error, errors.ApiTimeoutError):
        return "The server did not answer in time"
    if isinstance(error, errors.InvalidResponseError):
        return "The server answered, but its answer could not be read"
    if error.status in GATEWAY_LOST_ANSWER:
        return f"A gateway in front of the server lost its answer (HTTP {error.status})"
    return "The connection was lost before the server answered"
