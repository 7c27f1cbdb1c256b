"""The recording service around a real client and sandbox: every change leaves the right entry."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from token_desk.api.client import ManagementApiClient
from token_desk.api.errors import ApiError, ApiTimeoutError
from token_desk.api.models import Permission, TokenKind
from token_desk.api.service import TokenService
from token_desk.connection import Connection, ConnectionKind
from token_desk.history import (
    Action, HistoryUnavailableError, Journal, Outcome, RecordingService, Target, check_entry, recorded_as_rotation,
    recording,
)
from token_desk.sandbox import Sandbox


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "history")


@pytest.fixture
def service(client: TokenService, journal: Journal, sandbox: Sandbox) -> RecordingService:
    connection = Connection("Production", client, ConnectionKind.PROFILE, "Production")
    return recording(journal)(connection).service


def a_database_token(service: RecordingService):
    return next(token for token in service.list_tokens(TokenKind.DATABASE) if token.is_active)


def only_entry(journal: Journal):
    (entry,) = journal.read().entries
    return entry


def test_a_revoke_is_recorded_with_where_what_and_the_description_at_the_time(
        service: RecordingService, journal: Journal, sandbox: Sandbox) -> None:
    token = a_database_token(service)
    service.revoke_token(TokenKind.DATABASE, token.id)
    entry = only_entry(journal)
    assert entry.target == Target("Production", sandbox.url.split("//")[1].split("/")[0],
                                  sandbox.account_id, sandbox.cluster_id)
    assert (entry.kind, entry.token_id, entry.description) == ("database", token.id, token.description)
    assert (entry.action, entry.outcome, entry.message) == (Action.REVOKE, Outcome.CONFIRMED, "Revoked.")


def test_a_refused_revoke_is_failed_with_the_servers_message(service: RecordingService, journal: Journal,
                                                             sandbox: Sandbox) -> None:
    token = a_database_token(service)
    sandbox.faults.fail_next_revokes(1, status=403)
    with pytest.raises(ApiError):
        service.revoke_token(TokenKind.DATABASE, token.id)
    entry = only_entry(journal)
    assert (entry.outcome, entry.message) == (Outcome.FAILED, "forbidden (injected)")


def test_a_revoke_whose_answer_never_came_is_unknown_then_settled_by_a_re_read(
        journal: Journal, sandbox: Sandbox) -> None:
    with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token,
                             timeout=httpx.Timeout(5.0, read=0.3), sleep=lambda _s: None) as impatient:
        service = recording(journal)(Connection("P", impatient, ConnectionKind.PROFILE, "P")).service
        token = a_database_token(service)
        sandbox.faults.delay_ms = 600  # every attempt outlives the read timeout, but the server still acts
        with pytest.raises(ApiTimeoutError):
            service.revoke_token(TokenKind.DATABASE, token.id)
        assert only_entry(journal).outcome is Outcome.UNKNOWN
        sandbox.faults.delay_ms = 0
        service.get_token(TokenKind.DATABASE, token.id)  # what the revoke flow does next
    entry = only_entry(journal)
    assert entry.outcome is Outcome.CONFIRMED and entry.checked
    assert entry.message.startswith("Re-read after the answer was lost: the token was revoked at ")


def test_a_request_that_never_left_is_failed_not_unknown(journal: Journal) -> None:
    unreachable = ManagementApiClient("http://127.0.0.1:9", "11111111-1111-4111-8111-111111111111",
                                      "22222222-2222-4222-8222-222222222222", "secret-token", sleep=lambda _s: None)
    service = recording(journal)(Connection("P", unreachable, ConnectionKind.PROFILE, "P")).service
    with pytest.raises(ApiError):
        service.revoke_token(TokenKind.DATABASE, "33333333-3333-4333-8333-333333333333")
    assert only_entry(journal).outcome is Outcome.FAILED


def test_a_created_tokens_secret_never_reaches_the_journal(service: RecordingService, journal: Journal,
                                                           sandbox: Sandbox) -> None:
    created = service.create_database_token("dashboards", [Permission("read", "*")])
    management = service.create_management_token("automation")
    raw = b"".join(path.read_bytes() for path in journal.folder.iterdir())
    for secret in (created.access_token, management.access_token, sandbox.management_token):
        assert secret.encode() not in raw
    entries = journal.read().entries
    assert [(e.action, e.kind, e.token_id, e.outcome) for e in entries] == [
        (Action.CREATE, "database", created.token.id, Outcome.CONFIRMED),
        (Action.CREATE, "management", management.token.id, Outcome.CONFIRMED)]


def test_creates_inside_rotating_are_recorded_as_rotations_of_the_old_token(service: RecordingService,
                                                                           journal: Journal) -> None:
    old = a_database_token(service)
    with recorded_as_rotation(service, old):
        service.create_database_token(f"{old.description} (rotated 2026-03-04)", old.permissions)
    service.create_database_token("an ordinary create afterwards", old.permissions)
    rotation, create = journal.read().entries
    assert (rotation.action, rotation.requested) == (Action.ROTATE, f"replaces {old.id} ({old.description})")
    assert create.action is Action.CREATE


def test_rotation_of_a_service_that_records_nothing_is_a_plain_call(client: TokenService) -> None:
    with recorded_as_rotation(client, None), recorded_as_rotation(client, a_database_token(client)):
        pass


def test_an_edit_keeps_the_old_description_and_what_was_asked(service: RecordingService, journal: Journal) -> None:
    token = a_database_token(service)
    service.update_database_token(token.id, description="renamed")
    entry = only_entry(journal)
    assert (entry.action, entry.outcome) == (Action.EDIT, Outcome.CONFIRMED)
    assert entry.requested == "description: renamed" and entry.description == token.description


def test_each_change_records_the_newest_description_whether_listed_or_answered(
        service: RecordingService, client: TokenService, journal: Journal) -> None:
    token = a_database_token(service)
    service.update_database_token(token.id, description="named by an edit")  # known from the edit's answer
    client.update_database_token(token.id, description="named elsewhere")  # another person's edit, not recorded
    service.list_tokens(TokenKind.DATABASE)  # listed after the edit: the list is newer
    service.update_database_token(token.id, description="named again")
    service.revoke_token(TokenKind.DATABASE, token.id)
    descriptions = [(entry.action, entry.description) for entry in journal.read().entries]
    assert descriptions == [(Action.EDIT, token.description), (Action.EDIT, "named elsewhere"),
                            (Action.REVOKE, "named again")]


def test_an_unwritable_history_stops_the_change_before_it_is_sent(client: TokenService, tmp_path: Path,
                                                                  sandbox: Sandbox) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be")
    service = recording(Journal(tmp_path / "blocked"))(Connection("P", client, ConnectionKind.PROFILE, "P")).service
    token = a_database_token(service)
    with pytest.raises(HistoryUnavailableError, match="nothing was sent"):
        service.revoke_token(TokenKind.DATABASE, token.id)
    assert sandbox.state.delete_count(token.id) == 0


def test_demo_connections_record_nothing(client: TokenService, journal: Journal) -> None:
    demo = Connection("Demo data", client, ConnectionKind.DEMO)
    assert recording(journal)(demo) is demo
    assert recording(None)(Connection("P", client, ConnectionKind.PROFILE, "P")).service is client


def test_reads_and_attributes_pass_through(service: RecordingService, client: TokenService) -> None:
    assert (service.base_url, service.account_id, service.cluster_id) == (client.base_url, client.account_id,
                                                                         client.cluster_id)
    assert len(service.list_databases()) == len(client.list_databases())


def test_check_now_records_what_the_server_says(service: RecordingService, journal: Journal,
                                                sandbox: Sandbox) -> None:
    token = a_database_token(service)
    entry_id = journal.record_attempt(service.target, "database", token.id, token.description, Action.REVOKE)
    (entry,) = journal.read().entries
    assert check_entry(service, journal, entry).outcome is Outcome.FAILED  # still active
    service.revoke_token(TokenKind.DATABASE, token.id)
    entries = {e.id: e for e in journal.read().entries}
    assert entries[entry_id].outcome is Outcome.FAILED and entries[entry_id].message == "Checked: the token is not revoked."
    assert check_entry(service, journal, entries[entry_id]).outcome is Outcome.CONFIRMED


def test_check_now_finds_a_create_by_its_description(service: RecordingService, journal: Journal) -> None:
    entry_id = journal.record_attempt(service.target, "database", "", "made while offline", Action.CREATE)
    created = service.inner.create_database_token("made while offline", [Permission("read", "*")])
    (entry,) = [e for e in journal.read().entries if e.id == entry_id]
    result = check_entry(service, journal, entry)
    assert (result.outcome, result.token_id) == (Outcome.CONFIRMED, created.token.id)
