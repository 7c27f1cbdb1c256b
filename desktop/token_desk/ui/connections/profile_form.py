"""The add/edit form of a connection profile, validated as you type, and the dialog around it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from token_desk.api.influxctl import InfluxctlProgram, pipes_work
from token_desk.api.url_safety import plain_http_warning, sends_token_in_clear
from token_desk.credentials import (
    ALLOW_PLAIN_HTTP_LABEL, DEFAULT_BASE_URL, InvalidTokenError, Profile, ProfileField, validate_added_cluster_ids,
    validate_profile_fields, validate_token,
)
from token_desk.ui.connections.connection_check import (
    ConnectionTestRow, ProgramSource, count_database_tokens, count_influxctl_database_tokens,
)
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.palette import error_style, style_live
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.secret_field import SecretField

TOKEN_FIELD = "token"
SIGN_IN_CHOICES = ("Management token", "influxctl profile")  # way a (token in the keyring), way b (influxctl's own)
INFLUXCTL_PROFILE_FIELD, INFLUXCTL_CONFIG_FIELD = "influxctl_profile", "influxctl_config"
ADDED_CLUSTERS_FIELD = "added_cluster_ids"  # other clusters of the account, by ID, for where influxctl cannot list them
ADDED_CLUSTERS_PLACEHOLDER = "Optional: their IDs, comma-separated"  # the whole of it fits the field
ADDED_CLUSTERS_TIP = ("Other clusters of the account, by ID, for where influxctl cannot list them "
                      "(influxctl usually does)")
# Rows an "influxctl profile" connection does without: influxctl knows where to go and signs itself in.
_TOKEN_ONLY_FIELDS = (ProfileField.BASE_URL, ProfileField.ACCOUNT_ID, ProfileField.CLUSTER_ID, TOKEN_FIELD,
                      ADDED_CLUSTERS_FIELD)


def added_cluster_ids(text: str) -> tuple[str, ...]:
    """The IDs typed into "Other clusters": separated by commas, spaces or line breaks."""
    return tuple(part for part in text.replace(",", " ").split() if part)
# Where way a cannot reach influxctl (no /dev/fd: Windows), said where the choice is made.
TOKEN_WITHOUT_INFLUXCTL_NOTE = ("On Windows Token Desk cannot hand influxctl the management token without writing "
                                "it to a file, which it never does, so this connection shows database tokens only; "
                                "sign in with an influxctl profile to see management tokens too.")
UUID_PLACEHOLDER = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
_ANY_UUID = "00000000-0000-4000-8000-000000000000"  # stands in for IDs an influxctl profile does not need


@dataclass(frozen=True)
class ProfileFormResult:
    profile: Profile
    token: str | None = field(default=None, repr=False)  # None: keep the stored token


def _error_label() -> QLabel:
    label = plain_label(wrap=True)  # messages quote what was typed
    style_live(label, error_style)
    label.hide()
    return label


class ProfileForm(QWidget):
    """Name, API URL, account and cluster IDs and the token; `validity_changed` gates OK."""

    validity_changed = Signal(bool)
    messages_shown = Signal()  # a message appeared or went: the dialog may need to grow

    def __init__(self, existing_names: Sequence[str] = (), editing: Profile | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._existing_names = list(existing_names)
        self._current_name = editing.name if editing is not None else None
        self._valid = False
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.sign_in_box = QComboBox(self)
        self.sign_in_box.addItems(SIGN_IN_CHOICES)
        self._layout_rows: dict[str, QWidget] = {}
        self._lay_out()
        self.token_field.set_keeps_stored(editing is not None)
        self._fill(editing)
        self._connect_validation()
        self.revalidate()

    def _lay_out(self) -> None:
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._form_layout = layout
        layout.addRow("Sign in with", self.sign_in_box)
        self.sign_in_note = plain_label(TOKEN_WITHOUT_INFLUXCTL_NOTE, self, wrap=True)
        layout.addRow("", self.sign_in_note)
        # Qt names a combo box by its current choice alone: say what the choice is about.
        self.sign_in_box.setAccessibleName("Sign in with")  # its label's buddy on macOS and Windows
        self.sign_in_box.setAccessibleDescription("Sign in with: a management token, or an influxctl profile")
        rows = (("Name", ProfileField.NAME, "e.g. Production"), ("API base URL", ProfileField.BASE_URL, DEFAULT_BASE_URL),
                ("Account ID", ProfileField.ACCOUNT_ID, UUID_PLACEHOLDER),
                ("Cluster ID", ProfileField.CLUSTER_ID, UUID_PLACEHOLDER))
        for label, key, placeholder in rows:
            self.inputs[key] = QLineEdit(self)
            self.inputs[key].setPlaceholderText(placeholder)
            self._add_row(layout, label, self.inputs[key], key)
        # Made here, not earlier: Tab follows the order widgets were made in, and it goes Cluster ID → token.
        self.token_field = SecretField(self)
        self._add_row(layout, "Management token", self.token_field, TOKEN_FIELD)
        self.inputs[ADDED_CLUSTERS_FIELD] = QLineEdit(self)
        self.inputs[ADDED_CLUSTERS_FIELD].setPlaceholderText(ADDED_CLUSTERS_PLACEHOLDER)
        self.inputs[ADDED_CLUSTERS_FIELD].setToolTip(ADDED_CLUSTERS_TIP)
        self._add_row(layout, "Other clusters", self.inputs[ADDED_CLUSTERS_FIELD], ADDED_CLUSTERS_FIELD)
        for label, key, placeholder in (("influxctl profile", INFLUXCTL_PROFILE_FIELD, "default"),
                                        ("influxctl config file", INFLUXCTL_CONFIG_FIELD,
                                         "influxctl's default config.toml")):
            self.inputs[key] = QLineEdit(self)
            self.inputs[key].setPlaceholderText(placeholder)
            self._add_row(layout, label, self.inputs[key], key)
        layout.addRow("", self._plain_http_column())

    def _plain_http_column(self) -> QVBoxLayout:
        """Shown only for an http:// URL to another computer: the per-connection choice and its warning."""
        self.allow_plain_http = QCheckBox(ALLOW_PLAIN_HTTP_LABEL, self)
        self.plain_http_warning = _error_label()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.allow_plain_http)
        column.addWidget(self.plain_http_warning)
        self.allow_plain_http.hide()
        return column

    def settle_layout(self) -> None:
        """Recompute every row's size now: a field's row reports its old height until its layout runs."""
        for holder in self._layout_rows.values():
            holder.layout().activate()
        self.layout().activate()

    def _add_row(self, layout: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        self.errors[key] = _error_label()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors[key])
        holder = QWidget(self)
        holder.setLayout(column)
        column.setContentsMargins(0, 0, 0, 0)
        self._layout_rows[key] = holder
        # The label sits beside a holder of field and error line: point it (and a screen reader) at the field.
        field = widget.line_edit if isinstance(widget, SecretField) else widget
        field.setAccessibleName(label)
        label_widget = QLabel(label, self)
        label_widget.setBuddy(field)
        layout.addRow(label_widget, holder)

    def _fill(self, profile: Profile | None) -> None:
        values = profile or Profile(name="", account_id="", cluster_id="")
        for key in ProfileField:
            self.inputs[key].setText(getattr(values, key))
        self.allow_plain_http.setChecked(values.allow_plain_http)
        self.inputs[INFLUXCTL_PROFILE_FIELD].setText(values.influxctl_profile or "")
        self.inputs[INFLUXCTL_CONFIG_FIELD].setText(values.influxctl_config or "")
        self.inputs[ADDED_CLUSTERS_FIELD].setText(", ".join(values.added_cluster_ids))
        # A new connection where a token cannot reach influxctl starts with the way that shows everything.
        prefers_influxctl = values.uses_influxctl_profile or (profile is None and not pipes_work())
        self.sign_in_box.setCurrentIndex(1 if prefers_influxctl else 0)
        self._show_sign_in_rows()

    def _connect_validation(self) -> None:
        for line_edit in self.inputs.values():
            line_edit.textChanged.connect(self.revalidate)
        self.token_field.text_changed.connect(self.revalidate)
        self.allow_plain_http.toggled.connect(self.revalidate)
        self.sign_in_box.currentIndexChanged.connect(self._show_sign_in_rows)
        self.sign_in_box.currentIndexChanged.connect(self.revalidate)

    @property
    def uses_influxctl_profile(self) -> bool:
        return self.sign_in_box.currentIndex() == 1

    def _show_sign_in_rows(self, *_ignored: object) -> None:
        influxctl = self.uses_influxctl_profile
        self._form_layout.setRowVisible(self.sign_in_note, not influxctl and not pipes_work())
        for key, holder in self._layout_rows.items():
            wanted = key not in _TOKEN_ONLY_FIELDS if influxctl else key not in (INFLUXCTL_PROFILE_FIELD,
                                                                                INFLUXCTL_CONFIG_FIELD)
            self._form_layout.setRowVisible(holder, wanted)

    @property
    def is_editing(self) -> bool:
        return self._current_name is not None

    @property
    def is_valid(self) -> bool:
        return self._valid

    def messages(self) -> dict[str, str]:
        """Field key -> message for every field that cannot be saved as it is."""
        text = {key: line_edit.text() for key, line_edit in self.inputs.items()}
        if self.uses_influxctl_profile:
            name_problem = validate_profile_fields(text[ProfileField.NAME], DEFAULT_BASE_URL, _ANY_UUID, _ANY_UUID,
                                                   existing_names=self._existing_names,
                                                   current_name=self._current_name)
            return {str(k): v for k, v in name_problem.items()}
        problems: dict[str, str] = {str(k): v for k, v in validate_profile_fields(
            text[ProfileField.NAME], text[ProfileField.BASE_URL], text[ProfileField.ACCOUNT_ID],
            text[ProfileField.CLUSTER_ID], existing_names=self._existing_names, current_name=self._current_name,
            allow_plain_http=self._plain_http_allowed(),
        ).items()}
        token_problem = self._token_problem()
        if token_problem is not None:
            problems[TOKEN_FIELD] = token_problem
        added = validate_added_cluster_ids(added_cluster_ids(text[ADDED_CLUSTERS_FIELD]), text[ProfileField.CLUSTER_ID])
        if added is not None:
            problems[ADDED_CLUSTERS_FIELD] = added
        return problems

    def _token_problem(self) -> str | None:
        token = self.token_field.text()
        if not token and self.is_editing:
            return None  # keep the stored one
        return validate_token(token)

    def _plain_http_allowed(self) -> bool:
        return self.allow_plain_http.isChecked() and sends_token_in_clear(self.inputs[ProfileField.BASE_URL].text())

    def _show_plain_http_choice(self) -> None:
        url = self.inputs[ProfileField.BASE_URL].text()
        needed = sends_token_in_clear(url)
        self.allow_plain_http.setVisible(needed)
        self.plain_http_warning.setText(plain_http_warning(url) if needed else "")
        self.plain_http_warning.setVisible(needed and self.allow_plain_http.isChecked())

    def revalidate(self) -> None:
        self._show_plain_http_choice()
        problems = self.messages()
        shown_before = self._shown_messages()
        for key, label in self.errors.items():
            # An untouched empty field gets its message only once something was typed into it.
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems and self._was_touched(key))
        if self._shown_messages() != shown_before:
            self.messages_shown.emit()
        valid = not problems
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _shown_messages(self) -> dict[str, str]:
        return {key: label.text() for key, label in self.errors.items() if not label.isHidden()}

    def _was_touched(self, key: str) -> bool:
        if key == TOKEN_FIELD:
            return self.token_field.line_edit.isModified()
        return self.inputs[key].isModified() or bool(self.inputs[key].text())

    def show_all_messages(self) -> None:
        problems = self.messages()
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)

    def result(self) -> ProfileFormResult:
        """The profile as typed; raises ValueError while the form is invalid."""
        if not self.is_valid:
            raise ValueError("The profile form is not valid yet.")
        text = {key: line_edit.text() for key, line_edit in self.inputs.items()}
        fields = {str(key): text[key] for key in ProfileField}
        if self.uses_influxctl_profile:  # no token: influxctl signs itself in
            profile = Profile(**fields, influxctl_profile=text[INFLUXCTL_PROFILE_FIELD].strip() or "default",
                              influxctl_config=text[INFLUXCTL_CONFIG_FIELD].strip() or None)
            return ProfileFormResult(profile, None)
        token = self.token_field.text() or None
        added = added_cluster_ids(text[ADDED_CLUSTERS_FIELD])
        return ProfileFormResult(Profile(**fields, allow_plain_http=self._plain_http_allowed(),
                                         added_cluster_ids=added), token)

    def influxctl_probe(self, program: InfluxctlProgram) -> Callable[[], int]:
        """For "Test Connection" of an influxctl profile: list its database tokens through `program`."""
        config = self.inputs[INFLUXCTL_CONFIG_FIELD].text().strip() or None
        profile = self.inputs[INFLUXCTL_PROFILE_FIELD].text().strip() or "default"
        return lambda: count_influxctl_database_tokens(program, config, profile)

    def connection_values(self) -> tuple[str, str, str, str, bool]:
        """URL, account ID, cluster ID, typed token and the plain-HTTP choice, for "Test Connection"."""
        text = {key: line_edit.text().strip() for key, line_edit in self.inputs.items()}
        return (text[ProfileField.BASE_URL], text[ProfileField.ACCOUNT_ID], text[ProfileField.CLUSTER_ID],
                self.token_field.text().strip(), self._plain_http_allowed())


