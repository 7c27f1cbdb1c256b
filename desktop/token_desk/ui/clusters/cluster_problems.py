"""One line above the Database Tokens table per cluster that failed to load ("Cluster staging: …  Retry"),
while the other clusters' tokens show below it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from token_desk.api.clusters import Cluster
from token_desk.models.display import visible_text
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.common.plain_text import plain_label


def problem_style(c: Colours) -> str:
    return (f"QFrame#clusterProblem {{ background: {c.banner_background}; border: 1px solid {c.banner_border};"
            f" border-radius: 6px; }} QFrame#clusterProblem QLabel {{ color: {c.banner_text};"
            " background: transparent; }")


def problem_text(cluster: Cluster, error: BaseException) -> str:
    """"Cluster staging: <what went wrong>": the cluster by name, the failure in the app's one wording."""
    return f"Cluster {visible_text(cluster.label)}: {error_sentence(error, 'Loading its database tokens', 'retry')}"


class ClusterProblemLine(QFrame):
    retry_requested = Signal(object)

    def __init__(self, cluster: Cluster, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clusterProblem")
        style_live(self, problem_style)
        self.cluster = cluster
        # Wrapped, as the banner is: on one line a long sentence was cut mid-word, and its width pushed the
        # pages aside until the sidebar's entries were cut too.
        self.label = plain_label(problem_text(cluster, error), wrap=True, selectable=True)
        self.setAccessibleName(f"Problem with cluster {visible_text(cluster.label)}")
        self.retry = QPushButton("Retry")
        self.retry.setAccessibleName(f"Retry cluster {visible_text(cluster.label)}")
        self.retry.clicked.connect(lambda: self.retry_requested.emit(self.cluster))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignVCenter)

    @property
    def text(self) -> str:
        return self.label.text()


class ClusterProblems(QWidget):
    """Hidden while every cluster shown loaded; `retry_requested(Cluster)` from a line's Retry."""

    retry_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Clusters that failed to load")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.lines: list[ClusterProblemLine] = []
        self.hide()

    def show_failed(self, failed: Sequence[tuple[Cluster, BaseException]]) -> None:
        for line in self.lines:
            line.hide()  # gone from sight now; deleted by Qt once no event of its own is running
            line.deleteLater()
        self.lines = [ClusterProblemLine(cluster, error, self) for cluster, error in failed]
        for line in self.lines:
            line.retry_requested.connect(self.retry_requested)
            self._layout.addWidget(line)
        self.setVisible(bool(self.lines))

    def texts(self) -> list[str]:
        return [line.text for line in self.lines]
