"""influxctl, InfluxData's CLI, as Token Desk's source of management tokens. No Qt here.

The public Management API has no management-token endpoints; influxctl is the only public way
to list, create and revoke them. See INFLUXCTL.md in the shared reference for what it prints.
"""

from token_desk.api.influxctl.errors import (
    DOWNLOAD_URL, InfluxctlAuthenticationError, InfluxctlCancelledError, InfluxctlConnectionError, InfluxctlError, InfluxctlNotFoundError,
    InfluxctlNeedsItsOwnSignInError, InfluxctlNotInstalledError, InfluxctlOutcomeUnknownError, InfluxctlOutputError, InfluxctlPermissionError,
    InfluxctlStoppedError,
    InfluxctlTimeoutError, InfluxctlTooOldError, InfluxctlUnavailableError,
)
from token_desk.lazy_exports import lazy_exports

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS", "InfluxctlBridge", "ExistingProfile", "GeneratedConfig", "pipes_work",
    "DOWNLOAD_URL", "InfluxctlAuthenticationError", "InfluxctlCancelledError", "InfluxctlConnectionError", "InfluxctlError",
    "InfluxctlNotFoundError", "InfluxctlNeedsItsOwnSignInError", "InfluxctlNotInstalledError", "InfluxctlOutcomeUnknownError", "InfluxctlOutputError",
    "InfluxctlStoppedError",
    "InfluxctlPermissionError", "InfluxctlTimeoutError", "InfluxctlTooOldError", "InfluxctlUnavailableError",
    "LoginObserver", "LoginPrompt", "CancelHandle", "end_all_processes", "running_count",
    "MINIMUM_VERSION", "InfluxctlProgram",
]

# Re-exported lazily (PEP 562): the window is built with a bridge and a program, but only their commands,
# run on worker threads after the first paint, need the process, parsing and failure modules.
_LAZY_HOMES = {
    "token_desk.api.influxctl.bridge": ("DEFAULT_TIMEOUT_SECONDS", "InfluxctlBridge"),
    "token_desk.api.influxctl.config": ("ExistingProfile", "GeneratedConfig", "pipes_work"),
    "token_desk.api.influxctl.login": ("LoginObserver", "LoginPrompt"),
    "token_desk.api.influxctl.process": ("CancelHandle", "end_all_processes", "running_count"),
    "token_desk.api.influxctl.program": ("MINIMUM_VERSION", "InfluxctlProgram"),
}
__getattr__, __dir__ = lazy_exports(globals(), _LAZY_HOMES)
