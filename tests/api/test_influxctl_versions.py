"""influxctl's release notes, against the independent stand-in pretending to be each older version.

INFLUXCTL.md: the global `--timeout` came in 2.9.7; `token revoke` (before: `token delete`, still an alias),
`token list --include-revoked` and `token create --expires-at` came in 2.10.0; Token Desk accepts 2.6.0 and
later, so every version in between must list, revoke and create, or say plainly what it cannot do.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.api.test_influxctl_against_standin import SECRET, make_standin, way_a, way_b
from tests.influxctl_standin.standin import private_home_and_tmp
from token_desk.api.errors import BadRequestError
from token_desk.api.models import Permission, TokenKind

EXPIRY = datetime(2031, 1, 2, tzinfo=timezone.utc)


@pytest.fixture
def home_and_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return private_home_and_tmp(tmp_path, monkeypatch)


def _argv_after_globals(call: dict, command: str) -> list[str]:
    argv = call["argv"]
    return argv[argv.index(command):]


@pytest.mark.parametrize(("version", "timeout_flag"), [("2.6.0", False), ("2.9.6", False), ("2.9.7", True)])
def test_management_tokens_work_with_every_accepted_version(home_and_tmp, monkeypatch, version, timeout_flag):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, version=version)
    bridge = way_a(standin)
    assert seeded.never_expires_id in {token.id for token in bridge.list_management_tokens()}
    bridge.revoke_management_token(seeded.never_expires_id)
    assert "revoked_at" in standin.record("management", seeded.never_expires_id)
    created = bridge.create_management_token("Nightly export", EXPIRY)
    assert created.token.description == "Nightly export" and created.token.expires_at == EXPIRY
    assert all(("--timeout" in call["argv"]) is timeout_flag for call in standin.calls())


def test_before_2_10_database_tokens_are_listed_deleted_and_created_without_the_newer_flags(
        home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, version="2.9.9")
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    listed = {token.id for token in bridge.list_tokens(TokenKind.DATABASE)}
    assert set(seeded.database_token_ids) <= listed
    token_id = seeded.database_token_ids[0]
    bridge.revoke_token(TokenKind.DATABASE, token_id)
    assert "revoked_at" in standin.record("database", token_id)
    assert _argv_after_globals(standin.calls()[-1], "token") == ["token", "delete", "--force", token_id]
    created = bridge.create_database_token("ingest", [Permission("write", "telemetry")])
    # Before 2.11.0 create prints only the secret, and `token list` has no prefix: the new token is the one
    # the list gained, with the stand-in's own ID.
    (record,) = [entry["record"] for entry in standin.read()["database_tokens"]
                 if entry["record"]["description"] == "ingest"]
    assert (created.token.id, created.token.description) == (record["id"], "ingest")
    assert created.access_token.startswith("apiv1_")


def test_before_2_10_an_expiry_on_a_database_token_is_refused_before_anything_is_created(home_and_tmp, monkeypatch):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, version="2.9.9")
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    with pytest.raises(BadRequestError) as caught:
        bridge.create_database_token("expiring ingest", [Permission("write", "telemetry")], EXPIRY)
    assert "2.10.0" in str(caught.value) and "2.9.9" in str(caught.value)
    assert all(entry["record"]["description"] != "expiring ingest" for entry in standin.read()["database_tokens"])
