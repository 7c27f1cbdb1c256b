"""Needs attention: the findings in the window (toggle and count, Findings column, Details with fixes),
Preferences → Policy, the expiry notice, and File → Export Expiry Reminders…"""

from __future__ import annotations

from token_desk.ui.attention.attention import Attention
from token_desk.ui.attention.details import apply_fix, show_token_details
from token_desk.ui.attention.findings_panel import FindingsPanel
from token_desk.ui.attention.preferences_dialog import PreferencesDialog

__all__ = ["Attention", "FindingsPanel", "PreferencesDialog", "apply_fix", "show_token_details"]

