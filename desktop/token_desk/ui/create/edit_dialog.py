"""Edit database token…: description and permissions, pre-filled; the expiry shown but not editable."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from token_desk.api.influxctl.errors import InfluxctlOutcomeUnknownError
from token_desk.api.models import Token, TokenKind
from token_desk.models.display import NEVER, local_time_with_zone
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.create.create_dialog import DESCRIPTION_MISSING
from token_desk.ui.create.requests_and_results import EditResult, TokenService
from token_desk.ui.common.error_text import Step, error_sentence, step_error_sentence
from token_desk.ui.create.permissions_editor import PermissionsEditor
from token_desk.ui.create.submitting_dialog import SubmittingDialog

CONFIRM_TEXT = "Save Changes"
NOTHING_CHANGED = "Change the description or the permissions to save."
EXPIRY_FIXED = ("The expiry cannot be changed: the API keeps it for the token's whole life. "
                "Rotate… creates a replacement with the same permissions and a new expiry.")


class EditTokenDialog(SubmittingDialog):
    """`ask()` returns an EditResult: the server's updated token, a request to rotate, or None."""

    def __init__(self, parent: QWidget | None, service: TokenService, token: Token) -> None:
        if token.kind is not TokenKind.DATABASE:
            raise ValueError("Only database tokens can be edited")
        super().__init__(parent, "Edit Database Token")
        self._service, self._token = service, token
        self._result: EditResult | None = None
        self._build()
        self.finish_layout(CONFIRM_TEXT)
        self.rotate_button = self.buttons.addButton("Rotate…", self.buttons.ButtonRole.ActionRole)
        self.rotate_button.setAutoDefault(False)
        self.rotate_button.setToolTip("Create a replacement with a new expiry instead")
        self.rotate_button.clicked.connect(self._rotate_instead)

    @property
    def result_value(self) -> EditResult | None:
        return self._result

    def _build(self) -> None:
        token = self._token
        form = QFormLayout()
        self.description_box = QLineEdit(token.description, self)
        self.description_box.textChanged.connect(self.refresh_state)
        form.addRow("Description *", self.description_box)
        form.addRow("Token ID", plain_label(token.id, self, selectable=True))
        expiry = NEVER if token.expires_at is None else local_time_with_zone(token.expires_at)
        form.addRow("Expires At", plain_label(expiry, self))
        self.form_area.addLayout(form)
        self.form_area.addWidget(plain_label(EXPIRY_FIXED, self, wrap=True))
        self.form_area.addWidget(plain_label("Permissions (the token's permissions are replaced by exactly "
                                             "what is ticked here)", self, wrap=True))
        self.permissions = PermissionsEditor(self)
        self.permissions.set_permissions(token.permissions)
        self.permissions.changed.connect(self.refresh_state)
        self.form_area.addWidget(self.permissions, 1)
        self.permissions.load(self._service.list_databases)

    def _changes(self) -> dict[str, Any]:
        """Only what differs from the token: PATCH replaces the permissions wholesale when sent."""
        changes: dict[str, Any] = {}
        description = self.description_box.text().strip()
        if description != self._token.description:
            changes["description"] = description
        permissions = self.permissions.permissions()
        # Against what the editor could show: a permission it has no box for (see PermissionsEditor) is no
        # change, and stays on the server unless new permissions are saved.
        if set(permissions) != self.permissions.tickable(self._token.permissions):
            changes["permissions"] = permissions
        return changes

    def problem(self) -> str | None:
        if not self.description_box.text().strip():
            return DESCRIPTION_MISSING
        if not self.permissions.permissions():
            return self.permissions.problem()
        return None if self._changes() else NOTHING_CHANGED

    def form_enabled(self, enabled: bool) -> None:
        self.description_box.setEnabled(enabled)
        self.permissions.setEnabled(enabled)
        if hasattr(self, "rotate_button"):
            self.rotate_button.setEnabled(enabled)

    def _focus_field(self, field: str | None) -> None:
        if field == "Description":
            self.description_box.setFocus()
        elif field:
            self.permissions.table.setFocus()

    def busy_text(self) -> str:
        return "Saving the changes…"

    def _send(self) -> tuple[Callable[[], Any], Step]:
        token_id, changes = self._token.id, self._changes()
        return (lambda: self._service.update_database_token(token_id, **changes)), "update"

    def _answered(self, result: Any) -> None:
        self._result = EditResult(updated=result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, InfluxctlOutcomeUnknownError):  # stopped part-way: the token's next copy says
            token_id, changes = self._token.id, self._changes()
            self.check_outcome(step_error_sentence(error, "update"),
                               lambda: self._service.get_token(TokenKind.DATABASE, token_id),
                               lambda token: self._settled(token, changes), self._settle_failed)

    def _settled(self, token: Token, changes: dict[str, Any]) -> None:
        if token.id == self._token.id and has_changes(token, changes):
            self._answered(token)  # the service shows the change: it was saved
            return
        self.show_error("Not saved: influxctl did not confirm the change, and the token still has its "
                        "earlier values. Press Save Changes to try again.")

    def _settle_failed(self, error: BaseException) -> None:
        self.show_error("Unknown whether the change was saved: Token Desk could not re-read the token. "
                        f"{error_sentence(error, 'Re-reading the token')} Saving again is safe: it sets the same "
                        "values.")

    def _rotate_instead(self) -> None:
        if not self.busy:
            self._result = EditResult(rotate=True)
            self.accept()


def has_changes(token: Token, changes: dict[str, Any]) -> bool:
    """The token as re-read carries every value the edit asked for."""
    if "description" in changes and token.description != changes["description"]:
        return False
    return "permissions" not in changes or set(token.permissions) == set(changes["permissions"])
