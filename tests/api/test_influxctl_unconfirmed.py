"""Unknown is a state: an influxctl change that ends without its documented answer is not confirmed.

Real processes against the independent stand-in, which kills itself with SIGKILL before or after acting
(modes `killed-before-change`, `killed-after-change`), as the system does to a process out of memory or at a
logout. Neither "done" nor "failed" may be said: the change is written `unknown`, the kind is re-listed, the
token is matched by ID (a create by description and time: it has no ID yet), and the history then says
what the list showed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.history.history_helpers import TARGET
from tests.influxctl_standin.standin import StandIn, private_home_and_tmp
from token_desk.api.connect import influxctl_profile_service
from token_desk.api.influxctl import InfluxctlOutcomeUnknownError, InfluxctlProgram, running_count
from token_desk.api.models import Permission, TokenKind
from token_desk.history import Journal, RecordingService
from token_desk.revocation import revoke_tokens

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in's launcher is a POSIX shell script")

SECRET = "M.V1.standin-unconfirmed-secret-0123456789ab"
NOT_CONFIRMED = "Not confirmed: influxctl was stopped before it answered. Checking…"
KILLED_AFTER, KILLED_BEFORE = "killed-after-change", "killed-before-change"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    home, tmp = private_home_and_tmp(tmp_path, monkeypatch)
    standin = StandIn(tmp / "standin")
    seeded = standin.seed(SECRET)
    standin.apply_env(monkeypatch)
    config = standin.config_file(home / "config.toml", token=SECRET)
    journal = Journal(tmp_path / "history")
    service = RecordingService(influxctl_profile_service(InfluxctlProgram([str(standin.program)]), str(config),
                                                         "default"), journal, TARGET)
    return standin, seeded, service, journal


def kill_changes(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    monkeypatch.setenv("INFLUXCTL_STANDIN_MODES", mode)  # lists still answer: only changes are killed


def outcomes_written(journal: Journal) -> list[tuple[str, str]]:
    """Every outcome line in the order written: the attempt's own, then each later settlement."""
    lines = [json.loads(line) for line in journal.path.read_text().splitlines()]
    return [(line["outcome"], line["message"]) for line in lines if "outcome_of" in line]


def revoke_killed(world, monkeypatch, kind: TokenKind, when: str):
    """Revoke one seeded token of `kind` through an influxctl that kills itself `when`; (ID, notes, outcome)."""
    _standin, seeded, service, _journal = world
    target_id = seeded.never_expires_id if kind is TokenKind.MANAGEMENT else seeded.database_token_ids[0]
    token = service.get_token(kind, target_id)
    kill_changes(monkeypatch, when)
    notes: list[str] = []
    (outcome,) = revoke_tokens(service, [token], on_note=notes.append).outcomes
    return target_id, notes, outcome


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_revoke_killed_after_acting_is_checked_and_shown_revoked(world, monkeypatch, kind) -> None:
    standin, journal = world[0], world[3]
    target_id, notes, outcome = revoke_killed(world, monkeypatch, kind, KILLED_AFTER)
    assert notes == [NOT_CONFIRMED]  # never "Not revoked: … exit status -9"
    assert outcome.succeeded and outcome.answer_lost and outcome.revoked.is_revoked
    assert "revoked_at" in standin.record(kind.value, target_id)
    written = outcomes_written(journal)
    assert written[0] == ("unknown", NOT_CONFIRMED)
    assert written[1][0] == "confirmed" and written[1][1].startswith("Re-read after the answer was lost")
    assert running_count() == 0


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_revoke_killed_before_acting_is_checked_and_shown_not_revoked(world, monkeypatch, kind) -> None:
    standin, journal = world[0], world[3]
    target_id, notes, outcome = revoke_killed(world, monkeypatch, kind, KILLED_BEFORE)
    assert notes == [NOT_CONFIRMED]
    assert not outcome.succeeded and not outcome.unknown and outcome.answer_lost
    assert outcome.result_label == "Not revoked" and "still active" in outcome.message
    assert "revoked_at" not in standin.record(kind.value, target_id)
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "failed"]


