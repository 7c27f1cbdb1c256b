"""The Clusters page and the cluster picker of the Database Tokens page (self-contained widgets)."""

from token_desk.ui.clusters.clusters_page import ClustersPage
from token_desk.ui.clusters.cluster_picker import ALL_CLUSTERS, ClusterChoiceMemory, ClusterPicker

__all__ = ["ALL_CLUSTERS", "ClusterChoiceMemory", "ClusterPicker", "ClustersPage"]
