"""Which databases a database token may read and write: the cluster's list, a filter, and typed names."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from token_desk.api.models import Database, Permission
from token_desk.models.display import permission_text, permissions_details
from token_desk.tasks import run_in_background
from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.common.plain_text import plain_label
from token_desk.ui.common.error_text import step_error_sentence
from token_desk.ui.create.permission_rows import ACTIONS, PermissionFilter, PermissionRows, can_tick

DATABASE_NAME_MAX = 64  # ClusterDatabaseName's maxLength in the API document
LOADING_TEXT = "Loading the cluster's databases…"
NONE_YET = "Tick Read or Write for at least one database."
NAME_PROBLEM = f"A database name has 1 to {DATABASE_NAME_MAX} characters."


def note_style(c: Colours) -> str:
    return f"color: {c.expires_soon};"  # the table's "needs attention" colour: a caution, not an error


def not_tickable_note(permissions: Sequence[Permission]) -> str:
    """The token's permissions the editor has no box for: said, so nobody thinks them kept or copied."""
    listed = "; ".join(permission_text(permission) for permission in permissions)
    return (f"Not shown, and not sent: {listed}. Only read and write on a named database can be ticked here; "
            "what is ticked is exactly what will be sent.")


def unlisted_note(name: str) -> str:
    return (f"\u201c{name}\u201d is not a database on this cluster (yet). The permission is kept and takes "
            "effect once a database with that name exists.")


class NameBox(QLineEdit):
    """Enter adds the typed name (returnPressed) and stops there: a line edit passes Enter on to its dialog,
    which would press Create as well, sending the token before the person had finished its permissions."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class PermissionsEditor(QWidget):
    """`permissions()` is exactly what the token will have; `problem()` says why it cannot be sent."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = PermissionRows(self)
        self.filtered = PermissionFilter(self)
        self.filtered.setSourceModel(self.rows)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter databases")
        self.filter_box.setAccessibleName("Filter databases")  # a placeholder is gone once typed over
        self.filter_box.setClearButtonEnabled(True)
        self.table = self._make_table()
        self.name_box = NameBox(self)
        self.name_box.setPlaceholderText("Or type a database name")
        self.name_box.setAccessibleName("Database name to add")
        self.name_box.setMaxLength(DATABASE_NAME_MAX)
        self.add_button = QPushButton("Add", self)
        self.add_button.setAutoDefault(False)
        self.load_status = plain_label("", self, wrap=True)
        self.note = plain_label("", self, wrap=True)
        style_live(self.note, note_style)
        self.not_tickable = plain_label("", self, wrap=True)
        self.not_tickable.setObjectName("notTickable")
        self.not_tickable.hide()
        style_live(self.not_tickable, note_style)
        self.outcome = plain_label("", self, wrap=True)
        self.outcome.setObjectName("permissionsOutcome")
        self._lay_out()
        self._wire()
        self._refresh_outcome()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setAccessibleName("Databases and permissions")
        table.setModel(self.filtered)
        table.verticalHeader().hide()
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One Tab stop, as the token tables: the arrow keys move between cells and Space ticks one. With Qt's
        # default, Tab walked every cell of every database and never reached "Database name to add".
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setMinimumHeight(180)
        return table

    def _lay_out(self) -> None:
        add_row = QHBoxLayout()
        add_row.addWidget(self.name_box, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.load_status)
        layout.addLayout(add_row)
        layout.addWidget(self.note)
        layout.addWidget(self.not_tickable)
        layout.addWidget(self.outcome)

    def _wire(self) -> None:
        self.filter_box.textChanged.connect(self.filtered.set_text)
        self.rows.itemChanged.connect(self._refresh_outcome)
        self.add_button.clicked.connect(self.add_typed_name)
        self.name_box.returnPressed.connect(self.add_typed_name)

    # ---- loading the cluster's databases ------------------------------------------------------------
    def load(self, list_databases: Callable[[], Sequence[Database]]) -> None:
        """List the databases off the GUI thread; typed names stay usable while (or if) it fails."""
        self.load_status.setText(LOADING_TEXT)
        run_in_background(list_databases, context=self, on_result=self._loaded, on_error=self._load_failed)

    def _loaded(self, databases: Sequence[Database]) -> None:
        self.rows.set_databases(database.name for database in databases)
        count = len(databases)
        self.load_status.setText(f"{count} database{'s' if count != 1 else ''} on this cluster."
                                 if count else "This cluster has no databases yet; type a name to grant it.")
        self._refresh_outcome()

    def _load_failed(self, error: BaseException) -> None:
        self.load_status.setText("Could not list the databases: " + step_error_sentence(error, "list")
                                 + " You can still type database names.")

    # ---- editing ------------------------------------------------------------------------------------
    def set_permissions(self, permissions: Sequence[Permission]) -> None:
        """Tick `permissions`; those without a box are named under the table (never ticked as a guess)."""
        self.rows.set_permissions(permissions)
        left_out = [permission for permission in permissions if not can_tick(permission)]
        self.not_tickable.setText(not_tickable_note(left_out) if left_out else "")
        self.not_tickable.setVisible(bool(left_out))
        self._refresh_outcome()

    @staticmethod
    def tickable(permissions: Sequence[Permission]) -> frozenset[Permission]:
        """Those of `permissions` the editor shows ticked: what its permissions() is compared with."""
        return frozenset(permission for permission in permissions if can_tick(permission))

    def permissions(self) -> tuple[Permission, ...]:
        return self.rows.permissions()

    def set_checked(self, database: str, action: str, checked: bool = True) -> None:
        self.rows.set_checked(database, action, checked)

    def add_typed_name(self) -> None:
        """Add the typed name as a row with Read ticked (or find it), and say if the cluster lacks it."""
        name = self.name_box.text().strip()
        if not 1 <= len(name) <= DATABASE_NAME_MAX:
            self.note.setText(NAME_PROBLEM)
            return
        existed = self.rows.row_of(name) is not None
        row = self.rows.add_unlisted(name)
        if not existed:
            self.rows.item(row, 1).setCheckState(Qt.CheckState.Checked)
        self.name_box.clear()
        self.table.scrollTo(self.filtered.mapFromSource(self.rows.index(row, 0)))
        self._refresh_outcome()

    def problem(self) -> str | None:
        return NONE_YET if not self.permissions() else None

    def _refresh_outcome(self, *_ignored: object) -> None:
        permissions = self.permissions()
        self.outcome.setText("The token will have exactly these permissions:\n" + permissions_details(permissions)
                             if permissions else NONE_YET)
        unlisted = [p.resource for p in permissions if self.rows.is_unlisted(p.resource)]
        self.note.setText(" ".join(unlisted_note(name) for name in dict.fromkeys(unlisted)))
        self.changed.emit()


__all__ = ["ACTIONS", "PermissionsEditor", "unlisted_note"]
