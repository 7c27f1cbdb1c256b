"""The questions the connections code asks people, behind one small service the controller is built with
(each dialog is imported when first asked for)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from token_desk.credentials import Profile, SecretStoreError

if TYPE_CHECKING:  # each dialog is imported when first asked for: the first paint needs none of them
    from token_desk.credentials import ImportReport
    from token_desk.ui.connections.connection_check import ProgramSource
    from token_desk.ui.connections.influxctl_import_dialog import Importer
    from token_desk.ui.connections.profile_form import ProfileFormResult
    from token_desk.ui.connections.token_prompt import TokenPromptResult


def delete_question(name: str) -> str:
    return (f"Delete the connection '{name}'?\n\nIts management token is removed from the system keyring too. "
            "The token itself stays valid on the server.")


@runtime_checkable
class Prompts(Protocol):
    """The prompts service: every question the connections code asks a person."""

    def edit_profile(self, parent: QWidget | None, existing_names: Sequence[str], editing: Profile | None,
                     token_lookup: Callable[[str], str | None] | None,
                     influxctl_program: ProgramSource) -> ProfileFormResult | None: ...

    def ask_token(self, parent: QWidget | None, message: str, can_store: bool) -> TokenPromptResult | None: ...

    def keyring_problem(self, parent: QWidget | None, error: SecretStoreError, token: str | None) -> str | None: ...

    def confirm_delete(self, parent: QWidget | None, name: str) -> bool: ...

    def import_influxctl(self, parent: QWidget | None, importer: Importer,
                         existing_names: Sequence[str]) -> ImportReport | None: ...

    def show_problem(self, parent: QWidget | None, title: str, message: str) -> None: ...


class ConnectionPrompts(Prompts):
    """The real prompts: modal dialogs."""

    def edit_profile(self, parent: QWidget | None, existing_names: Sequence[str], editing: Profile | None,
                     token_lookup: Callable[[str], str | None] | None,
                     influxctl_program: ProgramSource) -> ProfileFormResult | None:
        from token_desk.ui.connections.profile_form import ProfileDialog

        return ProfileDialog.ask(parent, existing_names, editing, token_lookup, influxctl_program=influxctl_program)

    def ask_token(self, parent: QWidget | None, message: str, can_store: bool) -> TokenPromptResult | None:
        from token_desk.ui.connections.token_prompt import TokenPrompt

        return TokenPrompt.ask(parent, message, can_store=can_store)

    def keyring_problem(self, parent: QWidget | None, error: SecretStoreError, token: str | None) -> str | None:
        from token_desk.ui.connections.keyring_problem import KeyringProblemDialog

        return KeyringProblemDialog.ask(parent, error, token)

    def confirm_delete(self, parent: QWidget | None, name: str) -> bool:
        from token_desk.ui.common.message_box import ask

        return ask(parent, "Delete Connection", delete_question(name), "Delete", "Cancel", destructive=True)

    def import_influxctl(self, parent: QWidget | None, importer: Importer,
                         existing_names: Sequence[str]) -> ImportReport | None:
        from token_desk.ui.connections.influxctl_import_dialog import InfluxctlImportDialog

        dialog = InfluxctlImportDialog(parent, importer, existing_names)
        dialog.exec()
        return dialog.report

    def show_problem(self, parent: QWidget | None, title: str, message: str) -> None:
        from token_desk.ui.common.message_box import tell

        tell(parent, title, message)
