"""Windows, dialogs and actions: the only layer that imports QtWidgets."""
