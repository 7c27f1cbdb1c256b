"""The documented paths and methods, and nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass

BASE_PATH = "/api/v0"
_SEGMENT = "([^/]+)"
_CLUSTER = f"/accounts/{_SEGMENT}/clusters/{_SEGMENT}"


@dataclass(frozen=True, slots=True)
class Route:
    pattern: re.Pattern[str]
    kind: str | None  # "management"/"database" for token routes; DELETEs are counted per kind
    operations: dict[str, str]  # HTTP method -> Service method name
    # Methods whose operation documents no 404: another account or cluster is refused with 403 there.
    no_404: frozenset[str] = frozenset()


ROUTES = (
    Route(re.compile(f"{_CLUSTER}/managementTokens"), None,
          {"GET": "list_management_tokens", "POST": "create_management_token"}, frozenset({"POST"})),
    Route(re.compile(f"{_CLUSTER}/managementTokens/{_SEGMENT}"), "management",
          {"GET": "get_management_token", "DELETE": "revoke_management_token"}),
    Route(re.compile(f"{_CLUSTER}/tokens"), None,
          {"GET": "list_database_tokens", "POST": "create_database_token"}),
    Route(re.compile(f"{_CLUSTER}/tokens/{_SEGMENT}"), "database",
          {"GET": "get_database_token", "PATCH": "update_database_token", "DELETE": "revoke_database_token"}),
    Route(re.compile(f"{_CLUSTER}/databases"), None,
          {"GET": "list_databases", "POST": "create_database"}),
)


def match(path: str) -> tuple[Route, tuple[str, ...]] | None:
    """The route for a path (query string already removed) and its path segments."""
    if not path.startswith(BASE_PATH + "/"):
        return None
    rest = path[len(BASE_PATH):]
    for route in ROUTES:
        found = route.pattern.fullmatch(rest)
        if found:
            return route, found.groups()
    return None
