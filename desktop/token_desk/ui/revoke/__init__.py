"""Revoking: the confirmation dialog, its wording and what the window does around it."""
