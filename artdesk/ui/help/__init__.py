"""The offline manual and the "?" buttons that open it at a topic."""
