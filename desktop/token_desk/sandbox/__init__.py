"""A local server of both Management API documents, backed by SQLite: demo mode and test oracle.

Independent of token_desk.api on purpose: the client is tested against it, so
it must not share the client's assumptions. Standard library only, no Qt.
"""

from token_desk.sandbox.request_log import LoggedRequest
from token_desk.sandbox.server import Sandbox, SandboxState, start_sandbox

__all__ = ["LoggedRequest", "Sandbox", "SandboxState", "start_sandbox"]
