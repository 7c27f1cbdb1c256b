"""The flows' order and promises, with scripted dialogs and a recording window."""

from __future__ import annotations

from types import SimpleNamespace

from tests.ui.create.conftest import DEMO_SECRET, database_token
from token_desk.api.models import CreatedToken
from token_desk.ui.create import TokenLifecycle
from token_desk.ui.create.requests_and_results import CreateResult, EditResult, SecretOutcome


class Host:
    dialog_parent = None

    def __init__(self, service, report=None) -> None:
        self.service, self.report = service, report
        self.shown, self.messages, self.revoke_asked = [], [], []

    def token_service(self, cluster=None):
        return self.service

    def show_token(self, token) -> None:
        self.shown.append(token)

    def show_message(self, text: str) -> None:
        self.messages.append(text)

    def revoke_with_dialog(self, token):
        self.revoke_asked.append(token)
        return self.report

    def profile_saver(self):
        return None


class Dialogs:
    def __init__(self, create_result: CreateResult, revoke_now: bool = True, edit_result=None) -> None:
        self.create_result, self.revoke_now, self.edit_result = create_result, revoke_now, edit_result
        self.steps: list[str] = []
        self.requests = []

    def create(self, parent, service, request):
        self.steps.append("create")
        self.requests.append(request)
        return self.create_result

    def edit(self, parent, service, token):
        self.steps.append("edit")
        return self.edit_result

    def show_secret(self, parent, created, saver):
        self.steps.append("secret")
        return SecretOutcome(copied=True)

    def revoke_old_now(self, parent, old) -> bool:
        self.steps.append("ask-revoke")
        return self.revoke_now


def new_token(old):
    return CreatedToken(database_token(f"{old.description} (rotated)", old.permissions), DEMO_SECRET)


def test_if_creation_fails_rotation_does_nothing_else(service) -> None:
    old = database_token()
    host, dialogs = Host(service), Dialogs(CreateResult())
    assert TokenLifecycle(host, dialogs).rotate(old) is None
    assert dialogs.steps == ["create"] and host.revoke_asked == [] and host.shown == []


def test_rotation_asks_before_revoking_and_revokes_only_through_the_revoke_dialog(service) -> None:
    old = database_token()
    created = new_token(old)
    report = SimpleNamespace(outcomes=[SimpleNamespace(succeeded=True, message="Revoked.")])
    host, dialogs = Host(service, report), Dialogs(CreateResult(created))
    TokenLifecycle(host, dialogs).rotate(old)
    assert dialogs.steps == ["create", "secret", "ask-revoke"]
    assert host.revoke_asked == [old] and host.shown == [created.token]
    request = dialogs.requests[0]
    assert request.permissions == old.permissions and request.replaces is old
    assert "revoked" in host.messages[-1]


def test_a_failed_revoke_leaves_the_new_token_standing_and_says_so(service) -> None:
    old = database_token()
    report = SimpleNamespace(outcomes=[SimpleNamespace(succeeded=False, message="Not revoked: forbidden (403).")])
    host = Host(service, report)
    TokenLifecycle(host, Dialogs(CreateResult(new_token(old)))).rotate(old)
    assert "new token" in host.messages[-1] and "stands" in host.messages[-1] and "403" in host.messages[-1]


def test_tokens_a_timed_out_create_made_are_shown_even_when_cancelled(service) -> None:
    found = database_token("made by the lost attempt")
    host = Host(service)
    TokenLifecycle(host, Dialogs(CreateResult(None, [found]))).new_token(found.kind)
    assert host.shown == [found]


def test_edit_can_hand_over_to_rotate(service) -> None:
    old = database_token()
    host, dialogs = Host(service), Dialogs(CreateResult(), edit_result=EditResult(rotate=True))
    TokenLifecycle(host, dialogs).edit(old)
    assert dialogs.steps == ["edit", "create"] and dialogs.requests[0].replaces is old
