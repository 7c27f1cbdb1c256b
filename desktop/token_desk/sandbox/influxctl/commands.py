"""The documented influxctl subcommands, over the sandbox's REST API."""

from __future__ import annotations

import sys
from collections.abc import Callable

from token_desk.sandbox.influxctl import render
from token_desk.sandbox.influxctl.remote import Remote, RemoteError
from token_desk.sandbox.influxctl.usage import UsageError

SORT_KEYS = {"created": "createdAt", "id": "id", "description": "description", "prefix": "tokenPrefix",
             "expires": "expiresAt", "revoked": "revokedAt"}


class Options:
    """One subcommand's flags (`--name value`, `--name=value`, repeatable ones, booleans) and positionals."""

    def __init__(self, words: list[str], values: tuple[str, ...] = (), repeated: tuple[str, ...] = (),
                 switches: tuple[str, ...] = ()) -> None:
        self.values: dict[str, str] = {}
        self.repeated: dict[str, list[str]] = {name: [] for name in repeated}
        self.switches: set[str] = set()
        self.positional: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            name, _, inline = word.partition("=")
            if not word.startswith("--"):
                self.positional.append(word)
            elif name in switches:
                self.switches.add(name)
            elif name in values or name in repeated:
                value = inline if inline else (words[index + 1] if index + 1 < len(words) else None)
                if value is None:
                    raise UsageError(f"flag needs an argument: {name}")
                if name in repeated:
                    self.repeated[name].append(value)
                else:
                    self.values[name] = value
                index += 0 if inline else 1
            else:
                raise UsageError(f"flag provided but not defined: {name}")
            index += 1

    def output_format(self) -> str:
        chosen = self.values.get("--format", "table")
        if chosen not in ("table", "json"):
            raise UsageError(f"invalid value {chosen!r} for flag --format")
        return chosen


def dispatch(connect: Callable[[], Remote], words: list[str]) -> int:
    """Run a subcommand; `connect` signs in only once its flags have been accepted, as influxctl does."""
    handlers: dict[tuple[str, str], Callable[[Remote, list[str]], int]] = {
        ("management", "list"): management_list, ("management", "create"): management_create,
        ("management", "revoke"): management_revoke, ("token", "list"): token_list,
        ("token", "create"): token_create, ("token", "update"): token_update, ("token", "revoke"): token_revoke,
        ("database", "list"): database_list, ("cluster", "list"): cluster_list, ("cluster", "get"): cluster_get,
    }
    handler = handlers.get(tuple(words[:2]))
    if handler is None:
        raise UsageError(f"unknown command {' '.join(words[:2])!r}")
    return handler(_Lazy(connect), words[2:])


class _Lazy:
    """Connects on the first call, after the subcommand's flags were parsed."""

    def __init__(self, connect: Callable[[], Remote]) -> None:
        self._connect, self._remote = connect, None

    def call(self, method: str, path: str, body: dict | None = None):
        return self._connected().call(method, path, body)

    def _connected(self) -> Remote:
        if self._remote is None:
            self._remote = self._connect()
        return self._remote

    def clusters(self) -> list[dict]:
        return self._connected().clusters()

    @property
    def account_id(self) -> str:
        return self._connected().account_id

    @property
    def cluster_id(self) -> str:
        return self._connected().cluster_id


def management_list(remote: Remote, words: list[str]) -> int:
    options = Options(words, values=("--format", "--sort"))
    records = remote.call("GET", "/managementTokens")
    sort = options.values.get("--sort", "created")
    if sort not in SORT_KEYS:
        raise UsageError(f"invalid value {sort!r} for flag --sort")
    records.sort(key=lambda record: (record.get(SORT_KEYS[sort]) is None, record.get(SORT_KEYS[sort]) or ""))
    if options.output_format() == "json":
        print(render.dumps([render.management_json(record) for record in records]))
    else:
        print(render.table(render.MANAGEMENT_HEADER, render.management_rows(records)))
    return 0


def management_create(remote: Remote, words: list[str]) -> int:
    options = Options(words, values=("--description", "--expires-at", "--format"))
    body = {"description": options.values.get("--description", "")}
    if "--expires-at" in options.values:
        body["expiresAt"] = options.values["--expires-at"]
    return _print_created(remote.call("POST", "/managementTokens", body), options.output_format())


def management_revoke(remote: Remote, words: list[str]) -> int:
    return _revoke(remote, words, "/managementTokens", "management token")


def token_list(remote: Remote, words: list[str]) -> int:
    options = Options(words, values=("--format",), switches=("--include-revoked",))
    records = remote.call("GET", "/tokens")
    if "--include-revoked" not in options.switches:
        records = [record for record in records if not record.get("revokedAt")]
    if options.output_format() == "json":
        print(render.dumps([render.database_token_json(record) for record in records]))
    else:
        rows = [[r["id"], r["description"], ", ".join(f"{p['action']}:{p['resource']}" for p in r["permissions"])]
                for r in records]
        print(render.table(["ID", "DESCRIPTION", "PERMISSIONS"], rows))
    return 0


