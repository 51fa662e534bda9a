"""Music models (torch, never Qt)."""
