"""Needs attention: the findings in the window (toggle and count, Findings column, Details with fixes),
Preferences → Policy, the expiry notice, and File → Export Expiry Reminders…"""

from __future__ import annotations

from token_desk.ui.attention.attention import Attention

__all__ = ["Attention", "FindingsPanel", "PreferencesDialog", "apply_fix", "show_token_details"]
# The window makes only Attention at start; the rest are named when first used (PEP 562), so the first
# paint does not wait for the Details and Preferences dialogs' modules.
_LATER = {"apply_fix": "details", "show_token_details": "details", "FindingsPanel": "findings_panel",
          "PreferencesDialog": "preferences_dialog"}


def __getattr__(name: str):
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)

