"""Connection profiles, their tokens in the OS keyring, and import from influxctl. No Qt here.

What the GUI uses: ProfileManager (profiles + tokens together), Credentials
(token_for/store/forget, session-only tokens), the validators for "as you type"
messages, and read_influxctl_profiles/import_profiles. Every failure is a
CredentialError whose str() is one sentence to show; none carries a secret.

Reading influxctl's config and importing from it are re-exported lazily (PEP 562): only the Import dialog
needs them (and with them tomllib), not the window's start-up.
"""

from __future__ import annotations

from token_desk.credentials.errors import (
    CredentialError,
    InsecureKeyringError,
    InvalidProfileError,
    InvalidTokenError,
    KeychainAccessRefusedError,
    KeyringDeleteError,
    KeyringDisabledError,
    KeyringEntryTooLargeError,
    KeyringLockedError,
    KeyringMisconfiguredError,
    KeyringReadError,
    KeyringWriteError,
    NoKeyringError,
    ProfileFileCorruptError,
    ProfileFileError,
    ProfileFileUnreadableError,
    ProfileFileWriteError,
    ProfileNameTakenError,
    ProfileNotFoundError,
    ProfileStoreError,
    SecretStoreError,
)
from token_desk.credentials.manager import ProfileManager
from token_desk.credentials.memory import MemoryProfileStore, MemorySecretStore
from token_desk.credentials.profile import (
    DEFAULT_BASE_URL,
    ALLOW_PLAIN_HTTP_LABEL,
    Profile,
    ProfileField,
    validate_account_id,
    validate_base_url,
    validate_cluster_id,
    validate_name,
    validate_added_cluster_ids,
    validate_profile,
    validate_profile_fields,
)
from token_desk.credentials.profile_store import PROFILES_FILE_NAME, ProfileStore
from token_desk.credentials.secret_store import SERVICE_NAME, SecretStore
from token_desk.credentials.session import Credentials, SessionSecrets, validate_token
from token_desk.lazy_exports import lazy_exports

__all__ = [
    "DEFAULT_BASE_URL",
    "PROFILES_FILE_NAME",
    "SERVICE_NAME",
    "CredentialError",
    "Credentials",
    "ImportReport",
    "ImportedProfile",
    "InfluxctlCandidate",
    "InfluxctlReadResult",
    "InsecureKeyringError",
    "InvalidProfileError",
    "InvalidTokenError",
    "KeychainAccessRefusedError",
    "KeyringDeleteError",
    "KeyringEntryTooLargeError",
    "KeyringDisabledError",
    "KeyringLockedError",
    "KeyringMisconfiguredError",
    "KeyringReadError",
    "KeyringWriteError",
    "NoKeyringError",
    "ALLOW_PLAIN_HTTP_LABEL",
    "Profile",
    "ProfileField",
    "ProfileFileCorruptError",
    "ProfileFileError",
    "ProfileFileUnreadableError",
    "ProfileFileWriteError",
    "MemoryProfileStore",
    "MemorySecretStore",
    "ProfileManager",
    "ProfileNameTakenError",
    "ProfileNotFoundError",
    "ProfileStore",
    "ProfileStoreError",
    "SecretStore",
    "SecretStoreError",
    "SessionSecrets",
    "SkippedProfile",
    "default_influxctl_config_path",
    "import_profiles",
    "read_influxctl_profiles",
    "validate_account_id",
    "validate_base_url",
    "validate_cluster_id",
    "validate_name",
    "validate_added_cluster_ids",
    "validate_profile",
    "validate_profile_fields",
    "validate_token",
]

_LAZY_HOMES = {
    "token_desk.credentials.influxctl": (
        "InfluxctlCandidate", "InfluxctlReadResult", "default_influxctl_config_path", "read_influxctl_profiles",
    ),
    "token_desk.credentials.influxctl_import": ("ImportedProfile", "ImportReport", "SkippedProfile", "import_profiles"),
}
__getattr__, __dir__ = lazy_exports(globals(), _LAZY_HOMES)
