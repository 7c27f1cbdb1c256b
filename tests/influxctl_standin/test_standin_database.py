"""The stand-in's database-token and database commands, as INFLUXCTL.md documents them."""

from __future__ import annotations

import json


def test_token_list_hides_revoked_unless_asked(influxctl, seeded):
    active = {item["id"] for item in json.loads(influxctl("token", "list", "--format", "json").stdout)}
    every = json.loads(influxctl("token", "list", "--format", "json", "--include-revoked").stdout)
    assert seeded.revoked_database_token_id not in active
    assert seeded.revoked_database_token_id in {item["id"] for item in every}
    assert all({"account_id", "cluster_id", "id", "description", "permissions"} <= set(item) for item in every)


def test_minimal_token_fields_mode_prints_the_documented_keys_only(influxctl):
    items = json.loads(influxctl("token", "list", "--format", "json", "--include-revoked",
                                 modes=("minimal-token-fields",)).stdout)
    assert all(set(item) == {"account_id", "cluster_id", "id", "description", "permissions"} for item in items)


def test_token_revoke_with_force(influxctl, standin, seeded):
    token_id = seeded.database_token_ids[0]
    assert influxctl("token", "revoke", "--force", token_id).returncode == 0
    assert "revoked_at" in standin.record("database", token_id)


def test_token_create_with_repeated_database_flags(influxctl, standin):
    result = influxctl("token", "create", "--read-database", "telemetry", "--read-database", "billing",
                       "--write-database", "telemetry", "ingest and dashboards")
    assert result.returncode == 0, result.stderr
    secret = result.stdout.splitlines()[-1]
    assert secret.startswith("apiv1_")
    created = next(entry["record"] for entry in standin.read()["database_tokens"]
                   if entry["record"]["description"] == "ingest and dashboards")
    assert [(item["action"], item["resource"]) for item in created["permissions"]] == [
        ("read", "telemetry"), ("read", "billing"), ("write", "telemetry")]


def test_token_update_replaces_permissions_and_has_no_description_flag(influxctl, standin, seeded):
    token_id = seeded.database_token_ids[0]
    assert influxctl("token", "update", "--read-database", "billing", token_id).returncode == 0
    assert [(p["action"], p["resource"]) for p in standin.record("database", token_id)["permissions"]] == [
        ("read", "billing")]
    refused = influxctl("token", "update", "--description", "x", token_id)
    assert refused.returncode == 1 and "not defined" in refused.stderr


def test_database_list_json(influxctl):
    items = json.loads(influxctl("database", "list", "--format", "json").stdout)
    assert {item["database_name"] for item in items} == {"telemetry", "billing"}
    assert set(items[0]) == {"account_id", "cluster_id", "database_name", "retention_period_ns", "max_tables",
                             "max_columns_per_table"}


def test_before_2_10_tokens_are_deleted_and_neither_include_revoked_nor_expires_at_exist(influxctl, standin, seeded):
    token_id = seeded.database_token_ids[0]
    assert influxctl("token", "revoke", "--force", token_id, version="2.9.9").returncode != 0
    assert influxctl("token", "list", "--include-revoked", version="2.9.9").returncode == 1
    refused = influxctl("token", "create", "--expires-at", "2030-01-01T00:00:00Z", "x", version="2.9.9")
    assert refused.returncode == 1 and "flag provided but not defined: -expires-at" in refused.stderr
    assert "revoked_at" not in standin.record("database", token_id)
    assert influxctl("token", "delete", "--force", token_id, version="2.9.9").returncode == 0
    assert "revoked_at" in standin.record("database", token_id)
