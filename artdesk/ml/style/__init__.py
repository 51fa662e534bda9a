"""Painting styles: neural style transfer without downloaded networks (torch, never Qt)."""
