"""Needs attention: the findings in the window (toggle and count, Findings column, Details with fixes),
Preferences → Policy, the expiry notice, and File → Export Expiry Reminders…"""

from __future__ import annotations

from token_desk.ui.attention.attention import Attention
from token_desk.ui.attention.details import apply_fix, show_token_details
from token_desk.ui.attention.findings_panel import FindingsPanel
from token_desk.ui.attention.preferences_dialog import PreferencesDialog
from token_desk.ui.common.file_prompts import FilePrompts

__all__ = ["Attention", "FindingsPanel", "PreferencesDialog", "apply_fix", "install_attention", "show_token_details"]


def install_attention(window, prompts: FilePrompts | None = None) -> Attention:
    """Add Needs attention, Preferences… and Export Expiry Reminders… to `window` (once, at construction)."""
    return Attention(window, prompts)  # a child of the window: it lives as long as the window
