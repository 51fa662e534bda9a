"""Poem models (torch, never Qt)."""
