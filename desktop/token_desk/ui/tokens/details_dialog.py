"""Show tokens read-only, as plain text: the "Details…" dialog, and the grey-field summary of one
token that the revoke dialog reuses (its list of several lives in ui/revoke).

Everything a server sends (descriptions above all) is shown with Qt.PlainText:
a description such as "<img src=x>" must appear literally, never be rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from token_desk.api.models import Token, TokenKind
from token_desk.models import display
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.common.plain_text import plain_label

MORE_DETAILS = "See more details"
_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


@dataclass(frozen=True)
class FieldText:
    """One labelled value; `tooltip` is app-made text only (e.g. the UTC time), never server text."""

    caption: str
    value: str
    tooltip: str = ""
    wrap: bool = False  # only free text wraps; IDs, times and permission lines keep their lines


def _time_field(caption: str, moment: datetime | None, none_text: str) -> FieldText:
    if moment is None:
        return FieldText(caption, none_text)
    # A time in a sentence-like form says its zone; the table says it once, in its header's tooltip.
    return FieldText(caption, display.local_time_with_zone(moment), f"{display.utc_time(moment)} (UTC)")


def summary_fields(token: Token) -> list[FieldText]:
    """What the revoke dialog shows at once: enough to recognise the token."""
    # The table's column titles, so each thing has one name everywhere (docs/GLOSSARY.md).
    description = display.text_or_empty(display.visible_text(token.description, line_breaks=True))  # "—" as the table
    fields = [FieldText("Description", description, wrap=True),
              FieldText("Token ID", token.id)]
    if token.kind is TokenKind.MANAGEMENT:
        fields.append(FieldText("Prefix", token.prefix or display.NOT_RECORDED))
    fields.append(_time_field("Expires At", token.expires_at, display.NEVER))
    if token.kind is TokenKind.DATABASE:
        fields.append(FieldText("Permissions", display.permissions_details(token.permissions)))
    if token.cluster is not None:  # listed from one of several clusters: the one every action goes to
        fields.append(FieldText("Cluster", display.visible_text(token.cluster.label), f"Cluster ID: {token.cluster.id}"))
    return fields


def more_fields(token: Token) -> list[FieldText]:
    """What "See more details" adds."""
    fields = [_time_field("Created At", token.created_at, display.NOT_RECORDED)]
    if token.kind is TokenKind.MANAGEMENT:
        fields.append(FieldText("Created By", display.visible_text(token.created_by) or display.NOT_RECORDED))
    fields.append(FieldText("Status", display.status_now(token).label))
    return fields


def all_fields(token: Token) -> list[FieldText]:
    extra = [_time_field("Revoked At", token.revoked_at, display.revoked_at_missing(token)),
             FieldText("Account ID", token.account_id or display.NOT_RECORDED)]
    if token.kind is TokenKind.DATABASE:
        extra.append(FieldText("Cluster ID", token.cluster_id or display.NOT_RECORDED))
    return [FieldText("Kind", token.kind.label), *summary_fields(token), *more_fields(token), *extra]


def value_label(field: FieldText) -> QLabel:
    label = plain_label(field.value)
    label.setTextInteractionFlags(_SELECTABLE)
    label.setWordWrap(field.wrap)
    label.setToolTip(field.tooltip)
    label.setAccessibleName(field.caption)  # screen readers (and tests) find a value by its caption
    return label


class ReadOnlyField(QFrame):
    """A grey box with a small caption over a selectable value, like the Admin UI's disabled fields."""

    @staticmethod
    def style(c: Colours) -> str:
        return (f"QFrame#readOnlyField {{ background: {c.field_background}; border: none;"
                f" border-bottom: 1px dotted {c.field_border};"
                " border-top-left-radius: 4px; border-top-right-radius: 4px; }"
                f" QLabel#fieldCaption {{ color: {c.secondary_text}; }} QLabel#fieldValue {{ color: {c.text}; }}")

    def __init__(self, field: FieldText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyField")
        style_live(self, self.style)
        # Never squeezed below its lines: the dialog's height-for-width pass otherwise clips them.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        caption = plain_label(field.caption)
        caption.setObjectName("fieldCaption")
        small = caption.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        caption.setFont(small)
        value = value_label(field)
        value.setObjectName("fieldValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 5, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(caption)
        layout.addWidget(value)


def details_toggle() -> QPushButton:
    """A flat "See more details ▸" button whose arrow points down while expanded."""
    button = QPushButton(f"{MORE_DETAILS} ▸")
    button.setObjectName("detailsToggle")
    button.setFlat(True)
    button.setCheckable(True)
    # Its focus is the ring every control has (boundary_style.py): a dotted line of the highlight was 2:1 in the dark.
    style_live(button, lambda c: "QPushButton#detailsToggle { text-align: left; padding: 0 2px;"
                                 " border: 2px solid transparent; background: transparent; }"
                                 f" QPushButton#detailsToggle:focus {{ border: 2px solid {c.focus_ring}; }}")
    button.toggled.connect(lambda on: button.setText(f"{MORE_DETAILS} {'▾' if on else '▸'}"))
    return button


class TokenSummary(QWidget):
    """One token as grey read-only fields; "See more details" reveals when and by whom it was made."""

    details_toggled = Signal(bool)

    def __init__(self, token: Token, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._more = _field_stack(more_fields(token))
        self._more.hide()
        self._toggle = details_toggle()
        self._toggle.toggled.connect(self._more.setVisible)
        self._toggle.toggled.connect(self.details_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_field_stack(summary_fields(token)))
        layout.addWidget(self._toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._more)

    def set_details_expanded(self, expanded: bool) -> None:
        self._toggle.setChecked(expanded)


def _field_stack(fields: Sequence[FieldText]) -> QWidget:
    stack = QWidget()
    layout = QVBoxLayout(stack)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for field in fields:
        layout.addWidget(ReadOnlyField(field))
    return stack


class TokenDetailsDialog(QDialog):
    """Every field of one token, read-only and selectable, with a Copy ID button."""

    def __init__(self, token: Token, parent: QWidget | None = None, section: QWidget | None = None) -> None:
        """`section`, if given, goes under the fields (the token's findings, from ui.attention)."""
        super().__init__(parent)
        self._token = token
        self.setWindowTitle(f"{token.kind.label} Details")
        # A grid, not a QFormLayout: that centres each caption on its value's height, so "Permissions:" floated
        # between the lines of a token's permissions; here every caption sits beside its value's first line.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        for row, field in enumerate(all_fields(token)):
            form.addWidget(plain_label(field.caption + ":"), row, 0, top_left)
            form.addWidget(value_label(field), row, 1, Qt.AlignmentFlag.AlignTop)
        buttons = button_box(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._copy_button = QPushButton("Copy Token ID")
        self._copy_button.clicked.connect(self.copy_id)
        buttons.addButton(self._copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if section is not None:
            layout.addWidget(section)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget | None, token: Token, section: QWidget | None = None) -> TokenDetailsDialog:
        """Open non-modally (several can be compared side by side); it deletes itself on close."""
        dialog = cls(token, parent, section)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @property
    def copy_button(self) -> QPushButton:
        return self._copy_button

    def copy_id(self) -> None:
        QGuiApplication.clipboard().setText(self._token.id)
