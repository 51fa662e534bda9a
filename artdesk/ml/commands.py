"""What the domains' command lines share: ``artdesk VERB DOMAIN ARGS`` calls ``main(verb, argv)`` of
``artdesk.ml.<domain>.commands``, which names its handler for each verb it has."""
from __future__ import annotations

from typing import Callable

from artdesk.core.errors import ArtdeskError


def run_verb(domain: str, handlers: dict[str, Callable[[list[str]], int]], verb: str, argv: list[str]) -> int:
    """Run ``handlers[verb](argv)``; a verb the domain does not have is a user error that names it."""
    if verb not in handlers:
        raise ArtdeskError(f"The {domain} domain has no {verb!r} command.")
    return handlers[verb](argv)
