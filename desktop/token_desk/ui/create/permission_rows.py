"""The permissions editor's rows: one per database, Read and Write check boxes, "All databases" first.

A QStandardItemModel holds the rows; a literal, case-insensitive filter keeps "All databases" and
every row with a permission visible whatever is typed, so a filter never hides what will be granted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from token_desk.api.models import Permission

ALL = "*"
ACTIONS = ("read", "write")
HEADERS = ("Database", "Read", "Write")
RESOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
UNLISTED_ROLE = Qt.ItemDataRole.UserRole + 2
ORDER_ROLE = Qt.ItemDataRole.UserRole + 3  # "All databases" first, then names A to Z whatever their case
ALL_LABEL = "All databases"
UNLISTED_TIP = ("Not a database on this cluster (yet): the permission takes effect once a database "
                "with this name exists.")
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def _name_item(resource: str, unlisted: bool) -> QStandardItem:
    item = QStandardItem(ALL_LABEL if resource == ALL else resource)
    item.setEditable(False)
    item.setData(resource, RESOURCE_ROLE)
    item.setData(unlisted, UNLISTED_ROLE)
    item.setData("" if resource == ALL else f"~{resource.casefold()}\0{resource}", ORDER_ROLE)
    if resource == ALL:
        item.setToolTip("Every database of the cluster, including ones created later (resource \"*\")")
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    elif unlisted:
        item.setText(f"{resource}  (not on this cluster)")
        item.setToolTip(UNLISTED_TIP)
        font = QFont()
        font.setItalic(True)
        item.setFont(font)
    return item


def _check_item(action: str, resource: str) -> QStandardItem:
    item = QStandardItem()
    item.setCheckable(True)
    item.setEditable(False)
    item.setCheckState(UNCHECKED)
    label = ALL_LABEL.lower() if resource == ALL else resource
    item.setData(f"{action.capitalize()} {label}", Qt.ItemDataRole.AccessibleTextRole)
    return item


def can_tick(permission: Permission) -> bool:
    """Read or write on a named database (or "*"): another action, or a permission the server listed without
    its action or database, has no box, and ticking a guess would grant what it may not have had."""
    return permission.resource is not None and permission.action in ACTIONS


class PermissionRows(QStandardItemModel):
    """Rows keyed by resource; `permissions()` is what the token will have, in a stable order."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(list(HEADERS))
        # The names' header sits left over them, as in every table; Read and Write stay centred over their boxes.
        self.setHeaderData(0, Qt.Orientation.Horizontal, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           Qt.ItemDataRole.TextAlignmentRole)
        self.setSortRole(ORDER_ROLE)
        self._add_row(ALL, unlisted=False)

    def resources(self) -> list[str]:
        return [self.item(row, 0).data(RESOURCE_ROLE) for row in range(self.rowCount())]

    def row_of(self, resource: str) -> int | None:
        for row in range(self.rowCount()):
            if self.item(row, 0).data(RESOURCE_ROLE) == resource:
                return row
        return None

    def is_unlisted(self, resource: str) -> bool:
        row = self.row_of(resource)
        return row is not None and bool(self.item(row, 0).data(UNLISTED_ROLE))

    def set_databases(self, names: Iterable[str]) -> None:
        """The cluster's databases: listed rows are added, typed rows that turn out to exist lose their note."""
        for name in sorted(set(names), key=str.casefold):
            row = self.row_of(name)
            if row is None:
                self._add_row(name, unlisted=False, sort=False)
            elif self.item(row, 0).data(UNLISTED_ROLE):
                self.setItem(row, 0, _name_item(name, unlisted=False))
        self.sort(0)

    def add_unlisted(self, name: str) -> int:
        """A typed database name; the row it has (an existing row if the name is already there)."""
        row = self.row_of(name)
        return row if row is not None else self._add_row(name, unlisted=True)

    def _add_row(self, resource: str, *, unlisted: bool, sort: bool = True) -> int:
        self.appendRow([_name_item(resource, unlisted)] + [_check_item(a, resource) for a in ACTIONS])
        if not sort:
            return self.rowCount() - 1
        self.sort(0)
        return self.row_of(resource)

    def set_permissions(self, permissions: Sequence[Permission]) -> None:
        """Exactly these permissions ticked, those it can tick (`can_tick`); the caller says which it cannot."""
        for row in range(self.rowCount()):
            for column in (1, 2):
                self.item(row, column).setCheckState(UNCHECKED)
        for permission in permissions:
            if can_tick(permission):
                row = self.row_of(permission.resource)
                if row is None:
                    row = self.add_unlisted(permission.resource)
                self.item(row, 1 + ACTIONS.index(permission.action)).setCheckState(CHECKED)

    def set_checked(self, resource: str, action: str, checked: bool) -> None:
        row = self.row_of(resource)
        if row is None:
            row = self.add_unlisted(resource)
        self.item(row, 1 + ACTIONS.index(action)).setCheckState(CHECKED if checked else UNCHECKED)

    def permissions(self) -> tuple[Permission, ...]:
        """"All databases" first, then databases in row order; read before write."""
        result = []
        for row in range(self.rowCount()):
            resource = self.item(row, 0).data(RESOURCE_ROLE)
            result += [Permission(action, resource) for column, action in enumerate(ACTIONS, start=1)
                       if self.item(row, column).checkState() == CHECKED]
        return tuple(result)

    def has_permission(self, row: int) -> bool:
        return any(self.item(row, column).checkState() == CHECKED for column in (1, 2))


class PermissionFilter(QSortFilterProxyModel):
    """Literal, case-insensitive match on the database name; "All databases" and ticked rows stay."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # Qt override
        rows: PermissionRows = self.sourceModel()
        resource = rows.item(source_row, 0).data(RESOURCE_ROLE)
        if not self._needle or resource == ALL or rows.has_permission(source_row):
            return True
        return self._needle in resource.casefold()
