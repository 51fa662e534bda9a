"""The Poem panel's session without Qt or torch: settings, validation, requests, replay, provenance."""
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from artdesk.core.cards import ModelCard
from artdesk.ml.poem.requests import GenerateJob, PoemRequest
from artdesk.ml.poem.session import (BAD_NAME, NO_FORM, NO_HEADS, NO_MODEL, NO_TEXT, PoemSession, SessionProblem,
                                     poem_record)


def card(tmp_path: Path, name: str, language: str = "zh", source: str = "user", sha: str = "") -> ModelCard:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return ModelCard(folder, source, {"name": name, "domain": "poem", "model_type": "poem-rnn",
                                      "config": {"language": language}, "weights_sha256": sha or f"sha-{name}"})


@dataclass
class Candidate:
    text: str
    record: dict = field(default_factory=dict)


@dataclass
class Result:
    candidates: list
    request: PoemRequest
    weights_sha256: str = "sha-zh"


@pytest.fixture
def session(tmp_path):
    session = PoemSession()
    other = ModelCard(tmp_path, "user", {"name": "a-gan", "domain": "canvas", "model_type": "canvas-gan"})
    session.set_cards([card(tmp_path, "zh"), card(tmp_path, "en", "en"), other])
    return session


def test_only_poem_models_are_offered_and_the_choice_survives_a_refresh(session, tmp_path):
    assert [c.name for c in session.cards] == ["zh", "en"] and session.card.name == "zh"
    session.choose(session.find("en"))
    session.set_cards([card(tmp_path, "zh"), card(tmp_path, "en", "en")])
    assert session.card.name == "en" and session.language() == "en"
    with pytest.raises(ValueError, match="no poem model 'nope'"):
        session.find("nope")


def test_settings_tell_their_listeners_what_changed(session):
    heard = []
    session.settings.connect(heard.append)
    session.settings.set(seed=7, temperature=0.8)  # 0.8 is the default: not a change
    session.settings.set(seed=7)
    assert heard == [{"seed"}] and session.settings.value.seed == 7
    with pytest.raises(TypeError):
        session.settings.set(no_such_setting=1)


def test_generate_request_locks_lines_and_keeps_the_tone_rule_only_where_the_form_has_one(session):
    session.settings.set(form="qijue", keywords="明月", seed=3, tones=True)
    job = session.generate_request(["一", "二", "三"], {0, 2, 5}, copy_dir="/judge")
    assert isinstance(job, GenerateJob) and job.model_dir == str(session.card.path) and job.copy_dir == "/judge"
    assert job.poem.locked == ((0, "一"), (2, "三")) and job.poem.seed == 3 and job.poem.keywords == "明月"
    assert job.poem.tones is True
    session.settings.set(form="zh-free")
    assert session.generate_request([]).poem.tones is False  # free verse has no level/oblique pattern


@pytest.mark.parametrize("change, code", [({"form": "haiku"}, NO_FORM), ({"form": "cangtou5", "heads": "  "}, NO_HEADS)])
def test_generate_request_refuses_what_cannot_be_written(session, change, code):
    session.settings.set(**change)  # haiku is an English form: a Chinese model has no such form
    with pytest.raises(SessionProblem) as problem:
        session.generate_request([])
    assert problem.value.code == code


def test_no_model_no_request(tmp_path):
    session = PoemSession()
    with pytest.raises(SessionProblem) as problem:
        session.generate_request([])
    assert problem.value.code == NO_MODEL


def test_check_and_finetune_requests(session, tmp_path):
    with pytest.raises(SessionProblem) as problem:
        session.check_request("  \n", None)
    assert problem.value.code == NO_TEXT
    judge = session.card
    check = session.check_request("床前明月光", judge)
    assert (check.form, check.model_dir, check.source) == ("qijue", str(judge.path), "user")
    for bad in ("", "a/b", ".hidden", "what?"):
        with pytest.raises(SessionProblem) as problem:
            session.finetune_request(tmp_path / "mine.txt", bad, tmp_path)
        assert problem.value.code == BAD_NAME
    request = session.finetune_request(tmp_path / "mine.txt", " mine ", tmp_path / "models")
    assert request.out_dir == str(tmp_path / "models" / "poem" / "mine") and request.base_dir == str(session.card.path)


