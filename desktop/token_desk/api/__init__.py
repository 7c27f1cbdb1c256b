"""The Management API layer: typed client, models and errors. No Qt here."""

from token_desk.api.client import ManagementApiClient, error_for_response
from token_desk.api.errors import (
    ApiConnectionError, ApiError, ApiTimeoutError, AuthenticationError, BadRequestError, ConflictError,
    InvalidIdError, InvalidResponseError, NotFoundError, PermissionDeniedError, RateLimitedError, ServerError,
)
from token_desk.api.ids import is_uuid
from token_desk.api.models import (
    EXPIRES_SOON_WINDOW, NEVER_EXPIRES_SENTINEL, CreatedToken, Database, ModelError, Permission, Token,
    TokenKind, TokenStatus, format_timestamp, parse_timestamp,
)
from token_desk.api.retry import DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT, RetryPolicy
from token_desk.api.service import InfluxctlService, RestWithInfluxctlService, TokenService

__all__ = [
    "ManagementApiClient", "error_for_response",
    "ApiConnectionError", "ApiError", "ApiTimeoutError", "AuthenticationError", "BadRequestError", "ConflictError",
    "InvalidIdError", "InvalidResponseError", "NotFoundError", "PermissionDeniedError", "RateLimitedError",
    "ServerError",
    "is_uuid",
    "EXPIRES_SOON_WINDOW", "NEVER_EXPIRES_SENTINEL", "CreatedToken", "Database", "ModelError", "Permission", "Token",
    "TokenKind", "TokenStatus", "format_timestamp", "parse_timestamp",
    "DEFAULT_RETRY_POLICY", "DEFAULT_TIMEOUT", "RetryPolicy",
    "InfluxctlService", "RestWithInfluxctlService", "TokenService",
]
