"""New Management Token…, New Database Token… and the first step of Rotate…: one dialog, two kinds."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Callable

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from token_desk.api.influxctl.errors import InfluxctlOutcomeUnknownError
from token_desk.api.models import CreatedToken, Token, TokenKind, utc_now
from token_desk.history import CheckResult, Outcome, recorded_as_rotation
from token_desk.history.check import created_by_attempt
from token_desk.models.display import local_time_with_zone, visible_text
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.create.requests_and_results import DEFAULT_LIFETIME, CreateRequest, CreateResult, TokenDraft, TokenService
from token_desk.ui.create.expiry_editor import EXPIRES_AFTER, Clock, ExpiryEditor
from token_desk.ui.common.error_text import UNKNOWN_OUTCOME, Step, error_sentence, step_error_sentence
from token_desk.ui.create.permissions_editor import PermissionsEditor
from token_desk.ui.create.submitting_dialog import SubmittingDialog

CONFIRM_TEXT = "Create Token"
DESCRIPTION_MISSING = "Enter a description: it is how you will recognise this token later."
# A token created by an attempt whose answer was lost has a createdAt a little after the click
# (the server's clock may also differ a little from ours).
CLOCK_SLACK = timedelta(minutes=2)


def rotated_description(description: str, today: datetime) -> str:
    return f"{description} (rotated {today.astimezone():%Y-%m-%d})"


def rotate_request(token: Token, now: datetime) -> CreateRequest:
    """A replacement with the same permissions and the old token's lifetime counted from today, named after
    it. An old token that never expired gets the default lifetime: rotating is the moment to stop that."""
    lifetime = DEFAULT_LIFETIME
    if token.expires_at is not None:
        lifetime = max(token.expires_at - token.created_at, timedelta(hours=1))
    return CreateRequest(token.kind, rotated_description(token.description, now), tuple(token.permissions),
                         lifetime, replaces=token, cluster=token.cluster)


def find_created(tokens: list[Token], draft: TokenDraft, since: datetime) -> Token | None:
    """The token an unanswered create made, if the list has one: same description, created since."""
    matches = [token for token in tokens if token.description == draft.description
               and token.created_at >= since - CLOCK_SLACK and not token.is_revoked]
    return max(matches, key=lambda token: token.created_at) if matches else None


class CreateTokenDialog(SubmittingDialog):
    """`ask()` returns a CreateResult: the created token (with its secret) or None if cancelled."""

    def __init__(self, parent: QWidget | None, service: TokenService, request: CreateRequest, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent, request.title)
        self._service, self._request, self._clock = service, request, clock
        self._result = CreateResult()
        # A create's answer was lost (an OutcomeUnknownError, never a plain timeout: that one was never sent):
        # it was sent at this moment, and the next press checks the list first.
        self._unsure_since: datetime | None = None
        self._attempted_at = clock()
        self._build()
        self.finish_layout(CONFIRM_TEXT)
        self.description_box.setFocus()

    @property
    def result_value(self) -> CreateResult:
        return self._result

    @property
    def kind(self) -> TokenKind:
        return self._request.kind

    # ---- building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        request = self._request
        if request.replaces is not None:
            self.form_area.addWidget(plain_label(self._rotate_intro(request.replaces), self, wrap=True))
        form = QFormLayout()
        self.description_box = QLineEdit(request.description, self)
        self.description_box.setPlaceholderText("What this token is for, e.g. “Grafana, read-only”")
        self.description_box.textChanged.connect(self.refresh_state)
        form.addRow("Description *", self.description_box)
        self.form_area.addLayout(form)
        self.expiry = ExpiryEditor(self, clock=self._clock, management=request.kind is TokenKind.MANAGEMENT)
        self.expiry.set_lifetime(request.lifetime)
        self.expiry.changed.connect(self.refresh_state)
        self.form_area.addWidget(self.expiry)
        self.permissions: PermissionsEditor | None = None
        if request.kind is TokenKind.DATABASE:
            self._add_permissions(request)

    def _add_permissions(self, request: CreateRequest) -> None:
        self.form_area.addWidget(plain_label("Permissions *", self))
        self.permissions = PermissionsEditor(self)
        self.permissions.set_permissions(request.permissions)
        self.permissions.changed.connect(self.refresh_state)
        self.form_area.addWidget(self.permissions, 1)
        self.permissions.load(self._service.list_databases)

    def _rotate_intro(self, old: Token) -> str:
        expiry = "never expires" if old.expires_at is None else f"expires {local_time_with_zone(old.expires_at)}"
        return (f"A replacement for \u201c{visible_text(old.description)}\u201d (ID {old.id}, {expiry}). It gets the same "
                "permissions; the old token keeps working until you revoke it, which you can do once the "
                "new secret is shown.")

    # ---- input --------------------------------------------------------------------------------------
    def draft(self) -> TokenDraft:
        permissions = self.permissions.permissions() if self.permissions is not None else ()
        return TokenDraft(self.kind, self.description_box.text().strip(), self.expiry.expires_at(), permissions)

    def problem(self) -> str | None:
        if not self.description_box.text().strip():
            return DESCRIPTION_MISSING
        return self.expiry.problem() or (self.permissions.problem() if self.permissions is not None else None)

    def form_enabled(self, enabled: bool) -> None:
        for widget in (self.description_box, self.expiry, self.permissions):
            if widget is not None:
                widget.setEnabled(enabled)

    def _focus_field(self, field: str | None) -> None:
        targets = {"Description": self.description_box, EXPIRES_AFTER: self.expiry.choice}
        target = targets.get(field or "") or (self.permissions.table if self.permissions and field else None)
        if target is not None:
            target.setFocus()

    def busy_text(self) -> str:
        return "Checking whether the earlier attempt created it…" if self._unsure_since else "Creating the token…"

    # ---- sending ------------------------------------------------------------------------------------
    def _send(self) -> tuple[Callable[[], Any], Step]:
        draft, since = self.draft(), self._unsure_since
        self._attempted_at = self._clock()
        if since is not None:
            return (lambda: self._check_then_create(draft, since)), "check"
        return (lambda: self._create(draft)), self._step()

    def _step(self) -> Step:
        return "create-management" if self.kind is TokenKind.MANAGEMENT else "create-database"

    def _create(self, draft: TokenDraft) -> CreatedToken:
        """Runs off the GUI thread."""
        with recorded_as_rotation(self._service, self._request.replaces):  # the action history says "rotate"
            if draft.kind is TokenKind.MANAGEMENT:
                return self._service.create_management_token(draft.description, draft.expires_at)
            return self._service.create_database_token(draft.description, draft.permissions, draft.expires_at)

    def _check_then_create(self, draft: TokenDraft, since: datetime) -> CreatedToken | Token:
        """After a lost answer: the token the unanswered attempt made, else a new create. Off the GUI thread."""
        found = find_created(self._service.list_tokens(draft.kind), draft, since)
        return found if found is not None else self._create(draft)

    def _answered(self, result: Any) -> None:
        self._unsure_since = None
        if isinstance(result, CreatedToken):
            self._result.created = result
            self.accept()
            return
        self._result.discovered.append(result)
        self.show_error(discovered_text(result))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UNKNOWN_OUTCOME) and self._unsure_since is None:
            self._unsure_since = self._attempted_at
        if isinstance(error, InfluxctlOutcomeUnknownError):  # stopped part-way: the list says what happened
            draft, since = self.draft(), self._attempted_at
            self.check_outcome(step_error_sentence(error, self._step()), lambda: self._settle(draft, since),
                               self._settled, self._settle_failed)

    def _settle(self, draft: TokenDraft, since: datetime) -> tuple[CheckResult, Token | None]:
        """What the list proves about the unconfirmed create. Off the GUI thread."""
        tokens = self._service.list_tokens(draft.kind)
        result = created_by_attempt(tokens, draft.description, since)
        return result, next((token for token in tokens if result.token_id and token.id == result.token_id), None)

    def _settled(self, answer: tuple[CheckResult, Token | None]) -> None:
        result, token = answer
        if result.outcome is Outcome.CONFIRMED and token is not None:
            self._unsure_since = None
            self._result.discovered.append(token)
            self.show_error(discovered_text(token))
        elif result.outcome is Outcome.FAILED:
            self.show_error(not_created_text(self.draft().description))
        else:  # the list cannot tell: say so, and a new press creates (the person has been told)
            self._unsure_since = None
            self.show_error(f"Unknown whether the token was created: {result.message} Look for it in the token "
                            "list; Create Token makes a new one.")

    def _settle_failed(self, error: BaseException) -> None:
        self.show_error("Unknown whether the token was created: Token Desk could not list the tokens to check. "
                        f"{error_sentence(error, 'Checking the token list')} Create Token checks the list first, "
                        "so trying again never makes a duplicate.")


def not_created_text(description: str) -> str:
    return (f"Not created: influxctl did not confirm the create, and the token list shows no token "
            f"\u201c{description}\u201d created since then. Press Create Token to try again.")


def discovered_text(token: Token) -> str:
    return (f"The earlier attempt did create this token (ID {token.id}, created "
            f"{local_time_with_zone(token.created_at)}), "
            "but its secret was lost with the answer that never arrived, and it cannot be shown again. It is now "
            "in the list: revoke it there, then press Create Token for a new one.")
