"""The toolbar combo that shows the active connection and switches to another profile."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from token_desk.models.display import visible_text
from token_desk.ui.common.icons import icon

MANAGE_TEXT = "Manage Connections…"
NOT_CONNECTED_TEXT = "Not connected"
_PROFILE, _OTHER, _MANAGE = "profile", "other", "manage"
KIND_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class ProfileSwitcher(QComboBox):
    """`profile_chosen(name)` when another profile is picked; `manage_requested()` for the dialog."""

    profile_chosen = Signal(str)
    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileSwitcher")
        # The name is what macOS and Windows read; on Linux Qt reads a combo box's current text as its name,
        # so the description says what it is there.
        self.setAccessibleName("Connection")
        self.setAccessibleDescription("Connection: the profile whose tokens the tables show")
        self.setToolTip("The connection the tables show; pick another profile to switch")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(12)
        self._active_index = 0
        self._profile_icon = icon("connection")  # one icon for every row: 10,000 profiles fill at once
        self.activated.connect(self._on_activated)
        self.set_profiles((), None)

    def set_profiles(self, names: Sequence[str], active_profile: str | None, active_label: str | None = None) -> None:
        """List `names`; the active profile is selected, or `active_label` (demo, one-off) shown first."""
        self.blockSignals(True)
        self.clear()
        if active_profile is None:
            self._add(active_label or NOT_CONNECTED_TEXT, _OTHER, None)
        for name in names:
            self._add(name, _PROFILE, name)
        self.insertSeparator(self.count())
        self._add(MANAGE_TEXT, _MANAGE, None)
        self._active_index = self.findData(active_profile, NAME_ROLE) if active_profile is not None else 0
        self.setCurrentIndex(max(self._active_index, 0))
        self.blockSignals(False)

    def _add(self, text: str, kind: str, name: str | None) -> None:
        self.addItem(visible_text(text))  # the item's data keeps the name itself
        index = self.count() - 1
        self.setItemData(index, kind, KIND_ROLE)
        self.setItemData(index, name, NAME_ROLE)
        if kind == _PROFILE:
            self.setItemIcon(index, self._profile_icon)

    def _on_activated(self, index: int) -> None:
        kind, name = self.itemData(index, KIND_ROLE), self.itemData(index, NAME_ROLE)
        # The combo shows the *active* connection: it only moves once the switch happened.
        self.setCurrentIndex(self._active_index)
        if kind == _MANAGE:
            self.manage_requested.emit()
        elif kind == _PROFILE and index != self._active_index:
            self.profile_chosen.emit(name)
