"""Canvas models (torch, never Qt)."""
