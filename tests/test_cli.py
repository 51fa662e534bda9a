"""The command line: models, self-test, demo, unknown domains; run as a user would, in subprocesses."""
import json
import os
import subprocess
import sys

from tests.core.test_cards import make_card_folder


def artdesk(*args, home, timeout=600):
    env = {**os.environ, "ARTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "artdesk", *args], capture_output=True, text=True, env=env, timeout=timeout)


def test_version(isolated_home):
    result = artdesk("--version", home=isolated_home)
    assert result.returncode == 0 and result.stdout.startswith("artdesk ")


def test_models_lists_cards_and_warns_about_broken_ones(isolated_home):
    user_models = isolated_home / "data" / "models"
    make_card_folder(user_models, name="mine")
    broken = make_card_folder(user_models, domain="music", name="broken")
    (broken / "card.json").write_text(json.dumps({"format_version": 99}))
    result = artdesk("models", home=isolated_home)
    assert result.returncode == 0
    assert "user:poem/mine" in result.stdout
    assert "format 99" in result.stderr


def test_unknown_domain_is_a_clear_error(isolated_home):
    result = artdesk("generate", "sculpture", home=isolated_home)
    assert result.returncode == 2
    assert "Unknown domain 'sculpture'" in result.stderr and "Traceback" not in result.stderr


def test_self_test_runs_jobs_through_the_runner(isolated_home):
    result = artdesk("self-test", home=isolated_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok    warm-up" in result.stdout and "self-test passed" in result.stdout


def test_demo_writes_each_domains_samples(isolated_home, tmp_path):
    out = tmp_path / "demo"
    result = artdesk("demo", str(out), home=isolated_home)
    assert result.returncode == 0, result.stderr
    from artdesk.cli import DOMAIN_COMMANDS

    for domain in DOMAIN_COMMANDS:
        assert any((out / domain).iterdir()), f"demo wrote nothing for {domain}"


def test_image_is_another_name_for_the_canvas_domain(isolated_home):
    result = artdesk("eval", "image", "--help", home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "artdesk eval canvas" in result.stdout and "--count" in result.stdout
