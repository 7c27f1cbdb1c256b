"""Needs attention: the findings in the window (toggle and count, Findings column, Details with fixes),
Preferences → Policy, the expiry notice, and File → Export Expiry Reminders…"""

from __future__ import annotations

from token_desk.ui.attention.attention import Attention

__all__ = ["Attention", "FindingsPanel", "PreferencesDialog", "apply_fix", "show_token_details"]


def __getattr__(name: str):
    """The window makes only Attention at start; the rest load when first named (PEP 562), so the first paint
    does not wait for the Details and Preferences dialogs' modules. Import statements, not importlib with a
    name: PyInstaller follows them into the packaged app."""
    if name in ("apply_fix", "show_token_details"):
        from token_desk.ui.attention import details as home
    elif name == "FindingsPanel":
        from token_desk.ui.attention import findings_panel as home
    elif name == "PreferencesDialog":
        from token_desk.ui.attention import preferences_dialog as home
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(home, name)

