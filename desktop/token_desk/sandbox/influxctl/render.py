"""influxctl's output formats: snake_case JSON with {seconds, nanos} times, and ASCII tables."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

NEVER_IN_TABLES = "1970-01-01T00:00:00Z"


def stamp(text: str | None) -> dict[str, int] | None:
    """An RFC 3339 time as {"seconds": N, "nanos": N}; `nanos` left out when zero, as Go's omitempty does."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    fraction = text.split(".", 1)[1].rstrip("Z").split("+")[0].split("-")[0] if "." in text else ""
    nanos = int((fraction + "000000000")[:9]) if fraction else 0
    result = {"seconds": int(moment.replace(microsecond=0).timestamp())}
    if nanos:
        result["nanos"] = nanos
    return result


def table_time(text: str | None) -> str:
    if text is None:
        return ""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def management_json(record: dict[str, Any]) -> dict[str, Any]:
    """A REST management token as `management list --format json` prints it (no cluster_id)."""
    item: dict[str, Any] = {"id": record["id"], "account_id": record["accountId"],
                            "token_prefix": record["tokenPrefix"]}
    if record.get("revokedAt"):
        item["revoked_at"] = stamp(record["revokedAt"])
    if record.get("expiresAt"):
        item["expires_at"] = stamp(record["expiresAt"])
    item["created_at"] = stamp(record["createdAt"])
    item["description"] = record["description"]
    if record.get("createdBy"):
        item["created_by"] = record["createdBy"]
    return item


ZERO_ID = "00000000-0000-0000-0000-000000000000"


def database_token_json(record: dict[str, Any]) -> dict[str, Any]:
    """A REST database token as `token list --format json` prints it: exactly the documented keys."""
    return {"account_id": record["accountId"], "cluster_id": record["clusterId"], "id": record["id"],
            "description": record["description"],
            "permissions": [{"id": ZERO_ID, "action": p["action"], "resource": p["resource"]}
                            for p in record.get("permissions", [])]}


def database_json(record: dict[str, Any], account_id: str, cluster_id: str) -> dict[str, Any]:
    return {"account_id": account_id, "cluster_id": cluster_id, "database_name": record["name"],
            "retention_period_ns": record["retentionPeriod"], "max_tables": record["maxTables"],
            "max_columns_per_table": record["maxColumnsPerTable"]}


def dumps(items: Any) -> str:
    return json.dumps(items, indent=2, ensure_ascii=False)


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(header[i])] + [len(row[i]) for row in rows]) for i in range(len(header))]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([rule, line(header), rule, *[line(row) for row in rows], rule])


def key_value_table(pairs: list[tuple[str, str]]) -> str:
    """`management create`'s table: keys right-aligned, no header row."""
    key_width = max(len(key) for key, _ in pairs)
    value_width = max(len(value) for _, value in pairs)
    rule = f"+{'-' * (key_width + 2)}+{'-' * (value_width + 2)}+"
    lines = [f"| {key.rjust(key_width)} | {value.ljust(value_width)} |" for key, value in pairs]
    return "\n".join([rule, *lines, rule])


def management_rows(records: list[dict[str, Any]]) -> list[list[str]]:
    return [[r["id"], r["description"], r["tokenPrefix"], table_time(r["createdAt"]),
             table_time(r.get("expiresAt")) or NEVER_IN_TABLES, table_time(r.get("revokedAt"))] for r in records]


MANAGEMENT_HEADER = ["ID", "DESCRIPTION", "PREFIX", "CREATED AT", "EXPIRES AT", "REVOKED AT"]


CLUSTER_HEADER = ["ID", "NAME", "STATE", "URL"]
CATEGORY_DEDICATED = 1  # the documented example's `category`; its meaning is not documented


def cluster_json(record: dict[str, Any]) -> dict[str, Any]:
    """A cluster as `cluster list --format json` prints it (INFLUXCTL.md's example, key for key)."""
    return {"account_id": record["accountId"], "cluster_id": record["id"], "name": record["name"],
            "url": record["url"], "state": record["state"], "created_at": stamp(record["createdAt"]),
            "category": CATEGORY_DEDICATED}


def cluster_rows(records: list[dict[str, Any]]) -> list[list[str]]:
    return [[r["id"], r["name"], r["state"], r["url"]] for r in records]