def token_create(remote: Remote, words: list[str]) -> int:
    options = Options(words, values=("--expires-at", "--format"), repeated=_DATABASE_FLAGS)
    body = {"description": " ".join(options.positional), "permissions": _permissions(options)}
    if "--expires-at" in options.values:
        body["expiresAt"] = options.values["--expires-at"]
    return _print_created(remote.call("POST", "/tokens", body), options.output_format())


def token_update(remote: Remote, words: list[str]) -> int:
    options = Options(words, repeated=_DATABASE_FLAGS)
    if len(options.positional) != 1:
        raise UsageError("token update takes exactly one TOKEN_ID")
    remote.call("PATCH", f"/tokens/{options.positional[0]}", {"permissions": _permissions(options)})
    print(f"token {options.positional[0]} updated")
    return 0


def token_revoke(remote: Remote, words: list[str]) -> int:
    return _revoke(remote, words, "/tokens", "database token")


def database_list(remote: Remote, words: list[str]) -> int:
    options = Options(words, values=("--format",))
    records = remote.call("GET", "/databases")
    if options.output_format() == "json":
        print(render.dumps([render.database_json(record, remote.account_id, remote.cluster_id) for record in records]))
    else:
        rows = [[r["name"], str(r["maxTables"]), str(r["maxColumnsPerTable"]), str(r["retentionPeriod"])]
                for r in records]
        print(render.table(["DATABASE NAME", "MAX TABLES", "MAX COLUMNS PER TABLE", "RETENTION PERIOD NS"], rows))
    return 0


def cluster_list(remote: Remote, words: list[str]) -> int:
    options = Options(words, values=("--format",))
    if options.positional:
        raise UsageError("cluster list takes no arguments")
    return _print_clusters(remote.clusters(), options.output_format(), as_list=True)


def cluster_get(remote: Remote, words: list[str]) -> int:
    """One cluster by ID; its JSON is one object (the shape `cluster get` prints is not documented)."""
    options = Options(words, values=("--format",))
    if len(options.positional) != 1:
        raise UsageError("cluster get takes exactly one CLUSTER_ID")
    wanted = options.positional[0].lower()
    found = [record for record in remote.clusters() if record["id"] == wanted]
    if not found:
        raise RemoteError("NotFound", f"cluster {options.positional[0]} not found")
    return _print_clusters(found, options.output_format(), as_list=False)


def _print_clusters(records: list[dict], output_format: str, *, as_list: bool) -> int:
    if output_format == "json":
        items = [render.cluster_json(record) for record in records]
        print(render.dumps(items if as_list else items[0]))
    else:
        print(render.table(render.CLUSTER_HEADER, render.cluster_rows(records)))
    return 0


_DATABASE_FLAGS = ("--read-database", "--write-database")


def _permissions(options: Options) -> list[dict[str, str]]:
    return [{"action": action, "resource": name} for flag, action in (("--read-database", "read"),
            ("--write-database", "write")) for name in options.repeated[flag]]


def _print_created(created: dict, output_format: str) -> int:
    """The table, the two warnings on the log stream, then the secret alone on the last line."""
    secret = created["accessToken"]
    if output_format == "json":
        print(render.dumps({"id": created["id"], "description": created["description"], "token": secret}))
        return 0
    print(render.key_value_table([("id", created["id"]), ("description", created["description"]),
                                  ("expires at", render.table_time(created.get("expiresAt"))),
                                  ("revoked at", render.table_time(created.get("revokedAt")))]), flush=True)
    print("warn\tplease copy the token and store in a safe place", file=sys.stderr)
    print("warn\tthis is the *only time* you will see the token", file=sys.stderr, flush=True)
    print(secret, flush=True)
    return 0


def _revoke(remote: Remote, words: list[str], collection: str, noun: str) -> int:
    """Asks on the terminal without --force; goes on with the other IDs after an error (2.9.8+)."""
    options = Options(words, switches=("--force",))
    if not options.positional:
        raise UsageError("at least one TOKEN_ID is required")
    if "--force" not in options.switches and not _confirmed(len(options.positional), noun):
        print("error\taborted: revoking was not confirmed", file=sys.stderr)
        return 1
    failures = 0
    for token_id in options.positional:
        try:
            remote.call("DELETE", f"{collection}/{token_id}")
            print(f"revoked {noun} {token_id}")
        except RemoteError as err:
            failures += 1
            print(f"error\tfailed to revoke {noun} {token_id}: rpc error: code = {err.code} desc = {err}",
                  file=sys.stderr)
    return 1 if failures else 0


def _confirmed(count: int, noun: str) -> bool:
    print(f"Are you sure you want to revoke {count} {noun}(s)? This cannot be undone. [y/N]: ", end="", flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes")