def create(service, kind: TokenKind, description: str):
    if kind is TokenKind.MANAGEMENT:
        return service.create_management_token(description)
    return service.create_database_token(description, [Permission("read", "telemetry")])


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_killed_after_acting_is_unknown_until_the_list_shows_the_new_token(world, monkeypatch, kind) -> None:
    standin, _seeded, service, journal = world
    kill_changes(monkeypatch, KILLED_AFTER)
    with pytest.raises(InfluxctlOutcomeUnknownError) as caught:
        create(service, kind, "nightly backup")
    assert str(caught.value) == NOT_CONFIRMED
    assert outcomes_written(journal) == [("unknown", NOT_CONFIRMED)]
    (new,) = [token for token in service.list_tokens(kind) if token.description == "nightly backup"]
    written = outcomes_written(journal)
    assert written[1][0] == "confirmed" and "was created then" in written[1][1]
    (entry,) = journal.read().entries
    assert entry.token_id == new.id and entry.checked


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_killed_before_acting_is_shown_not_created_by_the_list(world, monkeypatch, kind) -> None:
    _standin, _seeded, service, journal = world
    kill_changes(monkeypatch, KILLED_BEFORE)
    with pytest.raises(InfluxctlOutcomeUnknownError):
        create(service, kind, "nightly backup")
    assert not [token for token in service.list_tokens(kind) if token.description == "nightly backup"]
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "failed"]


@pytest.mark.parametrize("mode, expected", [(KILLED_AFTER, "confirmed"), (KILLED_BEFORE, "failed")])
def test_an_update_killed_by_a_signal_is_settled_by_the_tokens_next_copy(world, monkeypatch, mode, expected) -> None:
    standin, seeded, service, journal = world
    target_id = seeded.database_token_ids[1]
    service.get_token(TokenKind.DATABASE, target_id)
    kill_changes(monkeypatch, mode)
    with pytest.raises(InfluxctlOutcomeUnknownError):
        service.update_database_token(target_id, permissions=[Permission("write", "telemetry")])
    reread = service.get_token(TokenKind.DATABASE, target_id)
    assert (reread.permissions == (Permission("write", "telemetry"),)) is (expected == "confirmed")
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", expected]


def test_a_listing_killed_by_a_signal_says_so_and_names_no_exit_status(world, monkeypatch) -> None:
    from token_desk.api.influxctl import InfluxctlProgram as Program
    from token_desk.api.influxctl.bridge import InfluxctlBridge
    from token_desk.api.influxctl.config import ExistingProfile
    from token_desk.api.influxctl import InfluxctlStoppedError

    standin = world[0]
    script = standin.program.parent / "dies"
    script.write_text(f'#!/bin/sh\n[ "$1" = version ] && exec "{standin.program}" "$@"\nkill -9 $$\n')
    script.chmod(0o755)
    bridge = InfluxctlBridge(Program([str(script)]), ExistingProfile(None, "default"))
    with pytest.raises(InfluxctlStoppedError) as caught:
        bridge.list_management_tokens()
    assert "stopped before it answered" in str(caught.value) and "exit status" not in str(caught.value)


LIST_FAILS_AFTER = "list-fails-after-change"
NOT_READ_BACK = InfluxctlOutcomeUnknownError.NOT_READ_BACK


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_whose_list_then_fails_still_hands_over_the_new_token_and_its_secret(world, monkeypatch, kind) -> None:
    """influxctl created it and printed its ID and secret: a failed listing afterwards is no failed create."""
    standin, _seeded, service, journal = world
    kill_changes(monkeypatch, LIST_FAILS_AFTER)
    created = create(service, kind, "nightly backup")
    assert created.access_token and created.token.description == "nightly backup"
    assert standin.record(kind.value, created.token.id) is not None
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["confirmed"]


def test_an_old_influxctls_create_whose_list_then_fails_is_unknown_until_listed(world, monkeypatch) -> None:
    """Before 2.11.0 influxctl prints no ID: only the list tells which token was made, so without it the
    outcome is not known yet (it is never "failed": influxctl said it created one)."""
    _standin, _seeded, service, journal = world
    monkeypatch.setenv("INFLUXCTL_STANDIN_VERSION", "2.10.0")
    kill_changes(monkeypatch, LIST_FAILS_AFTER)
    with pytest.raises(InfluxctlOutcomeUnknownError) as caught:
        create(service, TokenKind.MANAGEMENT, "nightly backup")
    assert str(caught.value) == NOT_READ_BACK
    assert [token.description for token in service.list_tokens(TokenKind.MANAGEMENT)].count("nightly backup") == 1
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "confirmed"]


def test_an_update_whose_re_read_then_fails_is_unknown_until_read_again(world, monkeypatch) -> None:
    _standin, seeded, service, journal = world
    target_id = seeded.database_token_ids[1]
    kill_changes(monkeypatch, LIST_FAILS_AFTER)
    with pytest.raises(InfluxctlOutcomeUnknownError) as caught:
        service.update_database_token(target_id, permissions=[Permission("write", "telemetry")])
    assert str(caught.value) == NOT_READ_BACK
    assert service.get_token(TokenKind.DATABASE, target_id).permissions == (Permission("write", "telemetry"),)
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "confirmed"]
