"""The bridge over real processes: stand-ins that answer, hang, print garbage, fail, are missing or too old."""

from __future__ import annotations

import threading

import pytest
from influxctl_standins import calls, make_influxctl

from token_desk.api.influxctl import (
    ExistingProfile, GeneratedConfig, InfluxctlAuthenticationError, InfluxctlBridge, InfluxctlCancelledError,
    InfluxctlError, InfluxctlNotFoundError, InfluxctlNotInstalledError, InfluxctlOutcomeUnknownError,
    InfluxctlOutputError, InfluxctlProgram, InfluxctlTimeoutError, InfluxctlTooOldError, running_count,
)
from token_desk.api.models import Permission, TokenKind

ACCOUNT = "0b1f3c52-8d4e-4a9b-b7c6-1e2d3f4a5b6c"
CLUSTER = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
TOKEN_ID = "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11"
SECRET = "M.V1.s3cr3t-for-the-bridge-tests"
LISTED = (f'[{{"id": "{TOKEN_ID}", "account_id": "{ACCOUNT}", "token_prefix": "M.V1.s3cr", '
          '"created_at": {"seconds": 1710273527}, "description": "Client1 token"}]')


def bridge_for(program_path, auth=None, **options) -> InfluxctlBridge:
    auth = auth or GeneratedConfig(ACCOUNT, CLUSTER, SECRET)
    return InfluxctlBridge(InfluxctlProgram([str(program_path)]), auth, **options)


def test_list_passes_global_flags_first_and_the_config_through_a_pipe(tmp_path):
    program = make_influxctl(tmp_path, f'''
        assert 'mgmt_token = "{SECRET}"' in config and 'product = "dedicated"' in config
        print({LISTED!r})
    ''')
    (token,) = bridge_for(program).list_management_tokens()
    assert token.id == TOKEN_ID
    (argv,) = calls(program)
    assert argv[0] == "--config" and argv[1].startswith("/dev/fd/")
    assert argv[2:6] == ["--profile", "token-desk", "--timeout", "60s"]
    assert argv[6:] == ["management", "list", "--format", "json"]


def test_an_influxctl_profile_is_used_as_it_is(tmp_path):
    program = make_influxctl(tmp_path, f"print({LISTED!r})")
    config = tmp_path / "mine.toml"
    config.write_text('[[profile]]\nname = "prod"\n')
    bridge_for(program, ExistingProfile(str(config), "prod")).list_management_tokens()
    assert calls(program)[0][:4] == ["--config", str(config), "--profile", "prod"]


def test_revoke_sends_one_forced_revoke_per_token(tmp_path):
    program = make_influxctl(tmp_path, "pass")
    bridge_for(program).revoke_token(TokenKind.MANAGEMENT, TOKEN_ID)
    assert calls(program)[0][-4:] == ["management", "revoke", "--force", TOKEN_ID]


def test_database_tokens_through_influxctl(tmp_path):
    program = make_influxctl(tmp_path, '''
        if argv[-2:] == ["--format", "json"] and "token" in argv:
            print('[{"id": "2b3c4d5e-6f70-4819-9a2b-3c4d5e6f7081", "permissions": []}]')
    ''')
    bridge = bridge_for(program, ExistingProfile())
    (token,) = bridge.list_tokens(TokenKind.DATABASE)
    bridge.revoke_token(TokenKind.DATABASE, token.id)
    assert calls(program)[0][-5:] == ["token", "list", "--include-revoked", "--format", "json"]
    # No revoked_at in the items: the list without revoked tokens says which ones are revoked.
    assert calls(program)[1][-4:] == ["token", "list", "--format", "json"]
    assert token.is_active
    assert calls(program)[2][-4:] == ["token", "revoke", "--force", token.id]


def test_create_finds_the_new_token_in_the_list_and_keeps_the_secret_out_of_reprs(tmp_path):
    program = make_influxctl(tmp_path, f'''
        if "create" in argv:
            print("+----+----+\\n|          id | {TOKEN_ID} |\\n+----+----+")
            print("warn\\tplease copy the token and store in a safe place", file=sys.stderr)
            print("{SECRET}")
        else:
            print({LISTED!r})
    ''')
    created = bridge_for(program).create_management_token("Client1 token")
    assert created.access_token == SECRET and created.token.id == TOKEN_ID
    assert SECRET not in repr(created)
    assert calls(program)[0][-4:] == ["management", "create", "--description", "Client1 token"]


def test_database_token_permissions_become_repeated_flags(tmp_path):
    program = make_influxctl(tmp_path, 'print("[]")')
    with pytest.raises(InfluxctlError):
        bridge_for(program, ExistingProfile()).create_database_token(
            "writer", [Permission("read", "a"), Permission("write", "b")])
    assert calls(program)[0][-7:] == ["token", "create", "--read-database", "a", "--write-database", "b", "writer"]


def test_an_error_line_becomes_a_typed_error_with_influxctls_message_redacted(tmp_path):
    program = make_influxctl(tmp_path, f'''
        print("error\\tfailed to list tokens: rpc error: code = Unauthenticated desc = bad token {SECRET}",
              file=sys.stderr)
        sys.exit(1)
    ''')
    with pytest.raises(InfluxctlAuthenticationError) as caught:
        bridge_for(program).list_management_tokens()
    assert "code = Unauthenticated" in caught.value.influxctl_message
    for text in (str(caught.value), repr(caught.value), caught.value.details):
        assert SECRET not in text


