"""One exception hierarchy for everything the API client can fail with.

Every error carries the HTTP status (when there was a response), the method,
the URL path (never the host's query or the bearer token) and the server's
`message`, and its str() is one sentence a person can act on.
"""

from __future__ import annotations

from typing import TypeVar

# What a change's plain connection or timeout error means (never_sent): an unknown outcome is an
# OutcomeUnknownError, and every layer reads these types, never guesses from a timeout.
NOT_SENT = "The request never reached the server, so nothing was changed and trying again is safe."


class ApiError(Exception):
    """Base class: something went wrong talking to the Management API."""

    default_advice = "The request to the Management API failed."

    def __init__(
        self,
        advice: str | None = None,
        *,
        status: int | None = None,
        method: str | None = None,
        path: str | None = None,
        server_message: str | None = None,
    ) -> None:
        self.advice = advice or self.default_advice
        self.status = status
        self.method = method
        self.path = path
        self.server_message = server_message
        super().__init__(self.advice)

    def __str__(self) -> str:
        return self.advice

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, method={self.method!r}, "
            f"path={self.path!r}, server_message={self.server_message!r})"
        )

    @property
    def details(self) -> str:
        """A technical line for logs and "details" panes: request and server message."""
        parts = [f"{self.method} {self.path}" if self.method else "", f"HTTP {self.status}" if self.status else ""]
        if self.server_message:
            parts.append(f"server said: {self.server_message}")
        return " · ".join(part for part in parts if part)


class AuthenticationError(ApiError):
    default_advice = "The management token was rejected (401): it may be revoked, expired or mistyped; enter a valid token."


class PermissionDeniedError(ApiError):
    default_advice = "The management token is not allowed to do this (403); use a token with access to this account and cluster."


class NotFoundError(ApiError):
    default_advice = "The server could not find it (404); check the account and cluster IDs, or refresh: it may have been removed."


class ConflictError(ApiError):
    default_advice = "The server refused because of a conflict (409); refresh and try again."


class BadRequestError(ApiError):
    default_advice = "The server rejected the request as invalid (400); check the values entered."


class RateLimitedError(ApiError):
    default_advice = "The server is limiting requests (429); wait a moment and try again."


class ServerError(ApiError):
    default_advice = "The server had an internal error (5xx); try again in a moment."


class ApiConnectionError(ApiError):
    default_advice = "Could not connect to the Management API; check the URL and your network connection."


class CertificateError(ApiConnectionError):
    """TLS failed: the server's certificate could not be verified (advice names the host)."""

    default_advice = "The server's certificate could not be verified; check the API URL, or ask your administrator."


class PlainHttpRefusedError(ApiError):
    """Nothing was sent: the management token would have crossed the network unencrypted."""

    default_advice = "Token Desk does not send the management token over plain http:// to another computer; use https://."


class ApiTimeoutError(ApiError):
    default_advice = "The Management API did not answer in time; check your connection and try again."
    # No connection was made in time (connecting, or waiting for a free one): nothing was sent.
    NOT_CONNECTED = "Could not connect to the Management API in time; check your connection."


class InvalidResponseError(ApiError):
    default_advice = "The server answered with data Token Desk does not understand; check the API URL points at a Management API."


class OutcomeUnknownError(ApiError):
    """The request was cut off after it may have reached the server: re-read before saying what happened."""

    default_advice = "The request was cut off before the server answered; refresh to see what happened."


class ChangeTimeoutError(ApiTimeoutError, OutcomeUnknownError):
    """A change got no answer in time after it may have reached the server: it may have been carried out, so
    what the server holds decides."""


class UnreadableAnswerError(InvalidResponseError, OutcomeUnknownError):
    """A change was answered "done", but the answer cannot be read (cut off, a proxy's page, a bad field): it may
    have been carried out, so what the server holds decides (a new token's secret is lost with the answer)."""


class InvalidIdError(ApiError, ValueError):
    """An ID that would go into a URL path is not a UUID; nothing was sent."""

    default_advice = "That is not a valid ID (expected a UUID such as 11111111-1111-4111-8111-111111111111)."


class ModelError(ValueError):
    """A decoded JSON value does not have the shape the contract promises.

    Internal to the api package: the client turns it into an InvalidResponseError that names
    the field, so a person learns which part of the answer was wrong.
    """

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"field '{field_name}' {problem}")
        self.field_name = field_name


_Error = TypeVar("_Error", bound=ApiError)


def never_sent(error: _Error) -> _Error:
    """`error`, a connection or timeout error of a change that never left this computer, saying so: the
    same type (a plain ApiConnectionError or ApiTimeoutError, so the history records it as failed), its
    sentence followed by NOT_SENT."""
    import copy  # not at start: a window's start imports no copy (docs/ARCHITECTURE.md, Start-up)

    said = copy.copy(error)
    said.advice = f"{error.advice.rstrip()}{'' if error.advice.rstrip().endswith('.') else '.'} {NOT_SENT}"
    said.args = (said.advice,)
    return said
