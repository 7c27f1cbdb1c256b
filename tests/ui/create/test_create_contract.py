"""What the create and edit dialogs send over REST is exactly what the official document allows."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.test_client_requests_contract import ContractCheckingTransport
from token_desk.api.client import ManagementApiClient
from token_desk.api.models import Permission, TokenKind
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.requests_and_results import CreateRequest
from token_desk.ui.create.edit_dialog import EditTokenDialog


class BodyRecorder(ContractCheckingTransport):
    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[tuple[str, dict]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.content:
            self.bodies.append((request.method, json.loads(request.content)))
        return super().handle_request(request)


@pytest.fixture
def checked(sandbox):
    transport = BodyRecorder()
    http = httpx.Client(transport=transport)
    client = ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token,
                                 http_client=http)
    yield client, transport
    client.close()
    http.close()


def wait_for_databases(qtbot, editor) -> None:
    qtbot.waitUntil(lambda: "on this cluster" in editor.load_status.text())


def test_create_then_edit_send_only_documented_fields(qtbot, checked) -> None:
    client, transport = checked
    dialog = CreateTokenDialog(None, client, CreateRequest(TokenKind.DATABASE))
    qtbot.addWidget(dialog)
    wait_for_databases(qtbot, dialog.permissions)
    dialog.description_box.setText("contract")
    assert dialog.expiry.expires_at() is not None  # 90 days unless chosen otherwise
    dialog.permissions.set_checked("*", "read")
    dialog.permissions.set_checked("telemetry", "write")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_value.created is not None)
    token = dialog.result_value.created.token
    method, body = transport.bodies[-1]
    assert method == "POST" and set(body) == {"description", "permissions", "expiresAt"}
    assert body["permissions"] == [{"action": "read", "resource": "*"}, {"action": "write", "resource": "telemetry"}]

    edit = EditTokenDialog(None, client, token)
    qtbot.addWidget(edit)
    wait_for_databases(qtbot, edit.permissions)
    edit.permissions.set_checked("telemetry", "write", False)
    edit.submit()
    qtbot.waitUntil(lambda: edit.result_value is not None)
    assert transport.bodies[-1] == ("PATCH", {"permissions": [{"action": "read", "resource": "*"}]})
    assert edit.result_value.updated.permissions == (Permission("read", "*"),)
    assert {"CreateDatabaseToken", "UpdateDatabaseToken", "GetClusterDatabases"} <= set(transport.operations)
