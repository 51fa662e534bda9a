"""Errors a user can cause or fix."""


class ArtdeskError(Exception):
    """An expected failure; ``str(error)`` is a message for the user that says what to do."""
