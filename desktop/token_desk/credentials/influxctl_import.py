"""Importing influxctl profiles: each one completely (profile + token in the keyring) or not at all."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from msgspec.structs import replace

from token_desk.credentials.errors import CredentialError, ProfileNameTakenError
from token_desk.credentials.influxctl import InfluxctlCandidate
from token_desk.credentials.profile import names_clash
from token_desk.credentials.profile_store import ProfileStore
from token_desk.credentials.session import Credentials

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportedProfile:
    name: str
    token_stored: bool  # False: no mgmt_token (asked for on connect), or an influxctl profile used as it is
    uses_influxctl_profile: bool = False


@dataclass(frozen=True)
class SkippedProfile:
    name: str
    reason: str


@dataclass
class ImportReport:
    config_path: Path | None  # the influxctl config.toml the profiles came from
    imported: list[ImportedProfile] = field(default_factory=list)
    skipped: list[SkippedProfile] = field(default_factory=list)

    @property
    def tokens_still_in_plaintext(self) -> bool:
        return any(item.token_stored for item in self.imported)

    @property
    def plaintext_warning(self) -> str | None:
        """What the person should know about the copy of the tokens influxctl still keeps."""
        if not self.tokens_still_in_plaintext:
            return None
        return (
            f"The management tokens are still stored in plain text in {self.config_path}; Token Desk did not "
            "change that file. Remove their mgmt_token lines if influxctl no longer needs them."
        )

    def summary(self) -> str:
        lines = [f"Imported {len(self.imported)} profile(s); skipped {len(self.skipped)}."]
        lines += [f"{item.name}: {item.reason}" for item in self.skipped]
        if any(not item.token_stored and not item.uses_influxctl_profile for item in self.imported):
            lines.append("Profiles imported without a token will ask for it when you connect.")
        if any(item.uses_influxctl_profile for item in self.imported):
            lines.append("Profiles used as they are sign in through influxctl; Token Desk stores no token for them.")
        if self.plaintext_warning:
            lines.append(self.plaintext_warning)
        return "\n".join(lines)


def import_profiles(
    selected: Iterable[InfluxctlCandidate], store: ProfileStore, credentials: Credentials, *,
    as_influxctl_profiles: bool = False,
) -> ImportReport:
    """Create a Token Desk profile for each selected candidate; never touches config.toml.

    By default each mgmt_token moves into the keyring; `as_influxctl_profiles` instead makes connections
    that run influxctl with that very profile (its own sign-in), storing no token at all."""
    selected = list(selected)
    report = ImportReport(next((c.source for c in selected if c.source is not None), None))
    for candidate in selected:
        try:
            if as_influxctl_profiles:
                report.imported.append(_use_as_is(candidate, store))
                continue
            report.imported.append(_import_one(candidate, store, credentials))
        except CredentialError as err:
            report.skipped.append(SkippedProfile(candidate.name or f"#{candidate.position}", str(err)))
            log.info("Did not import influxctl profile '%s': %s", candidate.name, err.details or err)
    return report


class _NotImportable(CredentialError):
    pass


def _import_one(candidate: InfluxctlCandidate, store: ProfileStore, credentials: Credentials) -> ImportedProfile:
    profile = candidate.profile
    if profile is None or candidate.problems:
        raise _NotImportable(candidate.problem or "This profile cannot be imported.")
    if any(names_clash(profile.name, other) for other in store.names()):
        raise ProfileNameTakenError(profile.name)
    if candidate.token is not None:
        credentials.store(profile.name, candidate.token)  # raises before any profile exists
    try:
        store.add(profile)
    except CredentialError:
        if candidate.token is not None:
            _remove_written_token(credentials, profile.name)
        raise
    log.info("Imported influxctl profile '%s'", profile.name)
    return ImportedProfile(profile.name, candidate.token is not None)


def _use_as_is(candidate: InfluxctlCandidate, store: ProfileStore) -> ImportedProfile:
    profile = candidate.profile
    if profile is None or candidate.problems:
        raise _NotImportable(candidate.problem or "This profile cannot be imported.")
    if any(names_clash(profile.name, other) for other in store.names()):
        raise ProfileNameTakenError(profile.name)
    store.add(replace(profile, influxctl_profile=candidate.name,
                      influxctl_config=str(candidate.source) if candidate.source else None))
    log.info("Added influxctl profile '%s' as it is", profile.name)
    return ImportedProfile(profile.name, token_stored=False, uses_influxctl_profile=True)


def _remove_written_token(credentials: Credentials, name: str) -> None:
    try:
        credentials.forget(name)
    except CredentialError as err:
        log.warning("Could not remove the token written for profile '%s': %s", name, err.details)
