"""Plain-Python core of artdesk: imports neither torch nor Qt."""