def test_a_copy_check_of_a_fine_tune_uses_its_base_models_index(session, tmp_path):
    base = card(tmp_path, "base")
    (base.path / "originality.json").write_text("{}")
    tuned = ModelCard(tmp_path / "tuned", "user", {**card(tmp_path, "tuned").raw, "parent": "base"})
    session.set_cards([base, tuned])
    session.choose(tuned)
    judge, _note = session.copy_judge([base, tuned])
    from artdesk.core.originality import INDEX_FILES

    assert judge is base and INDEX_FILES["poem"] == "originality.json"


def test_results_provenance_and_edits(session):
    request = PoemRequest(form="wujue", seed=5)
    result = Result([Candidate("甲", {"seed": 5, "candidate": 0}), Candidate("乙", {"seed": 5, "candidate": 1})], request)
    assert session.take_result(result, session.card, None) == 0 and session.result_text == "甲"
    assert session.provenance("甲") == {"seed": 5, "candidate": 0, "edited": False}
    assert session.show(1) == "乙" and session.provenance("乙 changed")["edited"] is True
    assert session.provenance("whatever", candidate=0) == {"seed": 5, "candidate": 0, "edited": False}
    assert session.show(5) is None and not session.unsaved("乙") and session.unsaved("typed by hand")
    assert session.take_result(result, session.card, replay=1) == 1  # "Generate again" shows the one it names


def test_poem_record_says_what_made_it(session):
    request = PoemRequest(form="wujue", keywords="秋", seed=9, locked=((1, "句"),))
    record = poem_record(Result([], request, weights_sha256="loaded"), session.card, 2)
    assert record["model"] == "zh" and record["weights_sha256"] == "loaded" and record["candidate"] == 2
    assert record["settings"]["locked"] == [[1, "句"]] and record["form"] == "wujue" and record["theme"] == "秋"


def test_restore_sets_the_settings_and_arms_generate_again(session):
    heard = []
    session.settings.connect(heard.append)
    session.choose(session.find("en"))
    record = poem_record(Result([], PoemRequest(form="wujue", keywords="雪", seed=11, drafts=40)), session.find("zh"), 1)
    record["weights_sha256"] = "sha-zh"
    restored = session.restore(record, "snow.txt")
    assert restored.again and restored.card.name == "zh" and restored.notes == []
    assert session.card.name == "zh" and session.settings.value.seed == 11 and session.settings.value.form == "wujue"
    assert session.settings.value.drafts == 0  # not a panel setting: a later Generate does not inherit it
    assert {"seed", "keywords", "form"} <= set().union(*heard)
    job, candidate = session.again_request()
    assert candidate == 1 and job.poem.drafts == 40 and job.poem.keywords == "雪"  # the record, whole


def test_restore_of_a_damaged_or_foreign_record_says_why_and_changes_nothing(session):
    before = session.settings.value
    assert not session.restore({"app": "artdesk", "settings": {"seed": "x"}}, "odd.txt").again
    assert session.settings.value == before and session.record is None and session.again_request() is None
    foreign = session.restore({}, "plain.txt")
    assert foreign.notes == ["plain.txt carries no artdesk provenance: the settings that made it are unknown."]


def test_an_opened_poem_is_the_text_edits_are_measured_against(session):
    session.opened("白雪", {"model": "zh", "seed": 1})
    assert session.provenance("白雪") == {"model": "zh", "seed": 1, "edited": False}
    assert session.provenance("白雪皑皑")["edited"] is True


def test_the_session_imports_neither_torch_nor_qt():
    code = "import sys, artdesk.ml.poem.session; print('torch' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_restored_model_is_announced_before_the_settings_that_depend_on_it(session):
    order = []
    session.choose(session.find("en"))
    session.connect_card(lambda card: order.append(("model", card.name, session.settings.value.form)))
    session.settings.connect(lambda names: order.append(("settings", session.settings.value.form)))
    record = poem_record(Result([], PoemRequest(form="wujue", seed=2)), session.find("zh"))
    record["weights_sha256"] = "sha-zh"
    assert session.restore(record, "spring.txt").again
    assert order[0][:2] == ("model", "zh") and order[-1] == ("settings", "wujue")  # a picker can list 五绝 in time
    session.choose(session.card)
    assert len(order) == 2  # choosing the same model again says nothing
