"""The Database Tokens page's cluster picker: one cluster, or All clusters; the choice kept per connection."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from token_desk.api.clusters import Cluster
from token_desk.ui.common.settings import CLUSTER_CHOICE

ALL_CLUSTERS = "All clusters"
_ALL = ""  # the stored choice for All clusters
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


class ClusterChoiceMemory:
    """Which cluster each connection showed last (a cluster ID, or All clusters), in the app's settings."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def remembered(self, connection: str) -> str | None:
        """The cluster ID chosen last, "" for All clusters, None when nothing was chosen yet."""
        value = self._settings.value(self._key(connection))
        return value if isinstance(value, str) else None

    def remember(self, connection: str, cluster_id: str | None) -> None:
        self._settings.setValue(self._key(connection), cluster_id or _ALL)

    @staticmethod
    def _key(connection: str) -> str:
        # Percent-encoded: a connection's name may hold "/" or "\\", which QSettings reads as groups.
        encoded = "".join(c if c.isalnum() or c in "-_ " else f"%{ord(c):04x}" for c in connection)
        return f"{CLUSTER_CHOICE}/{encoded}"


class ClusterPicker(QComboBox):
    """`chosen(clusters)`: the clusters to show, every one for All clusters. With one cluster it is disabled
    and says why in its tooltip."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Cluster")
        # Qt on Linux names a combo box by its current text: say what the choice is about as well.
        self.setAccessibleDescription("Cluster: whose database tokens the table shows, one cluster or all")
        self._clusters: tuple[Cluster, ...] = ()
        self.currentIndexChanged.connect(self._emit_choice)

    def set_clusters(self, clusters: Sequence[Cluster], chosen_id: str | None = None) -> None:
        """The connection's clusters; `chosen_id` as ClusterChoiceMemory.remembered() gives it (None: the
        connection's own cluster, the first; "": All clusters; a cluster gone since: its own)."""
        self._clusters = tuple(clusters)
        self.blockSignals(True)
        self.clear()
        self.addItem(ALL_CLUSTERS, _ALL)
        for cluster in self._clusters:
            suffix = "" if cluster.can_load else f" ({cluster.state_label.lower()})"
            self.addItem(cluster.label + suffix, cluster.id)
            tooltip = f"Cluster ID: {cluster.id}"
            if not cluster.can_load:  # nothing to list until it is ready (All clusters skips it too)
                self.model().item(self.count() - 1).setEnabled(False)
                tooltip += f"\n{cluster.state_label}: its tokens are listed once it is ready"
            self.setItemData(self.count() - 1, tooltip, _TOOLTIP)
        index = self.findData(chosen_id) if chosen_id is not None else -1
        self.setCurrentIndex(index if index >= 0 else min(1, self.count() - 1))
        self.blockSignals(False)
        several = len(self._clusters) > 1
        self.setEnabled(several)
        self.setToolTip("" if several else "This connection has one cluster; add others by ID in its settings.")
        self._emit_choice()

    def chosen_id(self) -> str | None:
        """The chosen cluster's ID; None for All clusters."""
        return self.currentData() or None

    def chosen_clusters(self) -> tuple[Cluster, ...]:
        chosen = self.chosen_id()
        return self._clusters if chosen is None else tuple(c for c in self._clusters if c.id == chosen)

    def _emit_choice(self) -> None:
        self.chosen.emit(self.chosen_clusters())
