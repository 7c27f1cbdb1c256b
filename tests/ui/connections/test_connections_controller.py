"""The connections controller on a real MainWindow: first run, switching, --profile, and a 401 answered once."""

from __future__ import annotations

import pytest

from connections_helpers import (  # noqa: F401 - fixtures
    SECRET, SERVICE, WAIT_MS, AnsweringPrompts, locked_keyring, make_profile, manager, memory_keyring,
    no_keyring_config, sandbox_profile, token_answer,
)
from token_desk.api.models import TokenKind, parse_timestamp
from token_desk.connection import ConnectionKind
from token_desk.credentials import ProfileNotFoundError
from tests.ui.conftest import RecordingRevoker, window_with, confirm_revoke_when_the_dialog_opens
from token_desk.ui.revoke import DialogRevokeService
from token_desk.ui.shell.main_window import MainWindow


@pytest.fixture
def prompts() -> AnsweringPrompts:
    return AnsweringPrompts()


@pytest.fixture
def window(qtbot, isolated_settings, manager, prompts) -> MainWindow:
    main = window_with(manager, prompts, RecordingRevoker(), isolated_settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.connections.close()


@pytest.fixture
def controller(window):
    return window.connections


def wait_tokens(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.loader.busy and window.page(TokenKind.MANAGEMENT).model.rowCount() > 0,
                    timeout=WAIT_MS)


def test_first_run_shows_the_welcome_page_with_its_three_choices(qtbot, window, controller) -> None:
    controller.start(None)
    assert window.central_stack.currentWidget() is window.welcome and window.connection is None
    assert set(window.welcome.buttons) == {"Add Connection…", "Import from influxctl…", "Try the Demo"}
    assert controller.switcher.currentText() == "Not connected"


def test_try_the_demo_opens_sample_data_and_stores_nothing(qtbot, window, controller, memory_keyring) -> None:
    controller.start(None)
    window.welcome.buttons["Try the Demo"].click()
    wait_tokens(qtbot, window)
    assert window.connection.kind is ConnectionKind.DEMO
    assert window.toolbar.demo_marker.isVisibleTo(window) and memory_keyring.entries == {}
    assert controller.switcher.currentText() == "Built-in sandbox"


def test_add_connection_from_the_welcome_page_connects_and_titles_the_window(
        qtbot, window, controller, prompts, manager, memory_keyring, sandbox) -> None:
    from token_desk.ui.connections.profile_form import ProfileFormResult

    prompts.profiles.append(ProfileFormResult(sandbox_profile(sandbox, "Staging"), sandbox.management_token))
    window.welcome.buttons["Add Connection…"].click()
    wait_tokens(qtbot, window)
    assert window.windowTitle().startswith("Staging") and controller.switcher.currentText() == "Staging"
    assert memory_keyring.entries == {(SERVICE, "Staging"): sandbox.management_token}
    assert manager.store.last_used_name() == "Staging"


def test_start_opens_the_last_used_profile(qtbot, window, controller, manager, memory_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox), sandbox.management_token)
    manager.store.set_last_used("Sandbox")
    controller.start(None)
    wait_tokens(qtbot, window)
    assert window.connection.profile_name == "Sandbox" and window.windowTitle().startswith("Sandbox")


def test_profile_option_with_an_unknown_name_raises_a_sentence(window, controller) -> None:
    with pytest.raises(ProfileNotFoundError, match="There is no profile named 'Nope'"):
        controller.start("Nope")


def test_switching_profiles_reloads_the_tables(qtbot, window, controller, manager, memory_keyring, sandbox,
                                              tmp_path, monkeypatch) -> None:
    from token_desk.sandbox import start_sandbox
    from token_desk.sandbox.influxctl import emulator_command, write_launcher

    with start_sandbox(data=":memory:", seed=2) as other:
        launcher = write_launcher(tmp_path, emulator_command(sandbox.url, other.url))
        monkeypatch.setenv("TOKEN_DESK_INFLUXCTL", str(launcher))
        manager.add(sandbox_profile(sandbox, "One"), sandbox.management_token)
        manager.add(sandbox_profile(other, "Two"), other.management_token)
        controller.start("One")
        wait_tokens(qtbot, window)
        with qtbot.waitSignal(controller.connection_changed, timeout=WAIT_MS):
            controller.switcher.profile_chosen.emit("Two")
        wait_tokens(qtbot, window)
        shown = {token.id for token in window.page(TokenKind.MANAGEMENT).model.tokens()}
        on_server = {token["id"] for token in other.state.management_tokens()}
        assert on_server != {token["id"] for token in sandbox.state.management_tokens()}  # two different data sets
        assert window.connection.profile_name == "Two" and shown == on_server
        assert controller.switcher.currentText() == "Two"


