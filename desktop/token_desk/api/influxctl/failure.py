"""A failed influxctl run as one typed error: its own message, plain, trimmed and with secrets redacted."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from token_desk.api.influxctl import errors

if TYPE_CHECKING:  # a failure is read on the worker that ran the process; the window's start-up runs none
    from token_desk.api.influxctl.process import Finished

MAX_MESSAGE = 400
REDACTED = "[redacted]"
# Lines influxctl's environment prints that say nothing about the failure (INFLUXCTL.md: GTK noise).
_NOISE = re.compile(r"Not loading module|atk-bridge|^Gtk-", re.IGNORECASE)
_LEVEL = re.compile(r"^(error|fatal|err)[\t :]+", re.IGNORECASE)
# Whole token strings, should one ever be echoed: a management token (M.V1.…) or a database token.
_TOKEN_SHAPES = re.compile(r"M\.V1\.[A-Za-z0-9+/=_.-]{12,}|apiv\d_[A-Za-z0-9+/=_.-]{12,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colour codes: their letters would otherwise remain as text
# "not found" about influxctl's own setup (a missing profile or config file), or about a cluster or account
# rather than a token, is not a token to refresh away.
_ABOUT_SETUP = re.compile(r"\bprofile\b|\bconfig(uration)?\b|config\.toml", re.IGNORECASE)
_ABOUT_PLACE = re.compile(r"\b(cluster|account)\b", re.IGNORECASE)
_ABOUT_TOKEN = re.compile(r"\btoken\b", re.IGNORECASE)

# No connection was ever made (grpc-go: "Error while dialing: dial tcp …: connect: connection refused", a name
# that does not resolve, no route), so nothing was sent. Checked before "timed out": a dial that timed out
# ("dial tcp …: i/o timeout") never sent anything either. A connection that dropped after the request went
# out reads otherwise ("code = Unavailable desc = error reading from server: EOF"): a change may have happened.
_NOT_DIALLED = re.compile(r"error while dialing|\bdial (tcp|udp)\b|connection refused|no such host|"
                          r"network is unreachable|no route to host", re.IGNORECASE)

_CLASSES: tuple[tuple[re.Pattern, type[errors.InfluxctlError]], ...] = (
    (re.compile(r"unauthenticated|unauthori[sz]ed|not authori[sz]ed|authentication (failed|required)|\b401\b|"
                r"(invalid|bad|wrong|expired|revoked) (mgmt[ _]|management )?token(?![ _-]?id)|"
                r"(mgmt[ _]|management )?token (is |was |has been )?(invalid|expired|revoked|not valid|rejected)|"
                r"not (signed|logged) in|login (required|expired)", re.IGNORECASE), errors.InfluxctlAuthenticationError),
    (re.compile(r"permission ?denied|\b403\b|forbidden", re.IGNORECASE), errors.InfluxctlPermissionError),
    (_NOT_DIALLED, errors.InfluxctlConnectionError),
    # Not the flag's own name (`-timeout`, `--timeout`): a usage error naming it waited for nothing.
    (re.compile(r"deadline ?exceeded|(?<![-\w])timed? ?out\b", re.IGNORECASE), errors.InfluxctlTimeoutError),
    (re.compile(r"code = Unavailable", re.IGNORECASE), errors.InfluxctlConnectionError),  # may have been sent
    (re.compile(r"not ?found|\b404\b|no such token|does not exist|unknown token", re.IGNORECASE),
     errors.InfluxctlNotFoundError),
)


def influxctl_message(finished: Finished, secret: str = "") -> str | None:
    """What influxctl said went wrong: its `error` lines, else its last stderr line."""
    lines = [line.strip() for line in finished.stderr.splitlines() if line.strip() and not _NOISE.search(line)]
    lines += [line.strip() for line in finished.stdout.splitlines() if _LEVEL.match(line.strip())]
    flagged = [_LEVEL.sub("", line, count=1) for line in lines if _LEVEL.match(line)]
    chosen = flagged or lines[-1:]
    if not chosen:
        return None
    return clean_message(" ".join(chosen), secret)


def clean_message(text: str, secret: str = "") -> str:
    """Plain, one line, at most MAX_MESSAGE characters, without the secret or anything token-shaped."""
    if secret:
        text = text.replace(secret, REDACTED)
    text = _TOKEN_SHAPES.sub(REDACTED, text)
    text = _CONTROL.sub(" ", _ANSI.sub("", text)).replace("\t", " ")
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def error_for(finished: Finished, command: str, secret: str = "") -> errors.InfluxctlError:
    """The typed error of a run that exited non-zero (or that Token Desk ended)."""
    message = influxctl_message(finished, secret)
    # Ended by Token Desk: the sentence says so, whatever influxctl had printed by then (found with the
    # independent stand-in: a hang after "context deadline exceeded" read "influxctl failed: …").
    if finished.ended_by == "timeout":
        advice = errors.InfluxctlTimeoutError.default_advice + (f" influxctl said: {message}" if message else "")
        return errors.InfluxctlTimeoutError(advice, command=command, influxctl_message=message,
                                            exit_code=finished.exit_code)
    if finished.ended_by == "cancel":
        return errors.InfluxctlCancelledError(errors.InfluxctlCancelledError.default_advice, command=command,
                                              influxctl_message=message, exit_code=finished.exit_code)
    if finished.ended_by == "overflow":
        return errors.InfluxctlOutputTooLargeError(command=command, exit_code=finished.exit_code)
    if ended_by_signal(finished.exit_code):
        return errors.InfluxctlStoppedError(command=command, influxctl_message=message, exit_code=finished.exit_code)
    error_class = _error_class(message, command)
    advice = None
    if error_class is not errors.InfluxctlError and message:
        advice = f"{error_class.default_advice} influxctl said: {message}"
    elif message is None:
        advice = f"influxctl {command} failed (exit status {finished.exit_code}) without saying why; try again."
    return error_class(advice, command=command, influxctl_message=message, exit_code=finished.exit_code)


def never_connected(error: errors.InfluxctlError) -> bool:
    """influxctl ran to its end and said it could not connect at all: whatever it was asked was never sent."""
    message = error.influxctl_message or ""
    return error.exit_code is not None and not ended_by_signal(error.exit_code) and bool(_NOT_DIALLED.search(message))


def ended_by_signal(exit_code: int) -> bool:
    """Not influxctl's own exit: POSIX reports a signal as a negative status (-9: SIGKILL); Windows
    reports a process ended by the system or a crash with an NTSTATUS error code (0xC0000000 and up,
    e.g. 0xC000013A for Ctrl+C/logoff, 0xC0000409 for a Go runtime abort). influxctl itself exits 0 or 1."""
    return exit_code < 0 or exit_code >= 0xC0000000


def _error_class(message: str | None, command: str) -> type[errors.InfluxctlError]:
    error_class = next((cls for pattern, cls in _CLASSES if message and pattern.search(message)),
                       errors.InfluxctlError)
    if error_class is errors.InfluxctlNotFoundError and _not_about_the_subject(message or "", command):
        return errors.InfluxctlError
    return error_class


def _not_about_the_subject(message: str, command: str) -> bool:
    """A token command's "not found" about a cluster or an account names where it looked, not the token; a
    cluster command's (`cluster get`) is about its own subject."""
    about_place = command.startswith(("management", "token")) and bool(_ABOUT_PLACE.search(message))
    return bool(_ABOUT_SETUP.search(message) or (about_place and not _ABOUT_TOKEN.search(message)))
