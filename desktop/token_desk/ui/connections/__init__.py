"""Connections: profiles, the keyring, sign-in prompts, influxctl import and the connection test."""

from token_desk.ui.connections.connections_controller import ConnectionsController
from token_desk.ui.connections.connections_prompts import ConnectionPrompts, Prompts
from token_desk.ui.connections.connections_resources import DemoFactory
from token_desk.ui.connections.profile_saver import KeyringProfileSaver
from token_desk.ui.connections.profile_switcher import ProfileSwitcher

__all__ = ["ConnectionPrompts", "ConnectionsController", "DemoFactory", "KeyringProfileSaver", "ProfileSwitcher", "Prompts"]
