"""The documented commands over the stand-in's world (stdlib only)."""

from __future__ import annotations

import copy
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import standin_state as state
from standin_flags import FlagSpec, Parsed
from standin_output import key_value_table, log, print_json, rfc3339, table
from standin_world import Context

SORT_KEYS = {"created": "created_at", "id": "id", "description": "description", "prefix": "token_prefix",
             "expires": "expires_at", "revoked": "revoked_at"}


class CommandError(Exception):
    """A failure of the command: `error<TAB>message` and exit 1."""


@dataclass(frozen=True)
class Handler:
    flags: FlagSpec
    run: Callable[[Context, Parsed], int]


# What the release notes say each version added: older ones do not know it (Go: "flag provided but not defined").
COMMAND_SINCE = {("token", "revoke"): (2, 10, 0)}  # 2.10.0 renamed `token delete`, which stays an alias
FLAG_SINCE = {("token", "list", "include-revoked"): (2, 10, 0), ("token", "create", "expires-at"): (2, 10, 0)}


def lookup(command: str, sub: list[str], context: Context) -> Handler | None:
    if command == "management" and not context.at_least(2, 6, 0):
        return None
    key = (command, sub[0] if sub else "")
    if not context.at_least(*COMMAND_SINCE.get(key, (0, 0, 0))):
        return None
    handler = HANDLERS.get(key)
    if handler is None:
        return None
    unknown = {flag for (*owner, flag), since in FLAG_SINCE.items() if tuple(owner) == key
               and not context.at_least(*since)}
    return Handler(FlagSpec(handler.flags.booleans - unknown, handler.flags.values - unknown,
                            handler.flags.repeated - unknown), handler.run)


def run_guarded(function: Callable[[Context, Parsed], int]) -> Callable[[Context, Parsed], int]:
    def run(context: Context, parsed: Parsed) -> int:
        try:
            return function(context, parsed)
        except CommandError as error:
            log("error", str(error))
            return 1
    return run


