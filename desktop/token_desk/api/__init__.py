"""The Management API layer: typed client, models and errors. No Qt here.

The names below are re-exported lazily (PEP 562): importing `token_desk.api.ids` or `.errors`, as the start-up
path does, must not import the client and with it httpx, which only a request needs (on a worker thread)."""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "token_desk.api.client": ("ManagementApiClient", "error_for_response"),
    "token_desk.api.errors": (
        "ApiConnectionError", "ApiError", "ApiTimeoutError", "AuthenticationError", "BadRequestError",
        "ConflictError", "InvalidIdError", "InvalidResponseError", "NotFoundError", "PermissionDeniedError",
        "RateLimitedError", "ServerError",
    ),
    "token_desk.api.ids": ("is_uuid",),
    "token_desk.api.models": (
        "EXPIRES_SOON_WINDOW", "NEVER_EXPIRES_SENTINEL", "CreatedToken", "Database", "ModelError", "Permission",
        "Token", "TokenKind", "TokenStatus", "format_timestamp", "parse_timestamp",
    ),
    "token_desk.api.retry": ("DEFAULT_RETRY_POLICY", "RetryPolicy", "default_timeout"),
    "token_desk.api.service": ("InfluxctlService", "RestWithInfluxctlService", "TokenService"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = list(_HOME_OF)


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
