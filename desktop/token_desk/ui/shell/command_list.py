"""Every user command of the main window, declared once: text, shortcut, icon, when it is enabled (and why
not), where it shows, and the function it runs. Menus, the toolbar, the row menu and the ⋮ button are built
from this list (ui/shell/command_registry.py); adding a command is one entry here plus its function.

Each function imports its dialog at first use, so opening the window does not pay for dialogs not yet used.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from token_desk.api.clusters import Cluster
from token_desk.api.models import Token, TokenKind
from token_desk.connection import Connection
from token_desk.models.display import DisplayStatus, status_now
from token_desk.system import is_macos
from token_desk.ui.common.link_button import open_in_browser
from token_desk.ui.shell.command_registry import Command, CommandActions, WindowState

# The README's online home: where Help → Documentation goes.
DOCUMENTATION_URL = "https://github.com/token-desk/token-desk#readme"
Key, Standard, Role = Qt.Key, QKeySequence.StandardKey, QAction.MenuRole


class RowCommands(Protocol):
    def copy_ids(self) -> None: ...
    def copy_descriptions(self) -> None: ...
    def show_details(self) -> None: ...
    def edit_selected(self) -> None: ...
    def rotate_selected(self) -> None: ...
    def revoke_selected(self) -> None: ...
    def new_token(self, kind: TokenKind) -> None: ...


class AttentionCommands(Protocol):
    def set_only(self, only: bool) -> None: ...
    def open_preferences(self) -> object: ...
    def export_reminders(self) -> object: ...


class ConnectionsCommands(Protocol):
    def manage_connections(self) -> object: ...


class ClustersCommands(Protocol):
    def retry(self, cluster: Cluster) -> None: ...


class CommandHost(Protocol):
    """What the commands' functions use of the window."""

    rows: RowCommands
    connections: ConnectionsCommands
    attention: AttentionCommands
    clusters: ClustersCommands
    commands: CommandActions

    @property
    def connection(self) -> Connection | None: ...
    def refresh(self) -> None: ...
    def cancel_loading(self) -> None: ...
    def focus_search(self) -> None: ...
    def show_inactive(self, show: bool) -> None: ...
    def show_page(self, kind: TokenKind) -> None: ...
    def show_clusters(self) -> None: ...
    def command_state(self) -> WindowState: ...
    def fill_column_menu(self, menu: QMenu) -> None: ...
    def show_history(self) -> None: ...
    def close(self) -> bool: ...


# ---- enabled rules: None when the command can run, else the sentence saying why not -----------------------
NOT_CONNECTED = "Open a connection first"
ON_CLUSTERS_PAGE = "Only on a token page (Ctrl+1, Ctrl+2): the Clusters page lists clusters"
SIGNED_OUT = "Signed out: sign in again to change tokens"


def when_connected(state: WindowState) -> str | None:
    return None if state.connected else NOT_CONNECTED


def on_a_token_page(state: WindowState) -> str | None:
    """Commands about the token tables; on the Clusters page they would act on a page not shown."""
    if not state.connected:
        return NOT_CONNECTED
    return ON_CLUSTERS_PAGE if state.clusters_shown else None


def export_blocker(state: WindowState) -> str | None:
    """A page without a list would export an empty file, as if the account had no such tokens."""
    return on_a_token_page(state) or state.not_listed


def refresh_blocker(state: WindowState) -> str | None:
    if not state.connected:
        return NOT_CONNECTED
    return "Loading now; Esc stops it" if state.busy else None


def cancel_blocker(state: WindowState) -> str | None:
    return None if state.busy else "Nothing is loading"


def history_blocker(state: WindowState) -> str | None:
    return None if state.keeps_history else "The demo keeps no history: nothing it does is recorded"


def revoke_blocker(tokens: Sequence[Token]) -> str | None:
    """Why "Revoke Token…" cannot run on this selection, or None when it can (expired tokens can be revoked)."""
    if not tokens:
        return "Select the tokens to revoke first"
    revoked = [token for token in tokens if status_now(token) is DisplayStatus.REVOKED]
    if len(tokens) == 1 and revoked:
        return "This token is already revoked"
    if revoked:
        return f"{len(revoked)} of the selected tokens are already revoked; select only active or expired ones"
    return None


def edit_blocker(tokens: Sequence[Token]) -> str | None:
    """Why "Edit…" cannot run on this selection, or None."""
    if len(tokens) != 1:
        return "Select one database token to edit"
    if tokens[0].kind is TokenKind.MANAGEMENT:
        return "Management tokens cannot be changed; Rotate… creates a replacement"
    if tokens[0].is_revoked:
        return "A revoked token cannot be changed"
    return None


def rotate_blocker(tokens: Sequence[Token]) -> str | None:
    if len(tokens) != 1:
        return "Select one token to rotate"
    if tokens[0].is_revoked:
        return "A revoked token has nothing left to rotate; create a new one"
    return None


