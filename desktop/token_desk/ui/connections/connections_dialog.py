"""The Connections dialog: list, add, edit, duplicate, delete and test profiles, and connect to one."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from token_desk.credentials import CredentialError, Profile, ProfileManager, SecretStoreError
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.connections.connection_check import (
    ConnectionTestRow, ProgramSource, count_database_tokens, count_influxctl_database_tokens,
)
from token_desk.ui.connections.connections_prompts import Prompts
from token_desk.ui.connections.influxctl_program_row import InfluxctlProgramRow
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.icons import icon
from token_desk.ui.common.plain_text import plain_label, plain_tooltip
from token_desk.ui.connections.profile_form import ProfileFormResult
from token_desk.ui.connections.token_storage import keep_for_session, store_token

NAME_ROLE = Qt.ItemDataRole.UserRole
EMPTY_TEXT = "No saved connections yet. Add one, or import your influxctl profiles."  # the demo is not one
IMPORT_TEXT = "Import from influxctl…"


DEMO_ITEM = "Demo: the built-in sandbox  (connected)"
DEMO_DETAILS = ("The demo runs on a sandbox server built into Token Desk, on this computer, with sample data: "
                "database tokens through its Management API, management tokens through the built-in influxctl "
                "emulator. Nothing you do in it is stored. Add a connection to reach your own cluster.")
DEMO_INFLUXCTL = "the built-in influxctl emulator, for the demo"


def profile_details(profile: Profile) -> str:
    return f"API: {profile.base_url}\nAccount ID: {profile.account_id}\nCluster ID: {profile.cluster_id}"


SESSION_ONLY_NOTE = "token for this session only"  # the keyring could not keep it

class ConnectionsDialog(QDialog):
    """Keyring work runs off the GUI thread; `connect_requested(name)` asks the app to switch."""

    connect_requested = Signal(str)
    import_requested = Signal()
    profile_renamed = Signal(str, str)  # old, new (also emitted with old == new for an edit)
    profile_deleted = Signal(str)

    def __init__(self, parent: QWidget | None, manager: ProfileManager, prompts: Prompts,
                 active_name: str | None = None, *, influxctl_program: ProgramSource) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connections")
        self.setMinimumSize(640, 400)
        self._manager = manager
        self._prompts = prompts
        self._active_name = active_name
        self._influxctl_program = influxctl_program
        self.list = QListWidget(self)
        self.list.setAccessibleName("Connections")
        self.details_label = plain_label(wrap=True, selectable=True)
        self.status_label = plain_label(wrap=True, selectable=True)
        self.test_row = ConnectionTestRow(self)
        self.influxctl_row = InfluxctlProgramRow(self)
        self.buttons: dict[str, QPushButton] = {}
        self._demo_details = ""
        self._build()
        self.reload()

    # ---- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        side = QVBoxLayout()
        for text, slot in (("Add…", self.add_profile), ("Edit…", self.edit_selected),
                           ("Duplicate", self.duplicate_selected), ("Delete…", self.delete_selected),
                           (IMPORT_TEXT, self.import_requested.emit)):
            self.buttons[text] = QPushButton(text, self)
            self.buttons[text].clicked.connect(slot)
            side.addWidget(self.buttons[text])
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        self.bottom = button_box(QDialogButtonBox.StandardButton.Close)
        self.connect_button = self.bottom.addButton("Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.bottom.accepted.connect(self.connect_selected)
        self.bottom.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (top, self.details_label, self.test_row, self.status_label, self.influxctl_row, self.bottom):
            layout.addLayout(part) if isinstance(part, QHBoxLayout) else layout.addWidget(part)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.connect_selected())
        self.test_row.test_requested.connect(self.test_selected)

    # ---- the list ---------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the profiles again; keep (or move to) the selection."""
        select = select or self.selected_name() or self._active_name
        self.list.clear()
        if self._demo_details:
            item = QListWidgetItem(icon("connection"), DEMO_ITEM)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: nothing to edit, test or delete
            item.setToolTip(DEMO_DETAILS)
            self.list.addItem(item)
        try:
            profiles = self._manager.store.list()
        except CredentialError as err:
            profiles = []
            self.status_label.setText(str(err))
        for profile in profiles:
            self.list.addItem(self._item(profile))
        rows = [self.list.item(row).data(NAME_ROLE) for row in range(self.list.count())]
        first = next((row for row, name in enumerate(rows) if name is not None), -1)
        self.list.setCurrentRow(rows.index(select) if select in rows else first)
        self._selection_changed()

    def _item(self, profile: Profile) -> QListWidgetItem:
        # A token the keyring could not take is forgotten when the app ends: say so where the person looks for it.
        notes = ["connected"] if profile.name == self._active_name else []
        if self._manager.credentials.is_session_only(profile.name):
            notes.append(SESSION_ONLY_NOTE)
        item = QListWidgetItem(icon("connection"), f"{profile.name}  ({', '.join(notes)})" if notes else profile.name)
        item.setData(NAME_ROLE, profile.name)
        item.setToolTip(plain_tooltip(profile.base_url))
        return item

    def names(self) -> list[str]:
        return [name for row in range(self.list.count()) if (name := self.list.item(row).data(NAME_ROLE))]

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def select(self, name: str) -> None:
        rows = [self.list.item(row).data(NAME_ROLE) for row in range(self.list.count())]
        self.list.setCurrentRow(rows.index(name))

    def _selected_profile(self) -> Profile | None:
        name = self.selected_name()
        return self._manager.store.find(name) if name is not None else None

    def _selection_changed(self, *_ignored: object) -> None:
        profile = self._selected_profile()
        for text in ("Edit…", "Duplicate", "Delete…"):
            self.buttons[text].setEnabled(profile is not None)
        self.connect_button.setEnabled(profile is not None)
        self.test_row.button.setEnabled(profile is not None)
        self.test_row.clear()
        self.details_label.setText(profile_details(profile) if profile else self._demo_details or EMPTY_TEXT)

    def show_demo(self, your_influxctl: str | None) -> None:
        """The demo is shown: say what it runs on, in the list, the details and the influxctl row (which
        otherwise said "not found" while the demo's management tokens worked through the emulator)."""
        self._demo_details = DEMO_DETAILS
        self.reload()
        yours = your_influxctl or "none found (management tokens need influxctl 2.6.0 or later)"
        self.influxctl_row.path_label.setWordWrap(True)  # two facts: it must not run under Choose…
        self.influxctl_row.path_label.setText(f"{DEMO_INFLUXCTL}; for your connections: {yours}")

    # ---- commands ---------------------------------------------------------------------------------------
    def add_profile(self) -> None:
        result = self._prompts.edit_profile(self, self.names(), None, None, self._influxctl_program)
        if result is not None:
            self._run(self._manager.add, result.profile, result.token, done=lambda _p: self._added(result, True),
                      on_keyring_error=lambda err: self._add_for_session(result, err))

    def _add_for_session(self, result: ProfileFormResult, error: BaseException) -> None:
        def kept(token: str | None) -> None:
            if token is not None:
                self._run(partial(self._manager.add, session_only=True), result.profile, token, done=lambda _p: self._added(result, False))

        # keep_for_session stores the token in memory; add() then stores it there again (harmless).
        keep_for_session(self, self._manager.credentials, self._prompts, result.profile.name, error,
                         result.token, kept)

    def _added(self, result: ProfileFormResult, in_keyring: bool) -> None:
        where = "in the system keyring" if in_keyring else "for this session only"
        self._say(f"Added '{result.profile.name}'; its token is kept {where}.", result.profile.name)

    def edit_selected(self) -> None:
        profile = self._selected_profile()
        if profile is None:
            return
        others = [name for name in self.names() if name != profile.name]
        result = self._prompts.edit_profile(self, others, profile, self._manager.credentials.token_for,
                                            self._influxctl_program)
        if result is not None:
            self._run(self._manager.update, profile.name, result.profile,
                      done=lambda _p: self._edited(profile.name, result))

    def _edited(self, old_name: str, result: ProfileFormResult) -> None:
        name = result.profile.name
        if result.token is None:
            self._saved_edit(old_name, name)
            return
        store_token(self, self._manager.credentials, self._prompts, name, result.token,
                    lambda _token: self._saved_edit(old_name, name))

    def _saved_edit(self, old_name: str, name: str) -> None:
        self._say(f"Saved '{name}'.", name)
        self.profile_renamed.emit(old_name, name)

    def duplicate_selected(self) -> None:
        name = self.selected_name()
        if name is not None:
            self._run(self._manager.duplicate, name, done=lambda copy: self._say(f"Duplicated as '{copy.name}'.", copy.name))

    def delete_selected(self) -> None:
        name = self.selected_name()
        if name is not None and self._prompts.confirm_delete(self, name):
            self._run(self._manager.delete, name, done=lambda _none: self._deleted(name))

    def _deleted(self, name: str) -> None:
        self._say(f"Deleted '{name}' and its stored token.")
        self.profile_deleted.emit(name)

    def test_selected(self) -> None:
        profile = self._selected_profile()
        if profile is None:
            return
        token_for = self._manager.credentials.token_for
        if profile.uses_influxctl_profile:  # no stored token: influxctl signs itself in
            program = self._influxctl_program()  # here: it reads the settings, which belong to the GUI thread
            self.test_row.run(lambda: count_influxctl_database_tokens(program, profile.influxctl_config,
                                                                      profile.influxctl_profile))
            return

        def probe() -> int:  # worker thread: the keyring read may wait for an unlock prompt
            token = token_for(profile.name)
            if token is None:
                raise CredentialError("No management token is stored for this connection; edit it and enter one.")
            return count_database_tokens(profile.base_url, profile.account_id, profile.cluster_id, token,
                                           profile.allow_plain_http)

        self.test_row.run(probe)

    def connect_selected(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.connect_requested.emit(name)
            self.accept()

    # ---- plumbing ---------------------------------------------------------------------------------------
    def _run(self, fn, *args, done, on_keyring_error=None) -> None:
        """Run a manager call off the GUI thread (it may touch the keyring), then reload the list."""
        self.setEnabled(False)
        self.status_label.setText("Working…")

        def failed(error: BaseException) -> None:
            self.setEnabled(True)
            self.status_label.setText("")
            if on_keyring_error is not None and isinstance(error, SecretStoreError):
                on_keyring_error(error)
            else:
                self._prompts.show_problem(self, "Connections", error_sentence(error, "Changing the connections"))
                self.reload()

        def succeeded(result: object) -> None:
            self.setEnabled(True)
            done(result)

        run_in_background(fn, *args, context=self, on_result=succeeded, on_error=failed)

    def _say(self, message: str, select: str | None = None) -> None:
        self.reload(select)
        self.status_label.setText(message)
