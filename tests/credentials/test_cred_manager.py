import logging
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from token_desk.credentials import (
    Credentials,
    KeyringLockedError,
    KeyringWriteError,
    NoKeyringError,
    ProfileManager,
    ProfileNameTakenError,
)
from token_desk.credentials.errors import InvalidTokenError
from cred_helpers import OTHER_SECRET, SECRET, make_profile


def test_a_profile_and_its_token_are_saved_apart(manager: ProfileManager, memory_keyring, isolated_config) -> None:
    manager.add(make_profile("Production"), SECRET)
    assert manager.credentials.token_for("Production") == SECRET
    assert memory_keyring.entries == {("token-desk", "Production"): SECRET}
    for file in isolated_config.rglob("*"):
        assert SECRET.encode() not in file.read_bytes()
    assert b"Production" in (isolated_config / "profiles.json").read_bytes()


def test_deleting_a_profile_deletes_its_token(manager: ProfileManager, memory_keyring) -> None:
    manager.add(make_profile("Production"), SECRET)
    manager.delete("Production")
    assert manager.store.list() == [] and memory_keyring.entries == {}


def test_a_locked_keyring_keeps_the_profile_on_delete(manager: ProfileManager, memory_keyring) -> None:
    manager.add(make_profile("Production"), SECRET)
    memory_keyring.failures["delete"] = KeyringLockedError()
    with pytest.raises(KeyringLockedError):
        manager.delete("Production")
    assert manager.store.names() == ["Production"]


def test_renaming_a_profile_moves_its_token(manager: ProfileManager, memory_keyring) -> None:
    manager.add(make_profile("Old"), SECRET)
    manager.update("Old", make_profile("New"))
    assert manager.store.names() == ["New"]
    assert memory_keyring.entries == {("token-desk", "New"): SECRET}


def test_rename_onto_an_existing_name_changes_nothing(manager: ProfileManager, memory_keyring) -> None:
    manager.add(make_profile("A"), SECRET)
    manager.add(make_profile("B"), OTHER_SECRET)
    with pytest.raises(ProfileNameTakenError):
        manager.update("A", make_profile("b"))
    assert manager.credentials.token_for("A") == SECRET and manager.credentials.token_for("B") == OTHER_SECRET


def test_keyring_failure_on_add_saves_no_profile(manager: ProfileManager, memory_keyring) -> None:
    memory_keyring.fail_set_for.add("Production")
    with pytest.raises(KeyringWriteError):
        manager.add(make_profile("Production"), SECRET)
    assert manager.store.list() == []


def test_duplicate_copies_the_token(manager: ProfileManager) -> None:
    manager.add(make_profile("Production"), SECRET)
    copy = manager.duplicate("Production")
    assert copy.name == "Production (copy)"
    assert manager.credentials.token_for(copy.name) == SECRET


def test_session_only_token_when_there_is_no_keyring(manager: ProfileManager, isolated_config: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(NoKeyringError):
        manager.add(make_profile("Production"), SECRET)
    manager.add(make_profile("Production"), SECRET, session_only=True)
    assert manager.credentials.token_for("Production") == SECRET
    assert manager.credentials.is_session_only("Production")
    manager.update("Production", make_profile("Prod"))  # still editable without a keyring
    assert manager.credentials.token_for("Prod") == SECRET
    manager.delete("Prod")
    assert manager.store.list() == [] and not manager.credentials.is_session_only("Prod")
    assert not any(SECRET.encode() in f.read_bytes() for f in isolated_config.rglob("*") if f.is_file())


def test_a_keyring_store_replaces_the_session_copy(credentials: Credentials, memory_keyring) -> None:
    credentials.store("Production", OTHER_SECRET, session_only=True)
    assert memory_keyring.entries == {}
    credentials.store("Production", f"  {SECRET}\n")
    assert not credentials.is_session_only("Production")
    assert credentials.token_for("Production") == SECRET
    credentials.forget("Production")
    assert credentials.token_for("Production") is None
    with pytest.raises(InvalidTokenError):
        credentials.store("Production", "   ")


def test_secrets_never_reach_logs_or_reprs(manager: ProfileManager, memory_keyring, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    manager.add(make_profile("A"), SECRET)
    manager.add(make_profile("B"), OTHER_SECRET, session_only=True)
    manager.update("A", make_profile("A2"))
    manager.duplicate("B")
    memory_keyring.failures["set"] = RuntimeError(f"rejected {SECRET}")
    with pytest.raises(KeyringWriteError) as caught:
        manager.credentials.store("C", SECRET)
    manager.delete("A2")
    shown = caplog.text + repr(manager) + repr(manager.credentials) + repr(caught.value) + str(caught.value)
    assert "A2" in caplog.text
    assert SECRET not in shown and OTHER_SECRET not in shown
