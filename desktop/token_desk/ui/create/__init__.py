"""Creating, editing and rotating tokens, and showing a new token's secret once.

The window builds one TokenLifecycle over a LifecycleHost of its own; everything else here is internal.
"""

from token_desk.ui.create.lifecycle import LifecycleDialogs, LifecycleHost, TokenLifecycle
from token_desk.ui.create.requests_and_results import ProfileSaver

__all__ = ["LifecycleDialogs", "LifecycleHost", "ProfileSaver", "TokenLifecycle"]
