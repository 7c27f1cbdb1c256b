"""Preferences → Policy kept in the window's settings (numbers only, never a secret)."""

from __future__ import annotations

from msgspec.structs import fields

from token_desk.findings import DEFAULT_POLICY, Policy

PREFIX = "policy/"


def read_policy(settings) -> Policy:
    """The stored policy; a missing or garbled number keeps its default, and every number its range."""
    values = {}
    for field in fields(Policy):
        stored = settings.value(PREFIX + field.name, getattr(DEFAULT_POLICY, field.name))
        try:
            values[field.name] = int(stored)
        except (TypeError, ValueError):
            values[field.name] = getattr(DEFAULT_POLICY, field.name)
    return Policy(**values).clamped()


def write_policy(settings, policy: Policy) -> None:
    for field in fields(Policy):
        settings.setValue(PREFIX + field.name, getattr(policy, field.name))
    settings.sync()
