"""The window's parts are typed Protocols; every implementation, real or fake, defines each method itself.

Fakes do not inherit from the Protocols (a Protocol's bodies would silently stand in for a renamed
method): this test is what breaks loudly when a Protocol method is renamed or added.
"""

from __future__ import annotations

import inspect

import pytest

from tests.ui.conftest import DecliningPrompts, NoConnections, RecordingRevoker
from tests.ui.connections.connections_helpers import AnsweringPrompts
from token_desk.ui.connections import ConnectionPrompts, ConnectionsController, Prompts
from token_desk.ui.revoke import DialogRevokeService, RevokeService
from token_desk.ui.shell.main_window import ConnectionControl


def protocol_methods(protocol: type) -> set[str]:
    return {name for name, value in vars(protocol).items() if inspect.isfunction(value) and not name.startswith("_")}


IMPLEMENTATIONS = [
    (Prompts, ConnectionPrompts), (Prompts, DecliningPrompts), (Prompts, AnsweringPrompts),
    (RevokeService, DialogRevokeService), (RevokeService, RecordingRevoker),
    (ConnectionControl, ConnectionsController), (ConnectionControl, NoConnections),
]


@pytest.mark.parametrize(("protocol", "implementation"), IMPLEMENTATIONS,
                         ids=[implementation.__name__ for _protocol, implementation in IMPLEMENTATIONS])
def test_implementation_defines_every_method_of_its_protocol(protocol: type, implementation: type) -> None:
    missing = protocol_methods(protocol) - set(vars(implementation))
    assert not missing, f"{implementation.__name__} lacks {sorted(missing)} of {protocol.__name__}"
    for name in protocol_methods(protocol):
        expected = list(inspect.signature(getattr(protocol, name)).parameters)
        assert list(inspect.signature(getattr(implementation, name)).parameters) == expected, name
