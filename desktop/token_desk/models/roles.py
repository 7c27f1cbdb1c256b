"""Custom item data roles shared by the token models and the views."""

from PySide6.QtCore import Qt

# The row's Token: views use it instead of treating a proxy row as a source row.
TOKEN_ROLE = Qt.ItemDataRole.UserRole + 1
# The native value the column sorts by (a float time, a casefolded string, a status rank).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
# The row's DisplayStatus (Active, Expires soon, Expired, Revoked).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