def signed_in(rule):
    """A change to tokens needs a token the server accepts."""
    return lambda state: SIGNED_OUT if state.signed_out else rule(state.selection)


def some_selected(state: WindowState) -> str | None:
    return None if state.selection else "Select tokens first"


def one_selected(state: WindowState) -> str | None:
    return None if len(state.selection) == 1 else "Select one token"


def cluster_selected(state: WindowState) -> str | None:
    return None if state.cluster is not None else "Select a cluster first"


def cluster_url_known(state: WindowState) -> str | None:
    if state.cluster is None:
        return "Select a cluster first"
    return None if state.cluster.url else "influxctl did not say this cluster's URL"


def cluster_retry_blocker(state: WindowState) -> str | None:
    if state.cluster is None:
        return "Select a cluster first"
    return None if state.cluster_failed else "Only a cluster whose tokens failed to load needs this"


def copy_cluster_field(host: CommandHost, field: str) -> None:
    cluster = host.command_state().cluster
    if cluster is not None:
        QGuiApplication.clipboard().setText(getattr(cluster, field))


def revoke_shortcuts() -> tuple:
    """Delete, plus what people press on a Mac keyboard (Backspace and Cmd+Backspace, as in Finder)."""
    if sys.platform == "darwin":
        return (Standard.Delete, Key.Key_Backspace, "Ctrl+Backspace")
    return (Standard.Delete,)


def history_shortcut(platform: str | None = None) -> str:
    """Ctrl+H; on a Mac, Qt reads Ctrl as Cmd, and Cmd+H is the system's Hide: there History is Cmd+Y, as in
    Safari."""
    return "Ctrl+Y" if is_macos(platform) else "Ctrl+H"


# ---- functions that open dialogs: imported at first use ----------------------------------------------------
def export_page(host: CommandHost) -> None:
    from token_desk.ui.export import open_export

    open_export(host)


def show_about(host: CommandHost) -> None:
    from token_desk.ui.shell.about_dialog import AboutDialog

    connection = host.connection
    AboutDialog.show_for(host, connection.service.base_url if connection is not None else "")


def show_shortcuts(host: CommandHost) -> None:
    from token_desk.ui.shell.shortcuts_dialog import ShortcutsDialog

    ShortcutsDialog.show_for(host, host.commands.commands)


def open_documentation(_host: QWidget) -> None:
    open_in_browser(DOCUMENTATION_URL)


def _page_command(kind: TokenKind, number: int) -> Command:
    title = f"{kind.label}s"
    return Command(f"page-{kind.value}", title, lambda host, _checked: host.show_page(kind),
                   tip=f"Show the {title.lower()}", shortcuts=(f"Ctrl+{number}",),
                   checked=lambda state: state.page is kind and not state.clusters_shown, menu="View", section=2)


def new_token_blocker(kind: TokenKind):
    """New … Token… runs on a token page, while its kind can be reached (the Management Tokens page says why
    not, and offers Choose influxctl…, when there is no usable influxctl)."""
    return lambda state: on_a_token_page(state) or state.unavailable.get(kind)


def _new_token_command(kind: TokenKind) -> Command:
    return Command(new_token_key(kind), f"New {kind.label}…", lambda host, _checked: host.rows.new_token(kind),
                   tip=f"Create a {kind.label.lower()}", icon="add", shortcuts=(Standard.New,), page=kind,
                   enabled=new_token_blocker(kind), menu="Token", section=0, empty_menu=True)


def new_token_key(kind: TokenKind) -> str:
    return f"new-{kind.value}-token"


