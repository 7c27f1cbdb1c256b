"""Token Desk's influxctl bridge against the independent stand-in (tests/influxctl_standin), over real processes.

The stand-in follows INFLUXCTL.md only, so these tests catch what the bridge would otherwise share with
Token Desk's own emulator: flag order, Go durations, the config through a pipe, timestamps without nanos,
revoked tokens in the list, the create output of each version, and every documented way to fail.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.influxctl_standin import standin_state
from tests.influxctl_standin.standin import Seeded, StandIn, files_holding, private_home_and_tmp
from token_desk.api.errors import BadRequestError
from token_desk.api.influxctl import (
    ExistingProfile, GeneratedConfig, InfluxctlAuthenticationError, InfluxctlBridge, InfluxctlCancelledError,
    InfluxctlError, InfluxctlNotFoundError, InfluxctlOutcomeUnknownError, InfluxctlOutputError, InfluxctlProgram,
    InfluxctlTimeoutError, InfluxctlTooOldError, running_count,
)
from token_desk.api.models import Permission, TokenKind, TokenStatus

SECRET = "M.V1.standin-bridge-secret-9f8e7d6c5b4a3210"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def home_and_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return private_home_and_tmp(tmp_path, monkeypatch)


def make_standin(folder: Path, monkeypatch: pytest.MonkeyPatch, *, modes: tuple[str, ...] = (),
                 version: str | None = None) -> tuple[StandIn, Seeded]:
    standin = StandIn(folder / "standin", modes=modes, version=version)
    seeded = standin.seed(SECRET)
    standin.apply_env(monkeypatch)
    return standin, seeded


@pytest.fixture
def standin_and_seeded(home_and_tmp: list[Path], monkeypatch: pytest.MonkeyPatch) -> tuple[StandIn, Seeded]:
    return make_standin(home_and_tmp[1], monkeypatch)


def way_a(standin: StandIn, secret: str = SECRET, **options) -> InfluxctlBridge:
    return InfluxctlBridge(InfluxctlProgram([str(standin.program)]),
                           GeneratedConfig(standin.account_id, standin.cluster_id, secret), **options)


def way_b(standin: StandIn, config: Path, profile: str = "default", **options) -> InfluxctlBridge:
    return InfluxctlBridge(InfluxctlProgram([str(standin.program)]), ExistingProfile(str(config), profile), **options)


def stamp_time(stamp: dict) -> datetime:
    return datetime.fromtimestamp(stamp["seconds"], tz=timezone.utc) + timedelta(
        microseconds=stamp.get("nanos", 0) // 1000)


# ---- way a: the management token Token Desk keeps ------------------------------------------------

def test_list_shows_every_token_as_the_standin_has_it(standin_and_seeded):
    standin, seeded = standin_and_seeded
    tokens = {token.id: token for token in way_a(standin).list_management_tokens()}
    assert set(tokens) == {entry["record"]["id"] for entry in standin.read()["management_tokens"]}
    revoked = tokens[seeded.revoked_id]
    assert revoked.revoked_at == stamp_time(standin.record("management", seeded.revoked_id)["revoked_at"])
    assert tokens[seeded.never_expires_id].expires_at is None and tokens[seeded.never_expires_id].is_active
    expiring = standin.record("management", seeded.expiring_id)
    assert tokens[seeded.expiring_id].expires_at == stamp_time(expiring["expires_at"])
    assert tokens[seeded.expiring_id].created_at == stamp_time(expiring["created_at"])  # no nanos key
    assert tokens[seeded.sign_in_id].prefix == SECRET[:9]


def test_global_flags_come_first_the_config_is_a_pipe_and_the_timeout_a_go_duration(standin_and_seeded):
    standin, _ = standin_and_seeded
    way_a(standin).list_management_tokens()
    call = standin.calls()[-1]
    assert call["config"] == "pipe"
    argv = call["argv"]
    first_command = argv.index("management")
    assert argv[first_command:] == ["management", "list", "--format", "json"]
    assert all(not word.startswith("-") or word in ("--config", "--profile", "--timeout")
               for word in argv[:first_command:2])
    assert SECRET not in " ".join(argv)


def test_the_signed_in_token_is_recognised(standin_and_seeded):
    standin, seeded = standin_and_seeded
    bridge = way_a(standin)
    signed_in = [token.id for token in bridge.list_management_tokens() if bridge.is_signed_in_with(token)]
    assert signed_in == [seeded.sign_in_id]


def test_revoke_revokes_one_id_per_process_with_force(standin_and_seeded):
    standin, seeded = standin_and_seeded
    way_a(standin).revoke_management_token(seeded.never_expires_id)
    assert "revoked_at" in standin.record("management", seeded.never_expires_id)
    argv = standin.calls()[-1]["argv"]
    assert argv[argv.index("management"):] == ["management", "revoke", "--force", seeded.never_expires_id]


def test_revoking_an_unknown_id_is_not_found(standin_and_seeded):
    standin, _ = standin_and_seeded
    with pytest.raises(InfluxctlNotFoundError) as caught:
        way_a(standin).revoke_management_token(UNKNOWN_ID)
    assert UNKNOWN_ID in str(caught.value) or "refresh" in str(caught.value).lower()


def test_a_wrong_management_token_is_an_authentication_error_without_the_secret(standin_and_seeded):
    standin, _ = standin_and_seeded
    wrong = "M.V1.wrong-secret-abcdefghijklmnop"
    with pytest.raises(InfluxctlAuthenticationError) as caught:
        way_a(standin, wrong).list_management_tokens()
    assert wrong not in str(caught.value) and wrong not in repr(caught.value)
    assert caught.value.influxctl_message


def test_after_revoking_its_own_token_the_next_call_is_an_authentication_error(standin_and_seeded):
    standin, seeded = standin_and_seeded
    bridge = way_a(standin)
    bridge.revoke_management_token(seeded.sign_in_id)
    with pytest.raises(InfluxctlAuthenticationError):
        bridge.list_management_tokens()


@pytest.mark.parametrize("version", ["2.12.0", "2.10.0"])
def test_create_finds_the_secret_in_new_and_old_output(home_and_tmp, monkeypatch, version):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, version=version)
    created = way_a(standin).create_management_token("Nightly export", datetime(2031, 1, 2, tzinfo=timezone.utc))
    stored = next(entry for entry in standin.read()["management_tokens"]
                  if entry["record"]["description"] == "Nightly export")
    assert standin_state.digest(created.access_token) == stored["secret_sha256"]
    assert created.token.id == stored["record"]["id"]
    assert created.token.expires_at == datetime(2031, 1, 2, tzinfo=timezone.utc)


def test_an_empty_description_never_reaches_influxctl(standin_and_seeded):
    standin, _ = standin_and_seeded
    calls_before = len(standin.calls())
    with pytest.raises(BadRequestError):
        way_a(standin).create_management_token("   ")
    assert len(standin.calls()) == calls_before


# ---- documented failures and the stand-in's modes ---------------------------------------------------

def test_too_old_influxctl_names_its_version(home_and_tmp, monkeypatch):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, version="2.5.0")
    with pytest.raises(InfluxctlTooOldError) as caught:
        way_a(standin).list_management_tokens()
    assert "2.5.0" in str(caught.value) and "2.6.0" in str(caught.value)


@pytest.mark.parametrize("style", ["v", "bare"])
def test_other_version_wordings_are_read(home_and_tmp, monkeypatch, style):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch)
    monkeypatch.setenv("INFLUXCTL_STANDIN_VERSION_STYLE", style)
    assert way_a(standin).list_management_tokens()


@pytest.mark.parametrize("modes", [("hang",), ("hang-ignore-term",)])
def test_a_hanging_influxctl_is_stopped_and_said_to_have_timed_out(home_and_tmp, monkeypatch, modes):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=modes)
    with pytest.raises(InfluxctlTimeoutError) as caught:
        way_a(standin, timeout_seconds=1, kill_grace_seconds=0.3).list_management_tokens()
    assert "time" in str(caught.value).lower()
    assert running_count() == 0


def test_a_hanging_revoke_has_an_unknown_outcome(home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, modes=("hang",))
    with pytest.raises(InfluxctlOutcomeUnknownError):
        way_a(standin, timeout_seconds=1, kill_grace_seconds=0.3).revoke_management_token(seeded.expiring_id)


def test_influxctls_own_deadline_is_a_timeout(home_and_tmp, monkeypatch):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=("slow",))
    monkeypatch.setenv("INFLUXCTL_STANDIN_DELAY", "30")
    with pytest.raises(InfluxctlTimeoutError):
        way_a(standin, timeout_seconds=1, kill_grace_seconds=20).list_management_tokens()


def test_garbage_is_an_output_error_that_says_so(home_and_tmp, monkeypatch):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=("garbage",))
    with pytest.raises(InfluxctlOutputError) as caught:
        way_a(standin).list_management_tokens()
    assert "JSON" in str(caught.value) and "<html>" not in str(caught.value)


def test_garbage_from_version_is_refused_calmly(home_and_tmp, monkeypatch):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=("garbage-version",))
    with pytest.raises(InfluxctlTooOldError) as caught:
        way_a(standin).list_management_tokens()
    message = str(caught.value)
    assert "Segmentation fault" in message  # what it printed, as plain words
    assert not any(escape in message for escape in ("\x00", "\x1b", "\\x", "[31m"))


def test_unknown_fields_are_ignored(home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, modes=("extra-fields",))
    assert seeded.revoked_id in {token.id for token in way_a(standin).list_management_tokens()}
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    assert bridge.list_tokens(TokenKind.DATABASE) and bridge.list_databases()


def test_gtk_noise_is_neither_data_nor_the_error(home_and_tmp, monkeypatch):
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=("gtk-noise",))
    assert way_a(standin).list_management_tokens()
    with pytest.raises(InfluxctlNotFoundError) as caught:
        way_a(standin).revoke_management_token(UNKNOWN_ID)
    assert "atk-bridge" not in str(caught.value)


# ---- way b: the person's own influxctl config and profile ------------------------------------------

def test_way_b_uses_the_profile_as_it_is_for_both_kinds_of_token(standin_and_seeded, home_and_tmp):
    standin, seeded = standin_and_seeded
    config = standin.config_file(home_and_tmp[0] / "config.toml", name="prod", token=SECRET)
    bridge = way_b(standin, config, "prod")
    assert seeded.revoked_id in {token.id for token in bridge.list_management_tokens()}
    database = {token.id: token for token in bridge.list_tokens(TokenKind.DATABASE)}
    assert database[seeded.revoked_database_token_id].revoked_at is not None
    assert database[seeded.database_token_ids[0]].permissions == (
        Permission("read", "telemetry"), Permission("write", "telemetry"))
    assert database[seeded.database_token_ids[1]].created_at is None  # not printed: nothing made up
    bridge.revoke_token(TokenKind.DATABASE, seeded.database_token_ids[1])
    assert "revoked_at" in standin.record("database", seeded.database_token_ids[1])
    argv = standin.calls()[-1]["argv"]
    global_flags = argv[:argv.index("token")]
    assert global_flags[global_flags.index("--config") + 1] == str(config)
    assert global_flags[global_flags.index("--profile") + 1] == "prod"


def test_way_b_only_documented_token_fields(home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, modes=("minimal-token-fields",))
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    tokens = bridge.list_tokens(TokenKind.DATABASE)
    assert {token.id for token in tokens} >= set(seeded.database_token_ids)
    assert all(token.created_at is None and token.expires_at is None for token in tokens)


def token_list_argvs(standin: StandIn) -> list[list[str]]:
    return [call["argv"] for call in standin.calls() if "token" in call["argv"] and "list" in call["argv"]]


def test_way_b_minimal_fields_tell_revoked_tokens_by_the_list_without_revoked_ones(home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, modes=("minimal-token-fields",))
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    tokens = {token.id: token for token in bridge.list_tokens(TokenKind.DATABASE)}
    revoked = tokens[seeded.revoked_database_token_id]
    assert revoked.status is TokenStatus.REVOKED and revoked.revoked_at is None  # no time made up
    assert all(tokens[token_id].is_active for token_id in seeded.database_token_ids)
    assert [("--include-revoked" in argv) for argv in token_list_argvs(standin)] == [True, False]


def test_way_b_minimal_fields_a_confirmed_revoke_reads_back_revoked(home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch, modes=("minimal-token-fields",))
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    target = seeded.database_token_ids[0]
    assert bridge.get_token(TokenKind.DATABASE, target).is_active
    bridge.revoke_token(TokenKind.DATABASE, target)
    reread = bridge.get_token(TokenKind.DATABASE, target)
    assert reread.status is TokenStatus.REVOKED and reread.revoked_at is None
    assert bridge.get_token(TokenKind.DATABASE, seeded.database_token_ids[1]).is_active


def test_way_b_listed_revocation_times_are_used_without_a_second_list(standin_and_seeded, home_and_tmp):
    standin, seeded = standin_and_seeded
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    tokens = {token.id: token for token in bridge.list_tokens(TokenKind.DATABASE)}
    expected = stamp_time(standin.record("database", seeded.revoked_database_token_id)["revoked_at"])
    assert tokens[seeded.revoked_database_token_id].revoked_at == expected
    assert len(token_list_argvs(standin)) == 1


def test_way_b_create_update_and_databases(standin_and_seeded, home_and_tmp):
    standin, seeded = standin_and_seeded
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    assert {database.name for database in bridge.list_databases()} == {"telemetry", "billing"}
    created = bridge.create_database_token("ingest", [Permission("read", "telemetry"), Permission("write", "billing")])
    record = standin.record("database", created.token.id)
    stored = standin_state.find(standin.read(), "database", created.token.id)
    assert standin_state.digest(created.access_token) == stored["secret_sha256"]
    assert [(p["action"], p["resource"]) for p in record["permissions"]] == [("read", "telemetry"),
                                                                              ("write", "billing")]
    updated = bridge.update_database_token(seeded.database_token_ids[1], permissions=[Permission("write", "telemetry")])
    assert updated.permissions == (Permission("write", "telemetry"),)


def test_way_b_a_missing_profile_is_not_mistaken_for_a_missing_token(standin_and_seeded, home_and_tmp):
    standin, _ = standin_and_seeded
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET), "nope")
    with pytest.raises(InfluxctlError) as caught:
        bridge.list_management_tokens()
    assert not isinstance(caught.value, InfluxctlNotFoundError)
    assert "nope" in str(caught.value)


class Observer:
    def __init__(self, on_shown) -> None:
        self.prompts, self.ended, self._on_shown = [], [], on_shown

    def login_shown(self, prompt) -> None:
        first = not self.prompts
        self.prompts.append(prompt)
        if first and prompt.code:
            threading.Thread(target=self._on_shown, args=(prompt,)).start()

    def login_ended(self, prompt) -> None:
        self.ended.append(prompt)


def test_browser_login_shows_url_and_code_and_goes_on_once_approved(standin_and_seeded, home_and_tmp):
    standin, seeded = standin_and_seeded
    observer = Observer(lambda prompt: standin.approve_login())
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml"), login_observer=observer)
    assert seeded.sign_in_id in {token.id for token in bridge.list_management_tokens()}
    assert observer.prompts[-1].url.startswith("https://") and re.fullmatch(r"[A-Z]{4}-[A-Z]{4}", observer.prompts[-1].code)
    assert observer.ended


def test_cancelling_the_browser_login_ends_influxctl(standin_and_seeded, home_and_tmp):
    standin, _ = standin_and_seeded
    observer = Observer(lambda prompt: prompt.cancel())
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml"), login_observer=observer)
    with pytest.raises(InfluxctlCancelledError):
        bridge.list_management_tokens()
    assert running_count() == 0


def test_no_file_under_home_or_tmp_holds_the_secret(home_and_tmp, monkeypatch):
    standin, seeded = make_standin(home_and_tmp[1], monkeypatch)
    way_a(standin).list_management_tokens()
    way_a(standin).revoke_management_token(seeded.expiring_id)
    monkeypatch.setenv("INFLUXCTL_STANDIN_MODES", "hang")
    with pytest.raises(InfluxctlOutcomeUnknownError):
        way_a(standin, timeout_seconds=0, kill_grace_seconds=0.3).revoke_management_token(seeded.never_expires_id)
    assert files_holding(SECRET, home_and_tmp) == []


def test_an_empty_list_printed_as_null_is_an_empty_list(home_and_tmp, monkeypatch):
    # Go's encoder prints a nil slice as `null`: a cluster without database tokens may well answer that.
    standin, _ = make_standin(home_and_tmp[1], monkeypatch, modes=("null-empty",))
    standin.world["database_tokens"], standin.world["databases"] = [], []
    standin.save()
    bridge = way_b(standin, standin.config_file(home_and_tmp[0] / "config.toml", token=SECRET))
    assert bridge.list_tokens(TokenKind.DATABASE) == [] and bridge.list_databases() == []
