"""New Management Token… and New Database Token…: what is allowed, what is sent, what an error says."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, Qt

from tests.models.conftest import local_time_zone
from tests.ui.create.conftest import FakeService
from token_desk.api import errors
from token_desk.api.models import Permission, TokenKind
from token_desk.ui.create.create_dialog import CreateTokenDialog, find_created, rotated_description
from token_desk.ui.create.requests_and_results import CreateRequest


def open_dialog(qtbot, service, kind=TokenKind.DATABASE, request=None) -> CreateTokenDialog:
    dialog = CreateTokenDialog(None, service, request or CreateRequest(kind))
    qtbot.addWidget(dialog)
    dialog.open()
    if dialog.permissions is not None:
        qtbot.waitUntil(lambda: "database" in dialog.permissions.load_status.text()
                        and "Loading" not in dialog.permissions.load_status.text())
    return dialog


def submit_and_wait(qtbot, dialog) -> None:
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)


def test_confirm_button_reads_create_token_and_waits_for_a_description(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, TokenKind.MANAGEMENT)
    assert dialog.confirm_button.text() == "Create Token"
    assert not dialog.confirm_button.isEnabled()
    dialog.description_box.setText("   ")
    assert not dialog.confirm_button.isEnabled() and "description" in dialog.hint.text()
    dialog.description_box.setText("CI deploys")
    assert dialog.confirm_button.isEnabled()


@pytest.mark.parametrize("kind", list(TokenKind))
def test_a_new_token_expires_in_90_days_unless_another_preset_or_a_date_is_chosen(qtbot, service, kind) -> None:
    dialog = open_dialog(qtbot, service, kind)
    expiry = dialog.expiry
    assert [expiry.choice.itemText(i) for i in range(expiry.choice.count())] == [
        "7 days", "30 days", "90 days", "365 days", "On a date…", "Never"]
    assert expiry.choice.currentText() == "90 days" and expiry.date_edit.isHidden()
    moment = expiry.expires_at()
    assert timedelta(days=90) < moment - datetime.now(timezone.utc) <= timedelta(days=90, hours=1)
    assert expiry.explanation.text().startswith(f"Expires {moment.astimezone():%Y-%m-%d %H:%M} ")
    expiry.choice.setCurrentText("7 days")
    assert expiry.expires_at() - datetime.now(timezone.utc) <= timedelta(days=7, hours=1)
    expiry.choice.setCurrentText("On a date…")
    assert not expiry.date_edit.isHidden() and not expiry.time_edit.isHidden()


@pytest.fixture(params=["Europe/Berlin", "UTC"])
def zone(request, monkeypatch):
    yield from local_time_zone(monkeypatch, request.param)


def test_the_expiry_reads_in_the_local_zone_and_in_utc_once_each(qtbot, service, zone) -> None:
    dialog = open_dialog(qtbot, service)
    expiry = dialog.expiry
    moment = expiry.expires_at()
    local = moment.astimezone()
    utc = f"{moment.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC"
    if local.tzname() == "UTC":  # not "Expires 2027-03-07 03:00 UTC (2027-03-07 03:00 UTC)"
        assert expiry.explanation.text() == f"Expires {utc}"
    else:  # the zone, and the server's UTC
        assert expiry.explanation.text() == f"Expires {local:%Y-%m-%d %H:%M} {local.tzname()} ({utc})"


def test_never_for_a_management_token_asks_once_and_says_why(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, TokenKind.MANAGEMENT)
    dialog.description_box.setText("break-glass")
    dialog.expiry.choice.setCurrentText("Never")
    assert not dialog.expiry.never_risk.isHidden() and "every other token" in dialog.expiry.never_risk.text()
    assert not dialog.confirm_button.isEnabled() and "without an expiry" in dialog.hint.text()
    dialog.expiry.never_confirm.setChecked(True)
    assert dialog.confirm_button.isEnabled() and dialog.expiry.expires_at() is None
    submit_and_wait(qtbot, dialog)
    assert service.creates() == [("create_management_token", "break-glass", None)]


def test_never_for_a_database_token_needs_no_confirmation(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, TokenKind.DATABASE)
    dialog.expiry.choice.setCurrentText("Never")
    assert dialog.expiry.never_confirm.isHidden() and dialog.expiry.problem() is None
    assert dialog.expiry.explanation.text().startswith("Never: ")


def test_an_expiry_in_the_past_is_refused_in_the_dialog(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, TokenKind.MANAGEMENT)
    dialog.description_box.setText("short-lived")
    dialog.expiry.choice.setCurrentText("On a date…")  # a person picks yesterday in the date field
    dialog.expiry.date_edit.setDate(QDate.currentDate().addDays(-1))
    assert not dialog.confirm_button.isEnabled()
    assert "already passed" in dialog.hint.text()
    dialog.confirm_button.click()
    assert service.creates() == []


def test_management_create_sends_description_and_expiry_and_returns_the_secret(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, TokenKind.MANAGEMENT)
    dialog.description_box.setText("  CI deploys ")
    expected = dialog.expiry.expires_at()
    submit_and_wait(qtbot, dialog)
    assert service.creates() == [("create_management_token", "CI deploys", expected)]
    assert dialog.result_value.created.access_token == service.secret


def test_database_token_needs_at_least_one_permission(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    assert not dialog.confirm_button.isEnabled()
    assert "at least one database" in dialog.hint.text()
    dialog.permissions.set_checked("telemetry", "read")
    assert dialog.confirm_button.isEnabled()


def test_permissions_list_the_clusters_databases_and_all_databases_is_star(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service)
    assert dialog.permissions.rows.resources() == ["*", "logs", "metrics", "telemetry"]
    dialog.permissions.set_checked("*", "read")
    dialog.permissions.set_checked("metrics", "write")
    dialog.permissions.set_checked("metrics", "read")
    assert dialog.draft().permissions == (Permission("read", "*"), Permission("read", "metrics"),
                                          Permission("write", "metrics"))
    assert "All databases: read" in dialog.permissions.outcome.text()


def test_the_filter_box_narrows_the_list_but_keeps_all_databases_and_ticked_rows(qtbot) -> None:
    service = FakeService([f"db{n:03}" for n in range(300)] + ["weather"])
    dialog = open_dialog(qtbot, service, request=CreateRequest(TokenKind.DATABASE))
    dialog.permissions.set_checked("db007", "write")
    dialog.permissions.filter_box.setText("WEATH")
    shown = [dialog.permissions.filtered.index(row, 0).data() for row in range(dialog.permissions.filtered.rowCount())]
    assert shown == ["All databases", "db007", "weather"]


def test_a_typed_database_name_not_on_the_cluster_is_allowed_with_a_note(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("future")
    dialog.permissions.name_box.setText("weather")
    dialog.permissions.add_button.click()
    assert dialog.draft().permissions == (Permission("read", "weather"),)
    assert "not a database on this cluster" in dialog.permissions.note.text()
    assert dialog.confirm_button.isEnabled()


def test_enter_in_the_database_name_box_adds_the_name_and_creates_nothing_yet(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("future")
    dialog.permissions.set_checked("telemetry", "read")  # Create is ready: Enter must not press it
    qtbot.keyClicks(dialog.permissions.name_box, "weather")
    qtbot.keyClick(dialog.permissions.name_box, Qt.Key.Key_Return)
    assert dialog.draft().permissions == (Permission("read", "telemetry"), Permission("read", "weather"))
    assert not dialog.busy and dialog.isVisible() and service.creates() == []


def test_the_database_list_failing_still_lets_names_be_typed(qtbot) -> None:
    service = FakeService()
    service.fail_with["list_databases"] = [errors.PermissionDeniedError(status=403)]
    dialog = CreateTokenDialog(None, service, CreateRequest(TokenKind.DATABASE))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Could not list" in dialog.permissions.load_status.text())
    assert "You can still type database names" in dialog.permissions.load_status.text()


@pytest.mark.parametrize(("error", "words"), [
    (errors.PermissionDeniedError(status=403), "not allowed to create database tokens (403)"),
    (errors.AuthenticationError(status=401), "rejected Token Desk's management token (401)"),
    (errors.ConflictError(status=409, server_message="conflict"), "conflict (409)"),
    (errors.BadRequestError(status=400, server_message="'expiresAt' must be in the future"),
     "did not accept the Expires after field (400)"),
])
def test_errors_stay_in_the_dialog_in_plain_words_with_the_input_kept(qtbot, service, error, words) -> None:
    service.fail_with["create_before"] = [error]
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    dialog.permissions.set_checked("telemetry", "read")
    submit_and_wait(qtbot, dialog)
    assert words in dialog.error_text
    assert dialog.isVisible() and dialog.result_value.created is None
    assert dialog.description_box.text() == "grafana"
    assert dialog.draft().permissions == (Permission("read", "telemetry"),)
    assert dialog.confirm_button.isEnabled()


def test_a_timed_out_create_is_checked_before_retrying_so_nothing_is_duplicated(qtbot, service) -> None:
    service.fail_with["create"] = [errors.ChangeTimeoutError(method="POST")]  # the server made it; no answer came
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    dialog.permissions.set_checked("telemetry", "read")
    submit_and_wait(qtbot, dialog)
    assert "unknown whether the token was created" in dialog.error_text
    submit_and_wait(qtbot, dialog)
    assert len(service.creates()) == 1  # the retry found it instead of creating a second one
    assert dialog.result_value.discovered == service.tokens
    assert "did create this token" in dialog.error_text and service.tokens[0].id in dialog.error_text


def test_a_timed_out_create_that_made_nothing_is_created_on_retry(qtbot, service) -> None:
    service.fail_with["create_before"] = [errors.ChangeTimeoutError(method="POST")]
    dialog = open_dialog(qtbot, service)
    dialog.description_box.setText("grafana")
    dialog.permissions.set_checked("telemetry", "read")
    submit_and_wait(qtbot, dialog)
    submit_and_wait(qtbot, dialog)
    assert [call[0] for call in service.calls if call[0] != "list_databases"] == [
        "create_database_token", "list_tokens", "create_database_token"]
    assert dialog.result_value.created is not None


def test_the_dialog_cannot_be_closed_while_the_server_works(qtbot, service) -> None:
    dialog = open_dialog(qtbot, service, TokenKind.MANAGEMENT)
    dialog.description_box.setText("x")
    dialog._set_busy(True)  # as while a create is in flight
    dialog.reject()
    assert dialog.isVisible()
    dialog._set_busy(False)


def test_rotated_description_and_finding_the_created_token() -> None:
    assert rotated_description("grafana", datetime(2026, 5, 4, 12, tzinfo=timezone.utc)).startswith(
        "grafana (rotated 2026-05-0")
    assert find_created([], None, datetime.now(timezone.utc)) is None


def test_rotate_proposes_the_old_tokens_lifetime_counted_from_today(qtbot, service) -> None:
    from token_desk.api.models import Token
    from token_desk.ui.create.create_dialog import rotate_request

    now = datetime.now(timezone.utc)
    old = Token(TokenKind.DATABASE, "3c0ffd51-ef5d-48aa-9b7f-753de5237d75", "grafana", now - timedelta(days=300),
                expires_at=now + timedelta(days=65), permissions=(Permission("read", "telemetry"),))
    dialog = open_dialog(qtbot, service, request=rotate_request(old, now))
    assert dialog.expiry.choice.currentText() == "365 days"  # created 300 days ago, expiring in 65: a year
    assert timedelta(days=365) < dialog.expiry.expires_at() - now <= timedelta(days=365, hours=1)
    odd = Token(TokenKind.DATABASE, old.id, "grafana", now - timedelta(days=10), expires_at=now + timedelta(days=4),
                permissions=old.permissions)
    dialog = open_dialog(qtbot, service, request=rotate_request(odd, now))
    assert dialog.expiry.choice.currentText() == "On a date…"  # 14 days is no preset: the date is shown
    assert timedelta(days=14) < dialog.expiry.expires_at() - now <= timedelta(days=14, hours=1)


def test_rotating_a_token_that_never_expired_proposes_the_default_not_never(qtbot, service) -> None:
    from token_desk.api.models import Token
    from token_desk.ui.create.create_dialog import rotate_request

    now = datetime.now(timezone.utc)
    old = Token(TokenKind.MANAGEMENT, "3c0ffd51-ef5d-48aa-9b7f-753de5237d75", "ci", now - timedelta(days=30))
    dialog = open_dialog(qtbot, service, request=rotate_request(old, now))
    assert dialog.expiry.choice.currentText() == "90 days" and dialog.expiry.expires_at() is not None


def test_the_database_header_sits_left_over_the_names_as_in_every_table(qtbot, service) -> None:
    """It was centred over left-aligned names; Read and Write stay centred over their boxes."""
    dialog = open_dialog(qtbot, service)
    dialog.resize(640, 720)
    header = dialog.permissions.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(0) > 300)
    image = header.grab().toImage()
    end = header.sectionSize(0) - 6  # no text reaches here, left or centred: the header's own shade per line
    inked = [x for x in range(2, end) for y in range(4, header.height() - 4)
             if image.pixelColor(x, y) != image.pixelColor(end, y)]
    assert inked and min(inked) < 16, "the header's text starts at its section's left edge"
