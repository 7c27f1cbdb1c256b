"""The Details dialog's "Needs attention" section: each finding's sentence, with the fix that fits."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from token_desk.api.models import Token
from token_desk.findings import Finding, Fix
from token_desk.ui.common.plain_text import plain_label

SIGNED_IN_NOTE = ("Token Desk is signed in with this token: rotating or revoking it signs Token Desk out "
                  "until you sign in with the new one.")
SENTENCE_CHARS = 50  # a sentence's narrowest line, in average characters
FIX_TIPS = {
    Fix.ROTATE: "Create a replacement (with an expiry and a description of your choice), then revoke this one",
    Fix.EDIT: "Change this token's description and permissions",
    Fix.REVOKE: "Revoke this token (asks first)",
}


class FindingsPanel(QGroupBox):
    """`fix_requested(Fix)` when a fix button is pressed."""

    fix_requested = Signal(object)

    def __init__(self, token: Token, findings: Sequence[Finding], signed_in_with: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__("Needs attention", parent)
        self.setObjectName("findingsPanel")
        self.fix_buttons: list[tuple[str, QPushButton]] = []  # (rule ID, its fix button)
        self.sentence_labels = []
        layout = QVBoxLayout(self)
        for finding in findings:
            layout.addLayout(self._row(token, finding))
        if signed_in_with:
            note = plain_label(SIGNED_IN_NOTE, wrap=True)
            note.setObjectName("signedInNote")
            layout.addWidget(note)

    def _row(self, token: Token, finding: Finding) -> QHBoxLayout:
        row = QHBoxLayout()
        sentence = plain_label(finding.sentence, wrap=True)  # a missing database's name is server text
        sentence.setAccessibleName(finding.rule.label)
        # Room for a sentence on a line or two: a wrapped label asks for little, and the Details dialog (as wide as
        # a UUID) broke "Never expires, with full access to the account." after three words.
        sentence.setMinimumWidth(sentence.fontMetrics().averageCharWidth() * SENTENCE_CHARS)
        self.sentence_labels.append(sentence)
        row.addWidget(sentence, 1)
        fix = finding.rule.fix_for(token.kind)
        if fix is not None:
            button = QPushButton(fix.value)
            button.setToolTip(FIX_TIPS[fix])
            button.setAccessibleName(f"{fix.value.rstrip('…')}: {finding.rule.label}")
            button.clicked.connect(lambda _checked=False, f=fix: self.fix_requested.emit(f))
            self.fix_buttons.append((finding.id, button))
            row.addWidget(button)
        return row

    @property
    def sentences(self) -> list[str]:
        return [label.text() for label in self.sentence_labels]
