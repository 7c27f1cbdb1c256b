"""influxctl failures as the same typed errors the REST client raises, so the UI maps both in one place.

Each error's str() is one sentence a person can act on; `server_message` is influxctl's own
message (plain text, trimmed, the secret redacted) and `path` the command that ran.
"""

from __future__ import annotations

from token_desk.api.errors import (
    ApiConnectionError, ApiError, ApiTimeoutError, AuthenticationError, InvalidResponseError, NotFoundError,
    OutcomeUnknownError, PermissionDeniedError,
)

DOWNLOAD_URL = "https://docs.influxdata.com/influxdb3/cloud-dedicated/reference/cli/influxctl/"


class InfluxctlError(ApiError):
    """influxctl ran and failed (a non-zero exit), for a reason not covered by a subclass."""

    default_advice = "influxctl could not do this; see what it said below, fix that and try again."
    quotes_message = True  # str() ends with what influxctl said
    def __init__(self, advice: str | None = None, *, command: str | None = None,
                 influxctl_message: str | None = None, exit_code: int | None = None) -> None:
        if advice is None and influxctl_message and self.quotes_message:
            advice = (f"influxctl failed: {influxctl_message}" if type(self) is InfluxctlError
                      else f"{self.default_advice} influxctl said: {influxctl_message}")
        super().__init__(advice, method="influxctl", path=command, server_message=influxctl_message)
        self.exit_code = exit_code

    @property
    def influxctl_message(self) -> str | None:
        return self.server_message

    @property
    def details(self) -> str:
        parts = [f"influxctl {self.path}" if self.path else "influxctl",
                 f"exit status {self.exit_code}" if self.exit_code is not None else ""]
        if self.server_message:
            parts.append(f"influxctl said: {self.server_message}")
        return " · ".join(part for part in parts if part)


class InfluxctlAuthenticationError(InfluxctlError, AuthenticationError):
    default_advice = ("influxctl was refused: the management token may be revoked, expired or mistyped, "
                      "or the influxctl sign-in has lapsed; sign in again.")


class InfluxctlPermissionError(InfluxctlError, PermissionDeniedError):
    default_advice = "influxctl is not allowed to do this; use an account with access to this cluster."


class InfluxctlNotFoundError(InfluxctlError, NotFoundError):
    default_advice = "influxctl does not know this token; refresh the list: it may have been removed."


class InfluxctlConnectionError(InfluxctlError, ApiConnectionError):
    default_advice = "influxctl could not reach InfluxData's service; check your network connection and try again."


class InfluxctlTimeoutError(InfluxctlError, ApiTimeoutError):
    default_advice = "influxctl did not finish in time and was stopped; check your connection and try again."


class InfluxctlCancelledError(InfluxctlError):
    default_advice = "Cancelled: influxctl was stopped before it finished."
    quotes_message = False  # what it said last was not why it stopped


class InfluxctlStoppedError(InfluxctlError):
    """influxctl ended without its documented answer: killed by a signal (the system, out of memory, a
    logout), or crashed. For a listing that is simply a failure to retry; for a change see below."""

    default_advice = "influxctl was stopped before it answered (it may have been killed); try again."
    quotes_message = False  # what it said last was not why it stopped


class InfluxctlOutcomeUnknownError(InfluxctlError, OutcomeUnknownError):
    """influxctl was stopped while changing something (killed, timed out, cancelled, its output cut off, its
    connection dropped after the request went out), or made the change and its result could not be read back:
    the change may or may not have happened. Every caller re-lists that kind and shows what the list
    proves (revocation.py, ui/create's dialogs), so the sentence says that checking follows."""

    default_advice = NOT_CONFIRMED = "Not confirmed: influxctl was stopped before it answered. Checking\u2026"
    CONNECTION_LOST = ("Not confirmed: influxctl lost its connection to InfluxData's service before the answer "
                       "came. Checking\u2026")
    NOT_READ_BACK = "influxctl made the change, but Token Desk could not read the result back. Checking\u2026"
    quotes_message = False


class InfluxctlOutputError(InfluxctlError, InvalidResponseError):
    default_advice = "influxctl printed something Token Desk does not understand; update influxctl and try again."


class InfluxctlOutputTooLargeError(InfluxctlStoppedError, InfluxctlOutputError):
    """influxctl printed more than any answer holds (process.MAX_OUTPUT_BYTES) and was ended: stopped part-way
    (a change's outcome is unknown), and what it printed was no answer (a listing is an output error)."""

    default_advice = ("influxctl printed more than any answer holds and was stopped; update influxctl or tell the "
                      "Token Desk developers.")


class InfluxctlUnavailableError(InfluxctlError):
    """Management tokens need influxctl and there is no usable one: missing, or too old."""

    default_advice = "Management tokens are only available through influxctl, and Token Desk cannot find it."

    def __init__(self, advice: str | None = None, *, program: str | None = None,
                 found_version: str | None = None) -> None:
        super().__init__(advice, command="version")
        self.program = program
        self.found_version = found_version


class InfluxctlNotInstalledError(InfluxctlUnavailableError):
    default_advice = ("Management tokens are only available through influxctl, InfluxData's command-line tool, "
                      "and Token Desk cannot find it; install it, or choose where it is.")


class InfluxctlTooOldError(InfluxctlUnavailableError):
    default_advice = ("This influxctl is too old for management tokens (2.6.0 or later is needed); "
                      "update it, or choose a newer one.")


class InfluxctlNeedsItsOwnSignInError(InfluxctlUnavailableError):
    """Way a here has no /dev/fd to hand influxctl the management token through, and a file is never used."""

    default_advice = ("On Windows Token Desk cannot hand influxctl the management token without writing it to a "
                      "file, which it never does, so management tokens come through an influxctl profile here: "
                      "add a connection that signs in with one.")
