"""Tokens the API document allows but the app once refused, as a person reads them in the table: a permission
without its database or action reads as unknown (never as all databases, never as read or write), and a zero
revocation time (Go's zero time, the Unix epoch) leaves the token Active, in the list of active tokens."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.api.api_helpers import database_token_json
from tests.models.conftest import NOW, column_texts, db_token, token_id
from token_desk.api.decoding import decode_tokens
from token_desk.api.models import Permission, TokenKind
from token_desk.export import permission_list, token_json
from token_desk.findings import evaluate, rules
from token_desk.findings.evaluate import all_databases_sentence
from token_desk.models import Column, TokenFilterProxy
from token_desk.models.display import permissions_details, permissions_summary


def cell(model, column: Column, row: int = 0, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, model.section_of(column)).data(role)


@pytest.mark.parametrize(("permissions", "summary"), [
    ((Permission("write", None),), "Unknown database (write)"),
    ((Permission(None, "telemetry"),), "telemetry (unknown action)"),
    ((Permission(None, None),), "Unknown database (unknown action)"),
    ((Permission(None, "*"),), "All databases (unknown action)"),
    ((Permission("read", "telemetry"), Permission(None, "telemetry")), "telemetry (read, unknown action)"),
])
def test_an_incomplete_permission_reads_as_unknown_in_the_table_and_its_tooltip(database_model, permissions, summary):
    database_model.set_tokens([db_token(permissions=permissions)])
    assert cell(database_model, Column.DATABASES) == summary
    tooltip = cell(database_model, Column.DATABASES, role=Qt.ItemDataRole.ToolTipRole)
    assert "without its database or action: what it allows is unknown" in tooltip


def test_an_incomplete_permission_never_reads_as_more_access_than_it_names():
    for permission in (Permission("write", None), Permission(None, "telemetry"), Permission(None, None)):
        text = permissions_summary((permission,)) + permissions_details((permission,))
        assert "All databases" not in text and "No access" not in text
        assert ("read" in text) == (permission.action == "read")
    assert "read" not in permissions_details((Permission(None, "telemetry"),)).replace("unknown", "")


def test_a_complete_list_says_nothing_of_incomplete_permissions():
    assert permissions_details((Permission("read", "telemetry"),)) == "telemetry: read"


def test_the_findings_never_take_an_unnamed_action_on_every_database_for_reading_or_writing():
    assert all_databases_sentence((Permission(None, "*"),)) == (
        "Has a permission on every database, including ones created later, without its action.")
    assert all_databases_sentence((Permission("read", "*"), Permission(None, "*"))) == (
        "Can read every database, including ones created later. It also has a permission on every database "
        "without its action.")
    unnamed_database = db_token(permissions=(Permission("write", None),))
    every_database = db_token(permissions=(Permission(None, "*"),))
    found = evaluate([unnamed_database, every_database], [True, True], NOW, databases=["telemetry"])
    assert not any(finding.rule in (rules.MISSING_DATABASE, rules.NO_PERMISSIONS) or "None" in finding.sentence
                   for finding in found.findings(0))  # no database "None" that "no longer exists"
    assert [finding.rule for finding in found.findings(1) if finding.rule is rules.ALL_DATABASES] == [
        rules.ALL_DATABASES]


def test_exports_write_what_the_server_left_out_as_missing():
    token = db_token(permissions=(Permission("write", None), Permission(None, "telemetry")))
    assert permission_list(token) == "write ?; ? telemetry"
    assert token_json(token)["permissions"] == [{"action": "write"}, {"resource": "telemetry"}]


@pytest.mark.parametrize("zero", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z"])
def test_a_token_with_a_zero_revocation_time_is_listed_active(database_model, zero):
    answer = [database_token_json(id=token_id(1), revokedAt=zero, permissions=[{"action": "read"}]),
              database_token_json(id=token_id(2), revokedAt="2026-01-01T00:00:00Z")]
    database_model.set_tokens(decode_tokens(TokenKind.DATABASE, json.dumps(answer).encode()))
    proxy = TokenFilterProxy()
    proxy.setSourceModel(database_model)
    proxy.set_show_inactive(False)
    assert column_texts(proxy, Column.STATUS) == ["Active"]
    assert column_texts(proxy, Column.REVOKED_AT) == ["—"]
    assert column_texts(proxy, Column.DATABASES) == ["Unknown database (read)"]
