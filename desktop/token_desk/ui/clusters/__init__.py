"""The clusters of an account: the Clusters page, the Database Tokens page's cluster picker and the lines
of clusters that failed to load, and the controller that finds the clusters and loads their tokens."""

from token_desk.ui.clusters.account_clusters import AccountClusters
from token_desk.ui.clusters.clusters_page import ClustersPage
from token_desk.ui.clusters.cluster_picker import ALL_CLUSTERS, ClusterChoiceMemory, ClusterPicker

__all__ = ["ALL_CLUSTERS", "AccountClusters", "ClusterChoiceMemory", "ClusterPicker", "ClustersPage"]
