"""The Management API layer: typed client, models and errors. No Qt here.

The names below are re-exported lazily (PEP 562): importing `token_desk.api.ids` or `.errors`, as the start-up
path does, must not import the client and with it httpx, which only a request needs (on a worker thread)."""

from __future__ import annotations

from token_desk.lazy_exports import lazy_exports

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
__all__ = [name for names in _HOMES.values() for name in names]
__getattr__, __dir__ = lazy_exports(globals(), _HOMES)
