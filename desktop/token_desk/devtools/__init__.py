"""Developer tools that are not part of the app: the screenshot maker."""
