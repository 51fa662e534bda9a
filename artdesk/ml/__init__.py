"""Model code (torch, never Qt)."""
