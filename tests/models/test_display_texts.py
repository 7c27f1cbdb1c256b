"""What each cell says, read through the source model's DisplayRole."""

from datetime import timedelta

from PySide6.QtCore import Qt

from tests.models.conftest import NOW, db_token, make_token, set_time_zone
from token_desk.api.models import Permission
from token_desk.models import Column


def cell(model, column: Column, row: int = 0, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, model.section_of(column)).data(role)


def test_management_headers_in_issue_order(management_model):
    headers = [management_model.headerData(s, Qt.Orientation.Horizontal) for s in range(8)]
    assert headers == [
        "Status", "Description", "Token ID", "Prefix",
        "Created At", "Expires At", "Revoked At", "Created By",
    ]


def test_database_headers_in_issue_order(database_model):
    headers = [database_model.headerData(s, Qt.Orientation.Horizontal) for s in range(7)]
    assert headers == [
        "Status", "Description", "Token ID", "Databases", "Created At", "Expires At", "Revoked At",
    ]


def test_no_expiry_reads_never(management_model):
    management_model.set_tokens([make_token(expires_at=None)])
    assert cell(management_model, Column.EXPIRES_AT) == "Never"


def test_not_revoked_reads_dash(management_model):
    management_model.set_tokens([make_token(revoked_at=None)])
    assert cell(management_model, Column.REVOKED_AT) == "—"


def test_missing_created_by_reads_dash(management_model):
    management_model.set_tokens([make_token(created_by=None)])
    assert cell(management_model, Column.CREATED_BY) == "—"


def test_times_shown_in_local_time_zone(management_model, monkeypatch):
    set_time_zone(monkeypatch, "Asia/Kolkata")  # UTC+05:30, no daylight saving
    management_model.set_tokens([make_token(created_at=NOW)])
    assert cell(management_model, Column.CREATED_AT) == "2026-11-29 15:30"


def test_status_labels(management_model):
    management_model.set_tokens([
        make_token("active"),
        make_token("soon", expires_at=NOW + timedelta(days=3)),
        make_token("expired", expires_at=NOW - timedelta(seconds=1)),
        make_token("revoked", revoked_at=NOW - timedelta(days=1)),
    ])
    statuses = [cell(management_model, Column.STATUS, row) for row in range(4)]
    assert statuses == ["Active", "Expires soon", "Expired", "Revoked"]


def test_expiring_in_eight_days_is_plain_active(management_model):
    management_model.set_tokens([make_token(expires_at=NOW + timedelta(days=8))])
    assert cell(management_model, Column.STATUS) == "Active"


def test_revoked_wins_over_expired(management_model):
    management_model.set_tokens([make_token(expires_at=NOW - timedelta(days=2), revoked_at=NOW)])
    assert cell(management_model, Column.STATUS) == "Revoked"


def test_databases_summary_names_first_database_and_counts_the_rest(database_model):
    permissions = (
        Permission("read", "telemetry"), Permission("write", "telemetry"), Permission("read", "sensors"),
    )
    database_model.set_tokens([db_token(permissions=permissions)])
    assert cell(database_model, Column.DATABASES) == "telemetry (read, write), + 1 more"


def test_wildcard_database_reads_all_databases(database_model):
    database_model.set_tokens([db_token(permissions=(Permission("read", "*"),))])
    assert cell(database_model, Column.DATABASES) == "All databases (read)"


def test_no_permissions_reads_no_access(database_model):
    database_model.set_tokens([db_token(permissions=())])
    assert cell(database_model, Column.DATABASES) == "No access"


def test_server_text_is_returned_verbatim(management_model):
    management_model.set_tokens([make_token("<b>bold</b> & more")])
    assert cell(management_model, Column.DESCRIPTION) == "<b>bold</b> & more"
