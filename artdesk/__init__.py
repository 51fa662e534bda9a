"""artdesk: an offline studio for pictures, melodies and poems made with small generative models."""

__version__ = "0.1.0"