def test_an_unknown_token_is_not_found(tmp_path):
    program = make_influxctl(tmp_path, 'print("error\\ttoken not found", file=sys.stderr); sys.exit(1)')
    with pytest.raises(InfluxctlNotFoundError):
        bridge_for(program).revoke_management_token(TOKEN_ID)


def test_garbage_output_is_an_output_error(tmp_path):
    program = make_influxctl(tmp_path, 'print("<html>proxy says hello</html>")')
    with pytest.raises(InfluxctlOutputError):
        bridge_for(program).list_management_tokens()


def test_a_hanging_influxctl_is_killed_at_its_timeout(tmp_path):
    program = make_influxctl(tmp_path, "time.sleep(600)")
    with pytest.raises(InfluxctlTimeoutError):
        bridge_for(program, timeout_seconds=0, kill_grace_seconds=0.3).list_management_tokens()
    assert running_count() == 0


def test_a_revoke_whose_process_was_killed_has_an_unknown_outcome(tmp_path):
    program = make_influxctl(tmp_path, "time.sleep(600)")
    with pytest.raises(InfluxctlOutcomeUnknownError):
        bridge_for(program, timeout_seconds=0, kill_grace_seconds=0.3).revoke_management_token(TOKEN_ID)


def test_close_ends_a_running_influxctl(tmp_path):
    started = tmp_path / "started"
    program = make_influxctl(tmp_path, f"open({str(started)!r}, 'w').close(); time.sleep(600)")
    bridge = bridge_for(program)
    failures: list[BaseException] = []
    worker = threading.Thread(target=lambda: _capture(bridge.list_management_tokens, failures))
    worker.start()
    _wait_for(started.exists)
    bridge.close()
    worker.join(30)
    assert not worker.is_alive()
    assert isinstance(failures[0], InfluxctlCancelledError)
    assert running_count() == 0


def test_a_missing_influxctl_says_so(tmp_path):
    with pytest.raises(InfluxctlNotInstalledError):
        bridge_for(tmp_path / "nowhere" / "influxctl").list_management_tokens()
    with pytest.raises(InfluxctlNotInstalledError):
        InfluxctlBridge(InfluxctlProgram(None), ExistingProfile()).list_management_tokens()


def test_an_influxctl_older_than_2_6_is_refused_with_its_version(tmp_path):
    program = make_influxctl(tmp_path, 'print("[]")', version="2.5.3")
    bridge = bridge_for(program)
    with pytest.raises(InfluxctlTooOldError) as caught:
        bridge.list_management_tokens()  # a listing may run beside the version check: its answer is refused
    assert caught.value.found_version == "2.5.3"
    listed = len(calls(program))
    with pytest.raises(InfluxctlTooOldError):
        bridge.revoke_management_token("6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11")
    assert len(calls(program)) == listed  # a change is never asked of it: nothing but `version` ran


def _capture(call, failures):
    try:
        call()
    except BaseException as err:  # noqa: BLE001 - the test inspects it
        failures.append(err)


def _wait_for(condition, attempts: int = 2000):
    import time

    for _ in range(attempts):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("condition never became true")


def test_a_revoke_killed_by_the_tasks_cancel_is_a_lost_answer_that_revocation_re_reads(tmp_path):
    from token_desk.cancellation import Cancellation, cancellable
    from token_desk.revocation import is_lost_answer

    started = tmp_path / "started"
    program = make_influxctl(tmp_path, f"open({str(started)!r}, 'w').close(); time.sleep(600)")
    cancellation, failures = Cancellation(), []

    def revoke():
        with cancellable(cancellation):
            _capture(lambda: bridge_for(program).revoke_management_token(TOKEN_ID), failures)

    worker = threading.Thread(target=revoke)
    worker.start()
    _wait_for(started.exists)
    cancellation.cancel()
    worker.join(30)
    assert isinstance(failures[0], InfluxctlOutcomeUnknownError) and is_lost_answer(failures[0])


def test_a_revoke_stopped_at_its_timeout_is_settled_by_re_reading_what_the_server_says(tmp_path):
    from token_desk.api.connect import influxctl_profile_service
    from token_desk.revocation import revoke_tokens

    revoked = (f'[{{"id": "{TOKEN_ID}", "token_prefix": "M.V1.s3cr", "created_at": {{"seconds": 1710273527}}, '
               '"revoked_at": {"seconds": 1710273999}, "description": "Client1 token"}]')
    program = make_influxctl(tmp_path, f'''
        if "revoke" in argv:
            time.sleep(600)  # the server revoked it, but the answer never comes
        print({revoked!r})
    ''')
    service = influxctl_profile_service(InfluxctlProgram([str(program)]), None, "default")
    service.bridge.timeout_seconds, service.bridge.kill_grace_seconds = 0, 0.3
    token = parse_token(LISTED)
    (outcome,) = revoke_tokens(service, [token]).outcomes
    assert outcome.succeeded and outcome.answer_lost
    assert outcome.revoked.revoked_at is not None  # the server's time, from the re-read
    assert running_count() == 0


def parse_token(text: str):
    from token_desk.api.influxctl.output import parse_management_list

    return parse_management_list(text)[0]