def test_profile_without_a_stored_token_asks_for_one_and_saves_it(
        qtbot, window, controller, prompts, manager, memory_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox))
    prompts.tokens.append(token_answer(sandbox.management_token))
    controller.start("Sandbox")
    wait_tokens(qtbot, window)
    assert prompts.asked[0][0] == "ask_token" and "Sandbox" in prompts.asked[0][1]
    assert memory_keyring.entries == {(SERVICE, "Sandbox"): sandbox.management_token}


def test_locked_keyring_explains_and_the_session_only_token_connects(
        qtbot, window, controller, prompts, manager, locked_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox))  # no token: nothing to write
    prompts.session_tokens.append(sandbox.management_token)
    controller.start("Sandbox")
    wait_tokens(qtbot, window)
    kind, message, token_known = prompts.asked[0]
    assert kind == "keyring_problem" and not token_known and "locked" in message
    assert manager.credentials.is_session_only("Sandbox")


def test_a_401_asks_once_for_a_new_token_stores_it_and_reloads(
        qtbot, window, controller, prompts, manager, memory_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox), "apiv1_revoked-or-mistyped")
    prompts.tokens.append(token_answer(sandbox.management_token))
    with qtbot.waitSignals([controller.connection_changed, controller.connection_changed], timeout=WAIT_MS):
        controller.start("Sandbox")  # connects, gets a 401, asks, reconnects
    wait_tokens(qtbot, window)
    assert prompts.kinds() == ["ask_token"]
    _kind, message, can_store = prompts.asked[0]
    assert message.startswith("The server rejected the management token of 'Sandbox' (401)") and can_store
    assert memory_keyring.entries == {(SERVICE, "Sandbox"): sandbox.management_token}
    assert not window.signed_out and window.banner.message == ""


def test_a_401_fault_then_cancel_leaves_one_sign_in_banner_not_a_loop(
        qtbot, window, controller, prompts, manager, memory_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox), sandbox.management_token)
    sandbox.faults.fail_next_requests(2, 401, "tokens")  # both token lists of the first load, not its clusters
    prompts.tokens.append(None)
    controller.start("Sandbox")
    qtbot.waitUntil(lambda: window.signed_out, timeout=WAIT_MS)
    assert prompts.kinds() == ["ask_token"] and "Sign in" in window.banner.button.text()
    prompts.tokens.append(token_answer(sandbox.management_token))
    window.banner.button.click()  # the person signs in when ready
    wait_tokens(qtbot, window)
    assert prompts.kinds() == ["ask_token", "ask_token"] and not window.signed_out


def test_a_401_on_the_demo_offers_a_session_only_token(qtbot, window, controller, prompts, memory_keyring) -> None:
    window.welcome.buttons["Try the Demo"].click()
    wait_tokens(qtbot, window)
    prompts.tokens.append(None)
    window.sign_in_requested.emit()
    assert prompts.asked[-1][0] == "ask_token" and prompts.asked[-1][2] is False


def test_revoking_the_demos_own_token_offers_restart_demo_and_no_token_prompt(
        qtbot, window, controller, prompts) -> None:
    window.welcome.buttons["Try the Demo"].click()
    wait_tokens(qtbot, window)
    old_client = window.connection.service
    page = window.page(TokenKind.MANAGEMENT)
    mine = next(token for token in page.model.tokens() if old_client.is_signed_in_with(token))
    old_client.revoke_token(TokenKind.MANAGEMENT, mine.id)
    window.refresh()  # the server now answers 401
    qtbot.waitUntil(lambda: window.signed_out, timeout=WAIT_MS)
    assert prompts.kinds() == []  # nothing to paste in the demo: no modal prompt
    assert window.banner.button.text() == "Restart Demo" and not window.commands["revoke"].isEnabled()
    window.banner.button.click()
    wait_tokens(qtbot, window)
    assert not window.signed_out and window.connection.is_demo and window.connection.service is not old_client
    assert not window.banner.isVisible()


