"""Pieces every feature shares: plain text, icons, dialog buttons, the off-thread progress relay."""