def _now() -> dict[str, int]:
    now = time.time_ns()
    return state.timestamp(now // 1_000_000_000, now % 1_000_000_000)


def _format(parsed: Parsed) -> str:
    chosen = str(parsed.flags.get("format", "table"))
    if chosen not in ("table", "json"):
        raise CommandError(f'invalid format "{chosen}": must be table or json')
    return chosen


def _public(context: Context, records: list[dict]) -> list[dict] | None:
    """What goes out as JSON: copies, with unknown fields in the extra-fields mode; None for Go's nil slice."""
    records = copy.deepcopy(records)
    if "extra-fields" in context.modes:
        for record in records:
            record.update({"labels": {"team": "ops"}, "last_used_at": {"seconds": 1700000000}, "zz_future": [1]})
            for permission in record.get("permissions", []):
                permission["scope"] = "cluster"
    if not records and "null-empty" in context.modes:
        return None
    return records


def management_list(context: Context, parsed: Parsed) -> int:
    output = _format(parsed)
    key = SORT_KEYS.get(str(parsed.flags.get("sort", "created")))
    if key is None:
        raise CommandError(f'invalid sort "{parsed.flags["sort"]}"')
    records = [entry["record"] for entry in state.read(context.state_path)["management_tokens"]]
    records.sort(key=lambda record: _sort_value(record.get(key)))
    if output == "json":
        print_json(_public(context, records))
        return 0
    rows = [[r["id"], r.get("description", ""), r.get("token_prefix", ""), rfc3339(r.get("created_at")),
             rfc3339(r.get("expires_at")), rfc3339(r.get("revoked_at"), empty="")] for r in records]
    sys.stdout.write(table(["ID", "DESCRIPTION", "PREFIX", "CREATED AT", "EXPIRES AT", "REVOKED AT"], rows))
    return 0


def _sort_value(value: object) -> tuple:
    if isinstance(value, dict):
        return (0, value["seconds"], value.get("nanos", 0))
    return (1 if value is None else 0, str(value or ""))


def _expiry(parsed: Parsed) -> dict | None:
    text = parsed.flags.get("expires-at")
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(f'invalid --expires-at "{text}": must be RFC3339') from None
    if moment.tzinfo is None:
        raise CommandError(f'invalid --expires-at "{text}": must be RFC3339 with a time zone')
    return state.timestamp(int(moment.timestamp()))


def management_create(context: Context, parsed: Parsed) -> int:
    output = _format(parsed)
    description = parsed.flags.get("description")
    if description == "" and context.at_least(2, 10, 0):
        raise CommandError("description must not be empty")
    expires = _expiry(parsed)
    with state.changing(context.state_path) as world:
        token_id, secret = state.add_management_token(
            world, str(description or ""), created=_now(), expires=expires,
            created_by=context.authenticated_by or None)
        record = state.find(world, "management", token_id)["record"]
    _print_created(context, output, record, secret, [("description", record["description"])])
    return 0


def _print_created(context: Context, output: str, record: dict, secret: str,
                   middle: list[tuple[str, str]]) -> None:
    """The documented create output: (2.11+) a key/value table, two warn lines, the secret alone last."""
    if output == "json":
        print_json({**_public(context, [record])[0], "token": secret})
        return
    if context.at_least(2, 11, 0):
        pairs = [("id", record["id"]), *middle, ("expires at", rfc3339(record.get("expires_at"))),
                 ("revoked at", "")]
        sys.stdout.write(key_value_table(pairs))
        sys.stdout.flush()
    log("warn", "please copy the token and store in a safe place")
    log("warn", "this is the *only time* you will see the token")
    sys.stdout.write(secret + "\n")


def _revoke(kind: str) -> Callable[[Context, Parsed], int]:
    def revoke(context: Context, parsed: Parsed) -> int:
        if not parsed.rest:
            raise CommandError("at least one token ID is required")
        if not parsed.flags.get("force") and not _confirmed(kind, parsed.rest):
            raise CommandError("revoke cancelled")
        failures = sum(not _revoke_one(context, kind, token_id) for token_id in parsed.rest)
        return 1 if failures else 0
    return revoke


def _confirmed(kind: str, ids: list[str]) -> bool:
    """Asks on the terminal, as influxctl does without --force; end of input is a no."""
    sys.stderr.write(f"Are you sure you want to revoke {kind} token(s) {', '.join(ids)}? (y/N): ")
    sys.stderr.flush()
    answer = sys.stdin.readline() if sys.stdin else ""
    return answer.strip().lower() in ("y", "yes")


def _revoke_one(context: Context, kind: str, token_id: str) -> bool:
    with state.changing(context.state_path) as world:
        entry = state.find(world, kind, token_id)
        if entry is None:
            log("error", f'rpc error: code = NotFound desc = {kind} token "{token_id}" not found')
            return False
        if "revoked_at" in entry["record"]:
            if "revoke-again-fails" in context.modes:
                log("error", f'rpc error: code = FailedPrecondition desc = token "{token_id}" is already revoked')
                return False
        else:
            entry["record"]["revoked_at"] = _now()
    sys.stdout.write(f"successfully revoked {kind} token {token_id}\n")
    return True


def token_list(context: Context, parsed: Parsed) -> int:
    output = _format(parsed)
    world = state.read(context.state_path)
    records = [entry["record"] for entry in world["database_tokens"]
               if parsed.flags.get("include-revoked") or "revoked_at" not in entry["record"]]
    if "minimal-token-fields" in context.modes:
        documented = ("account_id", "cluster_id", "id", "description", "permissions")
        records = [{key: record[key] for key in documented if key in record} for record in records]
    if output == "json":
        print_json(_public(context, records))
        return 0
    rows = [[r["id"], r.get("description", ""), _permission_text(r.get("permissions", []))] for r in records]
    sys.stdout.write(table(["ID", "DESCRIPTION", "PERMISSIONS"], rows))
    return 0


def _permission_text(permissions: list[dict]) -> str:
    return ", ".join(f"{item['action']}:{item['resource']}" for item in permissions)


def _requested_permissions(parsed: Parsed) -> list[tuple[str, str]]:
    return ([("read", name) for name in parsed.flags.get("read-database", [])]
            + [("write", name) for name in parsed.flags.get("write-database", [])])


def token_create(context: Context, parsed: Parsed) -> int:
    output = _format(parsed)
    if len(parsed.rest) != 1:
        raise CommandError("token create takes exactly one argument: the description")
    expires = _expiry(parsed)
    with state.changing(context.state_path) as world:
        token_id, secret = state.add_database_token(world, parsed.rest[0], _requested_permissions(parsed),
                                                    created=_now())
        record = state.find(world, "database", token_id)["record"]
        if expires is not None:
            record["expires_at"] = expires
    middle = [("description", record["description"]), ("permissions", _permission_text(record["permissions"]))]
    _print_created(context, output, record, secret, middle)
    return 0


def token_update(context: Context, parsed: Parsed) -> int:
    if len(parsed.rest) != 1:
        raise CommandError("token update takes exactly one argument: the token ID")
    with state.changing(context.state_path) as world:
        entry = state.find(world, "database", parsed.rest[0])
        if entry is None:
            raise CommandError(f'rpc error: code = NotFound desc = database token "{parsed.rest[0]}" not found')
        entry["record"]["permissions"] = state.permission_items(_requested_permissions(parsed))
        record = entry["record"]
    sys.stdout.write(key_value_table([("id", record["id"]), ("description", record.get("description", "")),
                                      ("permissions", _permission_text(record["permissions"]))]))
    return 0


def database_list(context: Context, parsed: Parsed) -> int:
    output = _format(parsed)
    databases = state.read(context.state_path)["databases"]
    if output == "json":
        print_json(_public(context, databases))
        return 0
    rows = [[d["database_name"], str(d["retention_period_ns"]), str(d["max_tables"]),
             str(d["max_columns_per_table"])] for d in databases]
    sys.stdout.write(table(["DATABASE NAME", "RETENTION PERIOD NS", "MAX TABLES", "MAX COLUMNS PER TABLE"], rows))
    return 0


_FORMAT = frozenset({"format"})
_PERMISSIONS = frozenset({"read-database", "write-database"})
HANDLERS = {
    ("management", "list"): Handler(FlagSpec(values=_FORMAT | {"sort"}), run_guarded(management_list)),
    ("management", "create"): Handler(FlagSpec(values=_FORMAT | {"description", "expires-at"}),
                                      run_guarded(management_create)),
    ("management", "revoke"): Handler(FlagSpec(booleans=frozenset({"force"})), run_guarded(_revoke("management"))),
    ("token", "list"): Handler(FlagSpec(booleans=frozenset({"include-revoked"}), values=_FORMAT),
                               run_guarded(token_list)),
    ("token", "revoke"): Handler(FlagSpec(booleans=frozenset({"force"})), run_guarded(_revoke("database"))),
    ("token", "delete"): Handler(FlagSpec(booleans=frozenset({"force"})), run_guarded(_revoke("database"))),
    ("token", "create"): Handler(FlagSpec(values=_FORMAT | {"expires-at"}, repeated=_PERMISSIONS),
                                 run_guarded(token_create)),
    ("token", "update"): Handler(FlagSpec(repeated=_PERMISSIONS), run_guarded(token_update)),
    ("database", "list"): Handler(FlagSpec(values=_FORMAT), run_guarded(database_list)),
}