def window_commands() -> tuple[Command, ...]:
    """The registry, in menu order."""
    return (
        Command("connections", "Connections…", lambda host, _c: host.connections.manage_connections(),
                tip="Add, edit or switch connection profiles", icon="connection", menu="File", section=0),
        Command("export", "Export…", lambda host, _c: export_page(host),
                tip="Save the current page's tokens as CSV or JSON", shortcuts=("Ctrl+E",),
                enabled=export_blocker, menu="File", section=1),
        Command("export-reminders", "Export Expiry Reminders…", lambda host, _c: host.attention.export_reminders(),
                tip="Save an iCalendar file with a reminder 7 days and 1 day before each token expires",
                enabled=when_connected, menu="File", section=1),
        Command("preferences", "Preferences…", lambda host, _c: host.attention.open_preferences(),
                tip="When a token needs attention: expiry warning and maximum ages",
                shortcuts=(Standard.Preferences, "Ctrl+,"), role=Role.PreferencesRole, menu="File", section=2),
        Command("quit", "Quit", lambda host, _c: host.close(),  # closing saves the layout, as the window's X does
                tip="Close Token Desk", shortcuts=(Standard.Quit, "Ctrl+Q"), role=Role.QuitRole,
                menu="File", section=3),
        Command("refresh", "Refresh", lambda host, _c: host.refresh(),
                tip="Reload both token lists from the server (F5)", icon="refresh",
                shortcuts=(Standard.Refresh, Key.Key_F5), enabled=refresh_blocker, menu="View", section=0,
                toolbar=True, empty_menu=True),
        Command("find", "Find", lambda host, _c: host.focus_search(), tip="Search by description or ID (Ctrl+F)",
                icon="search", shortcuts=(Standard.Find,), menu="View", section=0),
        Command("cancel-load", "Cancel Loading", lambda host, _c: host.cancel_loading(),
                tip="Stop waiting for the server (Esc)", shortcuts=(Key.Key_Escape,), enabled=cancel_blocker),
        Command("show-inactive", "Show inactive tokens", lambda host, checked: host.show_inactive(checked),
                tip="Also list revoked and expired tokens", checkable=True, enabled=on_a_token_page,
                menu="View", section=1),
        Command("needs-attention", "Needs attention", lambda host, checked: host.attention.set_only(checked),
                tip=("Only the tokens an auditor would flag: never expiring, expiring soon, old, too broad, "
                     "or hard to tell apart (Ctrl+Shift+A)"), icon="warning", shortcuts=("Ctrl+Shift+A",),
                checkable=True, enabled=on_a_token_page, menu="View", section=1, beside_search=True),
        Command("columns", "&Columns", lambda _host, _c: None, tip="Show or hide the table's columns",
                enabled=when_connected, menu="View", section=1,
                fill=lambda host, menu: host.fill_column_menu(menu)),
        *(_page_command(kind, number) for number, kind in enumerate(TokenKind, start=1)),
        Command("page-clusters", "Clusters", lambda host, _c: host.show_clusters(),
                tip="Show every cluster of the account, its state and its database tokens",
                shortcuts=(f"Ctrl+{len(TokenKind) + 1}",), checked=lambda state: state.clusters_shown,
                menu="View", section=2),
        Command("history", "History", lambda host, _c: host.show_history(),
                tip="Every create, edit, rotate and revoke Token Desk attempted, and its outcome",
                shortcuts=(history_shortcut(),), enabled=history_blocker, menu="View", section=3),
        *(_new_token_command(kind) for kind in TokenKind),
        Command("details", "Details…", lambda host, _c: host.rows.show_details(),
                tip="Show everything known about this token", icon="details", enabled=one_selected,
                menu="Token", section=1, row_menu=True, rows=True),
        Command("copy-id", "Copy Token ID", lambda host, _c: host.rows.copy_ids(), tip="Copy the selected token IDs",
                icon="copy", shortcuts=(Standard.Copy,), enabled=some_selected, menu="Token", section=1,
                row_menu=True, rows=True),
        Command("copy-description", "Copy Description", lambda host, _c: host.rows.copy_descriptions(),
                tip="Copy the selected tokens' descriptions", enabled=some_selected, menu="Token", section=1,
                row_menu=True, rows=True),
        Command("edit", "Edit…", lambda host, _c: host.rows.edit_selected(),
                tip="Change the description and permissions of the selected database token (F2)", icon="edit",
                shortcuts=(Key.Key_F2,), enabled=signed_in(edit_blocker), menu="Token", section=2,
                row_menu=True, rows=True),
        Command("rotate", "Rotate…", lambda host, _c: host.rows.rotate_selected(),
                tip="Create a replacement with the same permissions, then choose whether to revoke this one",
                icon="rotate", enabled=signed_in(rotate_blocker), menu="Token", section=2, row_menu=True, rows=True),
        Command("revoke", "Revoke Token…", lambda host, _c: host.rows.revoke_selected(),
                tip="Revoke the selected tokens (asks first)", icon="revoke", shortcuts=revoke_shortcuts(),
                enabled=signed_in(revoke_blocker), menu="Token", section=3, toolbar=True, row_menu=True, destructive=True,
                rows=True),
        Command("copy-cluster-id", "Copy Cluster ID", lambda host, _c: copy_cluster_field(host, "id"),
                tip="Copy the selected cluster's ID", icon="copy", enabled=cluster_selected, cluster_menu=True),
        Command("copy-cluster-url", "Copy Cluster URL", lambda host, _c: copy_cluster_field(host, "url"),
                tip="Copy the selected cluster's URL", enabled=cluster_url_known, cluster_menu=True),
        Command("retry-cluster", "Retry Loading", lambda host, _c: host.clusters.retry(host.command_state().cluster),
                tip="Load the selected cluster's database tokens again", icon="refresh",
                enabled=cluster_retry_blocker, cluster_menu=True),
        Command("shortcuts", "Keyboard Shortcuts", lambda host, _c: show_shortcuts(host),
                tip="Every command's keyboard shortcut", menu="Help", section=0),
        Command("documentation", "Documentation", lambda host, _c: open_documentation(host),
                tip=f"Open the guide in your browser ({DOCUMENTATION_URL})", menu="Help", section=0),
        Command("about", "About Token Desk", lambda host, _c: show_about(host),
                tip="Version, licence and the API in use", role=Role.AboutRole, menu="Help", section=1),
    )

