import errno
import os

import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.settings import DEFAULTS, SETTINGS_VERSION, load_settings, migrate, save_settings


def test_missing_file_gives_defaults(tmp_path):
    loaded = load_settings(tmp_path / "settings.toml")
    assert loaded.values == DEFAULTS and loaded.problems == []


def test_round_trip_keeps_values_and_version(tmp_path):
    path = tmp_path / "settings.toml"
    values = load_settings(path).values
    values["general"]["theme"] = "dark"
    save_settings(path, values)
    again = load_settings(path).values
    assert again["general"]["theme"] == "dark" and again["version"] == SETTINGS_VERSION


def test_broken_file_gives_defaults_and_is_kept_aside(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("this is = = not toml [[[")
    loaded = load_settings(path)
    assert loaded.values == DEFAULTS
    assert "could not be read" in loaded.problems[0]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("settings.toml.unreadable-")]
    assert len(kept) == 1 and "not toml" in kept[0].read_text()


def test_future_version_is_reported_not_crashed(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(f"version = {SETTINGS_VERSION + 5}\n")
    loaded = load_settings(path)
    assert loaded.values == DEFAULTS and "newer" in loaded.problems[0]


def test_migration_from_version_zero():
    assert migrate({"general": {"theme": "dark"}})["version"] == SETTINGS_VERSION


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "disk is full"), (errno.EACCES, "permission"), (errno.EROFS, "permission")])
def test_failed_save_gives_a_clear_error_and_keeps_the_old_file(tmp_path, monkeypatch, code, words):
    path = tmp_path / "settings.toml"
    save_settings(path, dict(DEFAULTS))
    before = path.read_text()

    def refuse(*_args):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ArtdeskError, match=words):
        save_settings(path, {**DEFAULTS, "general": {"theme": "dark"}})
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]  # no temporary file left behind
