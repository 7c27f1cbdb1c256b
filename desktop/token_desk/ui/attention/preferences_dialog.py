"""Preferences → Policy: the numbers behind the findings, applied the moment they change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QTabWidget, QVBoxLayout,
                               QWidget)

from token_desk.findings import DAY_RANGE, DEFAULT_POLICY, Policy
from token_desk.ui.common.dialog_buttons import button_box

INTRO = "When “Needs attention” flags a token. Changes apply at once."
FIELDS = (
    ("expiry_warning_days", "Warn about tokens expiring within",
     "Expires soon, the Needs attention count and the notice after a load use this window"),
    ("management_max_age_days", "Management tokens are old after",
     "A management token created this many days ago or more should be rotated"),
    ("database_max_age_days", "Database tokens are old after",
     "A database token created this many days ago or more should be rotated"),
)


def day_count_box() -> QSpinBox:
    """A number of days that reads as one ("1 day", "14 days")."""
    box = QSpinBox()
    box.setRange(*DAY_RANGE)
    box.setSuffix(" days")
    box.valueChanged.connect(lambda value: box.setSuffix(" day" if value == 1 else " days"))
    return box


class PreferencesDialog(QDialog):
    """Non-modal; `policy_changed(Policy)` on every change (the tables follow at once, no reload)."""

    policy_changed = Signal(object)

    def __init__(self, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.spin_boxes: dict[str, QSpinBox] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._policy_page(policy), "Policy")
        buttons = button_box(QDialogButtonBox.StandardButton.Close)
        self.defaults_button = buttons.addButton("Restore Defaults", QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(lambda: self.set_policy(DEFAULT_POLICY))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _policy_page(self, policy: Policy) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        form.addRow(intro)
        for name, caption, tip in FIELDS:
            box = day_count_box()
            box.setValue(getattr(policy, name))
            box.setToolTip(tip)
            box.setAccessibleName(caption)
            box.valueChanged.connect(self._changed)
            label = QLabel(caption + ":")
            label.setBuddy(box)
            form.addRow(label, box)
            self.spin_boxes[name] = box
        return page

    @property
    def policy(self) -> Policy:
        return Policy(**{name: box.value() for name, box in self.spin_boxes.items()})

    def set_policy(self, policy: Policy) -> None:
        for name, box in self.spin_boxes.items():
            box.blockSignals(True)
            box.setValue(getattr(policy, name))
            box.blockSignals(False)
        self._changed()

    def _changed(self, *_ignored: object) -> None:
        self.policy_changed.emit(self.policy)
