"""Management tokens end to end: the app's token service, influxctl (the sandbox's emulator, real
processes) and the sandbox's SQLite as the judge."""

from __future__ import annotations

import pytest

from token_desk.api import errors
from token_desk.api.connect import influxctl_profile_service, management_token_service
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.models import TokenKind
from token_desk.revocation import revoke_tokens

MISSING_ID = "99999999-9999-4999-8999-999999999999"


def test_lists_match_the_servers_records_and_one_is_the_token_in_use(client, sandbox):
    management = client.list_tokens(TokenKind.MANAGEMENT)
    assert {token.id for token in management} == {row["id"] for row in sandbox.state.management_tokens()}
    assert sum(client.is_signed_in_with(token) for token in management) == 1
    revoked = {row["id"]: row.get("revokedAt") for row in sandbox.state.management_tokens()}
    assert {token.id for token in management if token.revoked_at} == {key for key, value in revoked.items() if value}


def test_management_token_round_trip(client, sandbox):
    created = client.create_management_token("automation")
    assert created.access_token.startswith("M.V1.")
    assert client.get_token(TokenKind.MANAGEMENT, created.token.id).description == "automation"
    assert sandbox.state.management_token(created.token.id)["description"] == "automation"
    (outcome,) = revoke_tokens(client, [created.token]).outcomes
    assert outcome.succeeded and outcome.revoked.revoked_at is not None
    assert sandbox.state.management_token(created.token.id)["revokedAt"]


def test_an_unknown_token_is_not_found(client):
    with pytest.raises(errors.NotFoundError):
        client.get_token(TokenKind.MANAGEMENT, MISSING_ID)
    with pytest.raises(errors.NotFoundError):
        client.revoke_token(TokenKind.MANAGEMENT, MISSING_ID)


def test_a_wrong_secret_is_rejected_without_showing_it(sandbox):
    service = management_token_service(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                       "M.V1.wrong-secret-0123456789", InfluxctlProgram(sandbox.influxctl_command))
    with pytest.raises(errors.AuthenticationError) as caught:
        service.list_tokens(TokenKind.MANAGEMENT)
    assert "wrong-secret" not in str(caught.value) + repr(caught.value) + caught.value.details


def test_revoking_the_token_in_use_signs_the_service_out(client):
    mine = next(token for token in client.list_tokens(TokenKind.MANAGEMENT) if client.is_signed_in_with(token))
    report = revoke_tokens(client, [mine])
    assert report.signed_out
    with pytest.raises(errors.AuthenticationError):
        client.list_tokens(TokenKind.MANAGEMENT)


def test_an_influxctl_profile_serves_database_tokens_without_the_fields_the_cli_does_not_print(sandbox, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[[profile]]\nname = "default"\nproduct = "dedicated"\naccount_id = "{sandbox.account_id}"\n'
                      f'cluster_id = "{sandbox.cluster_id}"\nmgmt_token = "{sandbox.management_token}"\n')
    service = influxctl_profile_service(InfluxctlProgram(sandbox.influxctl_command), str(config), "default")
    tokens = service.list_tokens(TokenKind.DATABASE)
    assert {token.id for token in tokens} == {row["id"] for row in sandbox.state.database_tokens()}
    assert all(token.created_at is None and token.permissions is not None for token in tokens)
    victim = next(token for token in tokens if not sandbox.state.database_token(token.id).get("revokedAt"))
    service.revoke_token(TokenKind.DATABASE, victim.id)
    assert sandbox.state.database_token(victim.id)["revokedAt"]
    assert {database.name for database in service.list_databases()} == {
        row["name"] for row in sandbox.state.databases()}