TokenLookup = Callable[[str], "str | None"]


class ProfileDialog(QDialog):
    """Add or edit one profile; `result_value` is set once OK was pressed on a valid form."""

    def __init__(self, parent: QWidget | None, existing_names: Sequence[str] = (), editing: Profile | None = None,
                 token_lookup: TokenLookup | None = None, *, influxctl_program: ProgramSource) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Connection" if editing else "Add Connection")
        self.setMinimumWidth(560)
        self._editing = editing
        self._token_lookup = token_lookup
        self._influxctl_program = influxctl_program
        self.result_value: ProfileFormResult | None = None
        self.form = ProfileForm(existing_names, editing, self)
        self.test_row = ConnectionTestRow(self)
        self.test_row.test_requested.connect(self._test)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.validity_changed.connect(self.save_button.setEnabled)
        self._fitted_height: int | None = None  # the height _fit_messages last gave: another is the person's
        self.form.messages_shown.connect(self._fit_messages)
        self.save_button.setEnabled(self.form.is_valid)
        # The test and its outcome sit in the field column, aligned with the fields and their messages.
        self.form.layout().addRow("", self.test_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.form.inputs[ProfileField.NAME].setFocus()  # forms start at their first field

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @classmethod
    def ask(cls, parent: QWidget | None, existing_names: Sequence[str] = (), editing: Profile | None = None,
            token_lookup: TokenLookup | None = None, *,
            influxctl_program: ProgramSource) -> ProfileFormResult | None:
        dialog = cls(parent, existing_names, editing, token_lookup, influxctl_program=influxctl_program)
        dialog.exec()
        return dialog.result_value

    def accept(self) -> None:  # Qt override: OK only ever closes a valid form
        if not self.form.is_valid:
            self.form.show_all_messages()
            return
        self.result_value = self.form.result()
        super().accept()

    def reject(self) -> None:  # Qt override: Esc first stops a running connection test
        if self.test_row.busy:
            self.test_row.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:  # Qt override: however it closes, no test is left running
        self.test_row.cancel()
        super().done(result)

    def _fit_messages(self) -> None:
        """Grow for a message shown, and shrink back once it is gone, unless the person chose a height.
        On the next turn of the event loop: a hidden message's row reports its old height until then."""
        QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self.form.settle_layout()
        self.layout().activate()
        wanted = self.sizeHint().height()
        if self._fitted_height is not None and self._fitted_height != self.height():
            self.resize(self.width(), max(self.height(), wanted))  # the person's height: only grow
            return
        self.resize(self.width(), wanted)
        self._fitted_height = self.height()

    def _test(self) -> None:
        if self.form.uses_influxctl_profile:
            self.test_row.run(self.form.influxctl_probe(self._influxctl_program()))
            return
        base_url, account_id, cluster_id, typed, allow_plain_http = self.form.connection_values()
        stored_name = self._editing.name if self._editing is not None and not typed else None
        lookup = self._token_lookup

        def probe() -> int:  # worker thread: may read the keyring, then one GET
            token = typed or (lookup(stored_name) if lookup and stored_name else None)
            if not token:
                raise InvalidTokenError("Enter the management token to test the connection.")
            return count_database_tokens(base_url, account_id, cluster_id, token, allow_plain_http)

        self.test_row.run(probe)
