"""The stand-in's management commands print what INFLUXCTL.md documents, and fail as it documents."""

from __future__ import annotations

import json
import re

from tests.influxctl_standin.conftest import SECRET

DOCUMENTED_KEYS = {"id", "account_id", "token_prefix", "revoked_at", "expires_at", "created_at", "description",
                   "created_by"}


def test_list_json_has_exactly_the_documented_keys_revoked_included_no_cluster_id(influxctl, seeded):
    result = influxctl("management", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert {item["id"] for item in items} >= {seeded.revoked_id, seeded.sign_in_id}
    assert all(set(item) <= DOCUMENTED_KEYS and "cluster_id" not in item for item in items)
    never = next(item for item in items if item["id"] == seeded.never_expires_id)
    assert "expires_at" not in never and "revoked_at" not in never
    expiring = next(item for item in items if item["id"] == seeded.expiring_id)
    assert set(expiring["created_at"]) == {"seconds"} and set(expiring["expires_at"]) == {"seconds"}
    revoked = next(item for item in items if item["id"] == seeded.revoked_id)
    assert set(revoked["revoked_at"]) == {"seconds", "nanos"}


def test_list_table_is_the_default_and_prints_1970_for_never(influxctl, seeded):
    result = influxctl("management", "list")
    assert result.returncode == 0
    assert result.stdout.startswith("+---") and "| ID " in result.stdout
    row = next(line for line in result.stdout.splitlines() if seeded.never_expires_id in line)
    assert "1970-01-01T00:00:00Z" in row


def test_wrong_management_token_is_an_error_line_and_exit_1(influxctl, standin, tmp_path):
    wrong = standin.config_file(tmp_path / "wrong.toml", token="M.V1.not-the-right-one")
    result = influxctl("management", "list", "--format", "json", global_flags=("--config", str(wrong)))
    assert result.returncode == 1 and result.stdout == ""
    assert re.fullmatch(r"error\t.+\n", result.stderr)


def test_revoke_with_force_revokes_and_unknown_id_fails(influxctl, standin, seeded):
    result = influxctl("management", "revoke", "--force", seeded.never_expires_id)
    assert result.returncode == 0, result.stderr
    assert "revoked_at" in standin.record("management", seeded.never_expires_id)
    unknown = influxctl("management", "revoke", "--force", "00000000-0000-4000-8000-000000000000")
    assert unknown.returncode == 1 and unknown.stderr.startswith("error\t")


def test_revoke_without_force_asks_and_end_of_input_is_no(influxctl, standin, seeded):
    result = influxctl("management", "revoke", seeded.never_expires_id, stdin="")
    assert result.returncode == 1 and "Are you sure" in result.stderr
    assert "revoked_at" not in standin.record("management", seeded.never_expires_id)
    agreed = influxctl("management", "revoke", seeded.never_expires_id, stdin="y\n")
    assert agreed.returncode == 0 and "revoked_at" in standin.record("management", seeded.never_expires_id)


def test_revoke_goes_on_after_an_error_and_exits_1(influxctl, standin, seeded):
    result = influxctl("management", "revoke", "--force", "missing-id", seeded.expiring_id)
    assert result.returncode == 1
    assert "revoked_at" in standin.record("management", seeded.expiring_id)


def test_revoking_the_signed_in_token_signs_out_later_calls(influxctl, seeded):
    assert influxctl("management", "revoke", "--force", seeded.sign_in_id).returncode == 0
    assert influxctl("management", "list", "--format", "json").returncode == 1


def test_create_211_prints_table_warns_on_stderr_and_the_secret_last(influxctl, standin):
    result = influxctl("management", "create", "--description", "Example Token", "--expires-at",
                       "2030-10-24T00:00:00Z")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("+---") and any(re.match(r"\|\s+id \| ", line) for line in lines)
    assert "|  expires at | 2030-10-24T00:00:00Z" in result.stdout
    assert lines[-1].startswith("M.V1.") and "|" not in lines[-1]
    assert result.stderr.splitlines() == ["warn\tplease copy the token and store in a safe place",
                                          "warn\tthis is the *only time* you will see the token"]
    created = [item for item in standin.read()["management_tokens"]
               if item["record"]["description"] == "Example Token"]
    assert len(created) == 1 and SECRET not in standin.state_path.read_text()


def test_create_before_211_prints_only_the_secret(influxctl):
    result = influxctl("management", "create", "--description", "Old style", version="2.10.0")
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("M.V1.")
    assert result.stderr.count("warn\t") == 2


def test_create_refuses_an_empty_description(influxctl):
    result = influxctl("management", "create", "--description", "")
    assert result.returncode == 1 and result.stderr.startswith("error\t")


def test_too_old_version_has_no_management_commands(influxctl):
    assert "2.5.0" in influxctl("version", version="2.5.0").stdout
    result = influxctl("management", "list", "--format", "json", version="2.5.0")
    assert result.returncode != 0 and "management" in result.stderr
