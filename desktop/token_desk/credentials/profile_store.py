"""ProfileStore: the saved connection profiles (never their tokens) in config_dir()/profiles.json."""

from __future__ import annotations

import logging
import itertools
from collections.abc import Iterable
from pathlib import Path

from token_desk import paths
from token_desk.credentials.errors import (
    InvalidProfileError,
    ProfileFileError,
    ProfileNameTakenError,
    ProfileNotFoundError,
)
from token_desk.credentials.profile import Profile, names_clash, validate_profile
from token_desk.credentials.profile_file import ProfileData, back_up_file, read_profile_file, write_profile_file

PROFILES_FILE_NAME = "profiles.json"

log = logging.getLogger(__name__)


class ProfileStore:
    """List, add, edit, duplicate and delete profiles; every change is saved at once.

    The file is read again for every call so that two windows never overwrite
    each other's edits with a stale copy. A damaged file raises ProfileFileError
    and is never overwritten, except by reset_damaged_file() (the user's choice).
    """

    def __init__(self, path: Path | None = None, *, in_memory: bool = False) -> None:
        """`in_memory`: the folder cannot be written (the person was told); changes last this session only."""
        self._path = path if path is not None else paths.config_dir() / PROFILES_FILE_NAME
        self._memory: ProfileData | None = None
        self._in_memory = in_memory
        self._cached: tuple[tuple[int, int, int], ProfileData] | None = None

    @property
    def path(self) -> Path:
        return self._path

    def __repr__(self) -> str:
        return f"ProfileStore({str(self._path)!r})"

    def list(self) -> list[Profile]:
        return list(self._read().profiles)

    def names(self) -> list[str]:
        return [profile.name for profile in self._read().profiles]

    def find(self, name: str) -> Profile | None:
        return next((p for p in self._read().profiles if p.name == name), None)

    def get(self, name: str) -> Profile:
        profile = self.find(name)
        if profile is None:
            raise ProfileNotFoundError(name)
        return profile

    def add(self, profile: Profile) -> Profile:
        """Validate and append `profile`; raises ProfileNameTakenError or InvalidProfileError."""
        data = self._read()
        _check(profile, data, current_name=None)
        data.profiles.append(profile)
        self._write(data)
        log.info("Added profile '%s'", profile.name)
        return profile

    def update(self, name: str, profile: Profile) -> Profile:
        """Replace profile `name` by `profile` in place; a different profile.name renames it."""
        data = self._read()
        index = _index_of(data, name)
        _check(profile, data, current_name=name)
        data.profiles[index] = profile
        if data.last_used == name:
            data.last_used = profile.name
        self._write(data)
        log.info("Updated profile '%s'%s", name, f" (renamed to '{profile.name}')" if profile.name != name else "")
        return profile

    def duplicate(self, name: str, new_name: str | None = None) -> Profile:
        """Copy profile `name` under `new_name`, or "name (copy)", "name (copy 2)", ..."""
        data = self._read()
        original = data.profiles[_index_of(data, name)]
        taken = [p.name for p in data.profiles]
        copy = original.renamed(new_name if new_name is not None else copy_name(name, taken))
        _check(copy, data, current_name=None)
        data.profiles.insert(_index_of(data, name) + 1, copy)
        self._write(data)
        log.info("Duplicated profile '%s' as '%s'", name, copy.name)
        return copy

    def delete(self, name: str) -> None:
        data = self._read()
        del data.profiles[_index_of(data, name)]
        if data.last_used == name:
            data.last_used = None
        self._write(data)
        log.info("Deleted profile '%s'", name)

    def refusals(self) -> list[str]:
        """For each entry of the file the name rule refused (and the others loaded), the sentence saying
        where it is and what to fix."""
        return [item.sentence for item in self._read().refused]

    def last_used_name(self) -> str | None:
        """The profile opened last time, if it still exists."""
        data = self._read()
        return data.last_used if any(p.name == data.last_used for p in data.profiles) else None

    def set_last_used(self, name: str | None) -> None:
        data = self._read()
        if name is not None:
            _index_of(data, name)
        if data.last_used != name:
            data.last_used = name
            self._write(data)

    def reset_damaged_file(self) -> Path | None:
        """Start over with no profiles after the user agreed; returns the .bak copy of the old file."""
        try:
            self._read()
            return None
        except ProfileFileError:
            backup = back_up_file(self._path) if self._path.exists() else None
        self._write(ProfileData())
        return backup

    def _read(self) -> ProfileData:
        """A fresh copy of the file's data; parsed again only when the file changed on disk (another window)."""
        if self._memory is not None:
            return _copy(self._memory)
        stamp = _stamp(self._path)
        if stamp is not None and self._cached is not None and self._cached[0] == stamp:
            return _copy(self._cached[1])
        data = read_profile_file(self._path)
        self._cached = (stamp, _copy(data)) if stamp is not None else None
        return data

    def _write(self, data: ProfileData) -> None:
        if self._in_memory:
            self._memory = _copy(data)
            return
        write_profile_file(self._path, data)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever the file is replaced or written (it is always replaced atomically)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


def _copy(data: ProfileData) -> ProfileData:
    return ProfileData(list(data.profiles), data.last_used, list(data.refused))


def copy_name(name: str, taken: Iterable[str]) -> str:
    taken = list(taken)
    for number in itertools.count(1):
        candidate = f"{name} (copy)" if number == 1 else f"{name} (copy {number})"
        if not any(names_clash(candidate, other) for other in taken):
            return candidate
    raise AssertionError("unreachable")


def _index_of(data: ProfileData, name: str) -> int:
    for index, profile in enumerate(data.profiles):
        if profile.name == name:
            return index
    raise ProfileNotFoundError(name)


def _check(profile: Profile, data: ProfileData, current_name: str | None) -> None:
    others = [p.name for p in data.profiles if p.name != current_name]
    if any(names_clash(profile.name, other) for other in others):
        raise ProfileNameTakenError(profile.name)
    problems = validate_profile(profile)
    if problems:
        raise InvalidProfileError({str(field): message for field, message in problems.items()})