def test_a_stored_influxctl_profile_opens_without_a_keyring_read_and_lists_through_influxctl(
        qtbot, window, controller, manager, memory_keyring, sandbox, tmp_path) -> None:
    from token_desk.connection import ConnectionKind
    from token_desk.credentials import Profile

    config = tmp_path / "config.toml"
    config.write_text(f'[[profile]]\nname = "ops"\nproduct = "dedicated"\naccount_id = "{sandbox.account_id}"\n'
                      f'cluster_id = "{sandbox.cluster_id}"\nmgmt_token = "{sandbox.management_token}"\n')
    manager.add(Profile(name="Ops", account_id="", cluster_id="", influxctl_profile="ops",
                        influxctl_config=str(config)))
    controller.start("Ops")
    wait_tokens(qtbot, window)
    assert window.connection.kind is ConnectionKind.INFLUXCTL and window.connection.profile_name == "Ops"
    shown = {token.id for token in window.page(TokenKind.MANAGEMENT).model.tokens()}
    assert shown == {row["id"] for row in sandbox.state.management_tokens()}
    assert memory_keyring.entries == {} and controller.switcher.currentText() == "Ops"


def test_a_401_just_after_saving_a_new_token_is_explained_not_asked_again(
        qtbot, window, controller, prompts, manager, memory_keyring, sandbox) -> None:
    manager.add(sandbox_profile(sandbox), sandbox.management_token)
    controller.start("Sandbox")
    wait_tokens(qtbot, window)
    saver = controller.new_profile_saver(window.connection)
    saver.save("Fresh", sandbox.management_token)  # what Save as a Connection… does with a new token
    sandbox.faults.fail_next_requests(2, 401)  # the cluster has not activated it yet
    controller.open_profile("Fresh")
    qtbot.waitUntil(lambda: window.signed_out, timeout=WAIT_MS)
    assert prompts.kinds() == ["show_problem"]  # explained; the token just saved is not replaced
    assert "created only moments ago" in prompts.asked[0][1]
    window.refresh()  # a minute later the cluster accepts it
    wait_tokens(qtbot, window)
    assert not window.signed_out


def test_revoking_the_token_in_use_asks_once_and_then_shows_it_revoked_at_the_servers_time(
        qtbot, isolated_settings, prompts, manager, memory_keyring, sandbox, client) -> None:
    spare = client.create_management_token("Spare admin token").access_token  # the person's other token
    window = window_with(manager, prompts, DialogRevokeService(), isolated_settings)
    controller = window.connections
    qtbot.addWidget(window)
    window.show()
    manager.add(sandbox_profile(sandbox), sandbox.management_token)
    controller.start("Sandbox")
    wait_tokens(qtbot, window)
    page = window.page(TokenKind.MANAGEMENT)
    in_use = next(token for token in page.model.tokens() if window.connection.service.is_signed_in_with(token))
    page.select_ids([in_use.id], in_use.id)
    prompts.tokens.append(token_answer(spare))  # asked for new credentials, the person pastes the spare one
    confirm_revoke_when_the_dialog_opens(window)
    window.commands["revoke"].trigger()
    qtbot.waitUntil(lambda: prompts.kinds() == ["ask_token"] and not window.signed_out, timeout=WAIT_MS)
    wait_tokens(qtbot, window)
    window.commands["show-inactive"].setChecked(True)
    shown = page.proxy.token_at(page.proxy_row_of(in_use.id))
    server_time = parse_timestamp(sandbox.state.management_token(in_use.id)["revokedAt"], "revokedAt")
    assert shown.revoked_at == server_time  # Revoked, with the server's own revokedAt
    assert prompts.kinds() == ["ask_token"] and window.banner.message == ""  # one prompt, no banner beside it
