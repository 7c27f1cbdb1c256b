"""The machinery of the one command registry: what a command is, the window state its enabled rule reads,
the one function that decides every command's enabled state, and the QActions made from the commands.

The commands themselves are declared in ui/shell/command_list.py; menus, the toolbar, the row menu and the
⋮ button are all built from the QActions made here, so a command looks and behaves the same wherever it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from token_desk.api.clusters import Cluster
from token_desk.api.models import Token, TokenKind
from token_desk.ui.common.icons import icon

# A shortcut as declared: a portable text ("Ctrl+E"), a standard key (QKeySequence.StandardKey.Quit) or a key.
Shortcut = str | QKeySequence.StandardKey | Qt.Key


# Both records below are NamedTuples, not frozen dataclasses: see docs/ARCHITECTURE.md, Start-up.
class WindowState(NamedTuple):
    """Everything an enabled rule may look at: a snapshot of the window, taken after each change."""

    connected: bool = False
    demo: bool = False
    busy: bool = False
    signed_out: bool = False
    page: TokenKind = TokenKind.MANAGEMENT
    selection: tuple[Token, ...] = ()
    keeps_history: bool = True
    clusters_shown: bool = False  # the Clusters page is shown (no token selection then)
    cluster: Cluster | None = None  # the cluster selected on the Clusters page
    cluster_failed: bool = False  # its tokens failed to load
    # Kinds whose tokens cannot be listed nor created here (no usable influxctl), each with the reason its
    # page gives.
    unavailable: Mapping[TokenKind, str] = MappingProxyType({})
    # Why the token page shown has no list the service gave (loading, failed, cancelled, unavailable); None: it has.
    not_listed: str | None = None


def always(_state: WindowState) -> str | None:
    return None


class Command(NamedTuple):
    """One user command, declared once.

    `enabled(state)` returns None when the command can run, else the sentence saying why not (its tooltip
    while it is disabled). `run(host, checked)` does it; `host` is the window (ui/shell/command_list.py's
    CommandHost). `menu` and `section` place it in the menu bar (a separator between sections); `toolbar`,
    `row_menu` and `empty_menu` in the toolbar (`beside_search`: after the search box), the row menu (right-click, ⋮, Menu key) and the menu of a
    table's empty space, and `cluster_menu` in the Clusters page's row menu; `destructive` commands come last in the row menu, set apart. `rows`: its shortcuts act where the rows are (Ctrl+C in the search box still copies
    its text). `page`: its shortcuts work only while that page is shown. `fill`: the command is a submenu,
    filled each time it opens."""

    key: str
    text: str
    run: Callable[[Any, bool], object]
    tip: str = ""
    shortcuts: tuple[Shortcut, ...] = ()
    icon: str | None = None
    enabled: Callable[[WindowState], str | None] = always
    checked: Callable[[WindowState], bool] | None = None
    checkable: bool = False
    menu: str | None = None
    section: int = 0
    toolbar: bool = False
    row_menu: bool = False
    destructive: bool = False
    empty_menu: bool = False
    beside_search: bool = False
    rows: bool = False
    cluster_menu: bool = False  # in the Clusters page's row menu
    page: TokenKind | None = None
    role: QAction.MenuRole = QAction.MenuRole.NoRole
    fill: Callable[[Any, QMenu], None] | None = None


def enabled_states(commands: Sequence[Command], state: WindowState) -> dict[str, str | None]:
    """The one place every command's enabled state is decided: key → None (enabled) or why not."""
    return {command.key: command.enabled(state) for command in commands}


def key_sequences(shortcuts: Sequence[Shortcut]) -> list[QKeySequence]:
    """The declared shortcuts as key sequences, without empty ones (a standard key unbound on this system)
    and without repeats."""
    found: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            sequences = QKeySequence.keyBindings(shortcut)
        else:
            sequences = [QKeySequence(shortcut)]
        found += [sequence for sequence in sequences if not sequence.isEmpty() and sequence not in found]
    return found


class CommandActions(QObject):
    """A QAction per command of the registry, run on `host`, enabled by `apply(state)`."""

    def __init__(self, commands: Sequence[Command], host: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.commands = tuple(commands)
        self._host = host
        self._actions: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}
        # Commands checked by a rule are one choice of several (the page shown): drawn as radio items, not as
        # check boxes that look as if two pages could be shown at once.
        self._choices = QActionGroup(self)
        self._choices.setExclusionPolicy(QActionGroup.ExclusionPolicy.Exclusive)
        for command in self.commands:
            self._actions[command.key] = self._make(command, parent)
            if command.checked is not None:
                self._choices.addAction(self._actions[command.key])

    def _make(self, command: Command, window: QWidget) -> QAction:
        if command.fill is not None:
            menu = QMenu(command.text, window)
            menu.aboutToShow.connect(lambda c=command, m=menu: c.fill(self._host, m))
            self._menus[command.key] = menu
            action = menu.menuAction()
        else:
            action = QAction(command.text, self)
            # A check box command runs whenever its check changes (menu, toolbar box or restored setting).
            signal = action.toggled if command.checkable else action.triggered
            signal.connect(lambda checked=False, c=command: c.run(self._host, checked))
        if command.icon is not None:
            action.setIcon(icon(command.icon))
        action.setToolTip(command.tip or command.text.rstrip("…"))
        action.setStatusTip(command.tip)
        action.setCheckable(command.checkable or command.checked is not None)
        action.setMenuRole(command.role)
        action.setShortcuts(key_sequences(command.shortcuts))
        if command.rows:
            # Only while the table itself has the keyboard: the toolbar shows Revoke too, and with its children
            # counted Delete on the toolbar's check box (or Cmd+Backspace in the search box on a Mac) revoked.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        elif command.shortcuts and command.fill is None:
            window.addAction(action)  # window-wide: works whichever widget has focus, menu bar shown or not
        return action

    def action(self, key: str) -> QAction:
        return self._actions[key]

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def __contains__(self, key: str) -> bool:
        return key in self._actions

    def where(self, place: Callable[[Command], bool]) -> list[QAction]:
        return [self._actions[command.key] for command in self.commands if place(command)]

    def row_actions(self) -> list[QAction]:
        """The actions whose shortcuts belong to the table with focus."""
        return self.where(lambda command: command.rows)

    def apply(self, state: WindowState) -> Mapping[str, str | None]:
        """Enable, explain, check and bind each command for `state`; returns each command's blocker."""
        blockers = enabled_states(self.commands, state)
        for command in self.commands:
            action, blocker = self._actions[command.key], blockers[command.key]
            action.setEnabled(blocker is None)
            action.setToolTip(blocker or command.tip or command.text.rstrip("…"))
            action.setStatusTip(blocker or command.tip)
            if command.checked is not None:
                action.setChecked(command.checked(state))
            if command.page is not None:  # e.g. Ctrl+N creates a token of the page shown
                action.setShortcuts(key_sequences(command.shortcuts) if command.page is state.page else [])
        return blockers
