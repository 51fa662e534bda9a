"""Errors a user can cause or fix."""


class ArtdeskError(Exception):
    """An expected failure; ``str(error)`` is a message for the user that says what to do."""


class SessionProblem(ArtdeskError):
    """A request a panel's session refuses; ``code`` names why, and the panel says it in the user's words."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
