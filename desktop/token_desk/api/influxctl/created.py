"""The output of `management create` / `token create`: where the secret is, and what else was said.

Documented (2.11.0+): a key/value table, two `warn<TAB>…` lines, then the secret alone on the
last line; before 2.11.0 only the warnings and the secret. `--format json` is undocumented, so
an object is searched for a secret in a string field, with the last secret-like line as the
fallback. Nothing here logs, and the secret never appears in a repr or an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from token_desk.api.influxctl.errors import InfluxctlOutputError
from token_desk.api.influxctl.output import parse_key_value_table
from token_desk.api.token_text import token_problem

SECRET_KEYS = ("token", "access_token", "accessToken", "secret", "mgmt_token", "management_token", "token_string")
_LOG_LEVELS = ("warn", "error", "info", "debug", "warning", "fatal")
_MIN_SECRET_LENGTH = 8


@dataclass(frozen=True)
class CreateOutput:
    """The secret, and the fields influxctl printed beside it (`id`, `description`, `expires at` …)."""

    secret: str = field(repr=False)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def token_id(self) -> str | None:
        return self.fields.get("id") or None


def parse_create_output(stdout: str, command: str = "management create") -> CreateOutput:
    """Raises InfluxctlOutputError (without quoting the output) when no secret can be found."""
    found = _from_json(stdout) if stdout.lstrip().startswith("{") else None
    if found is None:
        found = _from_lines(stdout.splitlines())
    if found is None:
        raise InfluxctlOutputError(
            f"influxctl {command} finished, but Token Desk could not find the new token's secret in what it "
            "printed; the token may exist without a way to use it: refresh, revoke it and create another.",
            command=command)
    return found


def _from_json(text: str) -> CreateOutput | None:
    try:
        data = msgspec.json.decode(text.strip())
    except (msgspec.DecodeError, RecursionError):  # the latter: nested deeper than the stack; read as lines
        return None
    if not isinstance(data, dict):
        return None
    nested = data.get("token") if isinstance(data.get("token"), dict) else {}
    secret = _secret_in(data) or _secret_in(nested)
    if secret is None:
        return None
    fields = {key: value for source in (nested, data) for key, value in _plain_fields(source).items()}
    return CreateOutput(secret, fields)


def _secret_in(data: dict[str, Any]) -> str | None:
    for key in SECRET_KEYS:
        value = data.get(key)
        if isinstance(value, str) and _looks_like_secret(value):
            return value
    return None


def _plain_fields(data: dict[str, Any]) -> dict[str, str]:
    """id and description as the table would name them ("expires at" etc. are not needed from JSON)."""
    return {key: value for key, value in data.items() if key in ("id", "description") and isinstance(value, str)}


def _from_lines(lines: list[str]) -> CreateOutput | None:
    table = [line for line in lines if line.strip().startswith(("|", "+"))]
    rest = [line.strip() for line in lines if line not in table and line.strip()]
    candidates = [line for line in rest if not _is_log_line(line) and _looks_like_secret(line)]
    if not candidates:
        return None
    return CreateOutput(candidates[-1], parse_key_value_table(table))


def _is_log_line(line: str) -> bool:
    level = line.split("\t", 1)[0].split(" ", 1)[0].lower()
    return level in _LOG_LEVELS and ("\t" in line or " " in line)


def _looks_like_secret(text: str) -> bool:
    """Tokens are printable ASCII without spaces (token_text.py): a line with anything else, such as the
    replacement character of bytes that were not UTF-8, is a damaged secret that would never work."""
    return len(text) >= _MIN_SECRET_LENGTH and token_problem(text) is None
