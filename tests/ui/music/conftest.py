"""Music widget tests share the panel fixtures."""
from tests.ui.music.fixtures import music_context, tiny_music_models  # noqa: F401
