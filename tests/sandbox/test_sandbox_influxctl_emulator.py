"""The sandbox's influxctl emulator speaks exactly what INFLUXCTL.md documents, over the sandbox's data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from token_desk.sandbox import Sandbox

MANAGEMENT_KEYS = {"id": str, "account_id": str, "token_prefix": str, "description": str, "created_by": str,
                   "created_at": dict, "expires_at": dict, "revoked_at": dict}
DATABASE_TOKEN_KEYS = {"account_id": str, "cluster_id": str, "id": str, "description": str, "permissions": list}
DATABASE_KEYS = {"account_id": str, "cluster_id": str, "database_name": str, "retention_period_ns": int,
                 "max_tables": int, "max_columns_per_table": int}


def write_config(folder: Path, sandbox: Sandbox, token: str | None) -> Path:
    path = folder / "config.toml"
    lines = ['[[profile]]', '  name = "default"', '  product = "dedicated"',
             f'  account_id = "{sandbox.account_id}"', f'  cluster_id = "{sandbox.cluster_id}"']
    if token is not None:
        lines.append(f'  mgmt_token = "{token}"')
    path.write_text("\n".join(lines) + "\n")
    return path


def emulate(sandbox: Sandbox, config: Path, *words: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([*sandbox.influxctl_command, "--config", str(config), *words], input=stdin,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def config(tmp_path, sandbox) -> Path:
    return write_config(tmp_path, sandbox, sandbox.management_token)


def stamp_ok(value) -> bool:
    return set(value) <= {"seconds", "nanos"} and "seconds" in value and all(type(v) is int for v in value.values())


def test_management_list_json_has_exactly_the_documented_keys_and_types(sandbox, config):
    answer = emulate(sandbox, config, "management", "list", "--format", "json")
    items = json.loads(answer.stdout)
    assert answer.returncode == 0 and len(items) == len(sandbox.state.management_tokens())
    for item in items:
        assert set(item) <= set(MANAGEMENT_KEYS) and {"id", "created_at"} <= set(item)
        assert "cluster_id" not in item
        for key, value in item.items():
            assert isinstance(value, MANAGEMENT_KEYS[key]), key
            if MANAGEMENT_KEYS[key] is dict:
                assert stamp_ok(value), key
    assert any("revoked_at" in item for item in items) and any("expires_at" not in item for item in items)


def test_token_and_database_lists_have_exactly_the_documented_keys(sandbox, config):
    tokens = json.loads(emulate(sandbox, config, "token", "list", "--include-revoked", "--format", "json").stdout)
    assert len(tokens) == len(sandbox.state.database_tokens())
    for item in tokens:
        assert {key: type(value) for key, value in item.items()} == DATABASE_TOKEN_KEYS
        assert all(set(entry) == {"id", "action", "resource"} for entry in item["permissions"])
    active = json.loads(emulate(sandbox, config, "token", "list", "--format", "json").stdout)
    assert len(active) < len(tokens)  # revoked ones only with --include-revoked
    for item in json.loads(emulate(sandbox, config, "database", "list", "--format", "json").stdout):
        assert {key: type(value) for key, value in item.items()} == DATABASE_KEYS


def test_the_table_prints_the_zero_time_for_never(sandbox, config):
    table = emulate(sandbox, config, "management", "list").stdout
    assert table.splitlines()[1].split("|")[1:-1] == [
        f" {name.ljust(len(cell) - 2)} " for name, cell in
        zip(["ID", "DESCRIPTION", "PREFIX", "CREATED AT", "EXPIRES AT", "REVOKED AT"], table.splitlines()[1].split("|")[1:-1])]
    assert "1970-01-01T00:00:00Z" in table


def test_create_prints_the_table_the_warnings_and_then_the_secret(sandbox, config):
    answer = emulate(sandbox, config, "management", "create", "--description", "From the emulator")
    lines = answer.stdout.splitlines()
    assert lines[0].startswith("+") and "| description | From the emulator" in answer.stdout
    assert lines[-1].startswith("M.V1.")
    assert answer.stderr.splitlines() == ["warn\tplease copy the token and store in a safe place",
                                          "warn\tthis is the *only time* you will see the token"]
    assert any(t["description"] == "From the emulator" for t in sandbox.state.management_tokens())


def test_a_wrong_management_token_is_refused_with_an_error_line(tmp_path, sandbox):
    answer = emulate(sandbox, write_config(tmp_path, sandbox, "M.V1.wrong"), "management", "list")
    assert answer.returncode == 1
    assert answer.stderr.startswith("error\t") and "Unauthenticated" in answer.stderr


def test_revoke_asks_for_confirmation_without_force(sandbox, config):
    victim = next(t for t in sandbox.state.database_tokens() if not t.get("revokedAt"))
    refused = emulate(sandbox, config, "token", "revoke", victim["id"], stdin="n\n")
    assert refused.returncode == 1 and "[y/N]" in refused.stdout
    assert not sandbox.state.database_token(victim["id"]).get("revokedAt")
    confirmed = emulate(sandbox, config, "token", "revoke", victim["id"], stdin="y\n")
    assert confirmed.returncode == 0 and sandbox.state.database_token(victim["id"])["revokedAt"]


def test_global_flags_after_the_subcommand_are_refused_as_influxctl_does(sandbox, config):
    answer = subprocess.run([*sandbox.influxctl_command, "management", "list", "--config", str(config)],
                            capture_output=True, text=True, timeout=60)
    assert answer.returncode == 1 and "flag provided but not defined" in answer.stderr


def test_the_sandbox_prints_a_runnable_influxctl_line(tmp_path):
    import sys

    server = subprocess.Popen([sys.executable, "-m", "token_desk.sandbox", "--port", "0", "--quiet"],
                              stdout=subprocess.PIPE, text=True)
    try:
        lines = dict(server.stdout.readline().rstrip("\n").split(": ", 1) for _ in range(5))
        version = subprocess.run([lines["influxctl"], "version"], capture_output=True, text=True, timeout=60)
        assert version.returncode == 0 and version.stdout.startswith("influxctl 2.")
    finally:
        server.terminate()
        server.wait(30)


def test_version_answers_without_loading_the_http_stack_or_qt(sandbox):
    """The app asks `influxctl version` at every start, and in the demo and the self-test the emulator is the app
    itself in a new process (token-desk --influxctl-emulator), competing with the window's first paint: the answer
    must not pay for urllib's HTTP client (http.client, email, ssl, tempfile) or Qt, which it does not use."""
    probe = ("import sys\nfrom token_desk.__main__ import main\n"
             f"main(['--influxctl-emulator', '--server', {sandbox.url!r}, 'version'])\n"
             "print(sorted(m for m in ('urllib.request', 'http.client', 'ssl', 'PySide6') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    version, loaded = done.stdout.splitlines()
    assert version.startswith("influxctl ") and loaded == "[]"
