"""influxctl, InfluxData's CLI, as Token Desk's source of management tokens. No Qt here.

The public Management API has no management-token endpoints; influxctl is the only public way
to list, create and revoke them. See INFLUXCTL.md in the shared reference for what it prints.
"""

from token_desk.api.influxctl.bridge import DEFAULT_TIMEOUT_SECONDS, InfluxctlBridge
from token_desk.api.influxctl.config import ExistingProfile, GeneratedConfig, pipes_work
from token_desk.api.influxctl.errors import (
    DOWNLOAD_URL, InfluxctlAuthenticationError, InfluxctlCancelledError, InfluxctlConnectionError, InfluxctlError, InfluxctlNotFoundError,
    InfluxctlNeedsItsOwnSignInError, InfluxctlNotInstalledError, InfluxctlOutcomeUnknownError, InfluxctlOutputError, InfluxctlPermissionError,
    InfluxctlStoppedError,
    InfluxctlTimeoutError, InfluxctlTooOldError, InfluxctlUnavailableError,
)
from token_desk.api.influxctl.login import LoginObserver, LoginPrompt
from token_desk.api.influxctl.process import CancelHandle, end_all_processes, running_count
from token_desk.api.influxctl.program import MINIMUM_VERSION, InfluxctlProgram

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS", "InfluxctlBridge", "ExistingProfile", "GeneratedConfig", "pipes_work",
    "DOWNLOAD_URL", "InfluxctlAuthenticationError", "InfluxctlCancelledError", "InfluxctlConnectionError", "InfluxctlError",
    "InfluxctlNotFoundError", "InfluxctlNeedsItsOwnSignInError", "InfluxctlNotInstalledError", "InfluxctlOutcomeUnknownError", "InfluxctlOutputError",
    "InfluxctlStoppedError",
    "InfluxctlPermissionError", "InfluxctlTimeoutError", "InfluxctlTooOldError", "InfluxctlUnavailableError",
    "LoginObserver", "LoginPrompt", "CancelHandle", "end_all_processes", "running_count",
    "MINIMUM_VERSION", "InfluxctlProgram",
]
