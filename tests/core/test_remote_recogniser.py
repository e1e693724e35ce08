"""The ``remote`` recogniser: Label Studio's ML-backend protocol against the real ``label-studio-ml``
server (with a small backend, ``ml_backend_app.py``), its schema, and every way a service fails
(refused, slow, erroring, malformed, wanting a token, a 2.x backend without /train)."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.core.errors import ProjectError
from annotator.core.operations import AddSpans, SetStatus
from annotator.core.records import SpanDraft
from annotator.core.schema import parse_schema
from annotator.core.suggest.remote import recogniser as remote_module
from annotator.core.suggest.remote.client import RemoteError
from annotator.core.suggest.remote.protocol import MalformedAnswer, predictions
from annotator.core.suggest.remote.training import train_remote

from .. import ml_backend
from ..ml_backend import FakeService
from .model_fixtures import store_document

LABELS = '''
[[labels]]
name = "AGENCY"
key = "1"
recognisers = ["gazetteer", "remote"]

[[labels]]
name = "PERSON"
key = "2"
recognisers = ["remote"]

[[labels]]
name = "BUDGET"
key = "3"
recognisers = ["amount"]
'''


def schema_text(url: str, extra: str = "", timeout: float = 2) -> str:
    return (LABELS + f'\n[remote]\nurl = "{url}"\ntimeout = {timeout}\nretry_after = 30\n{extra}'
            '\n[remote.labels]\nOG = "AGENCY"\nPS = "PERSON"\n')


def make_project(tmp_path, url: str, extra: str = "", texts=("강원 원주시가 국비 120억 원을 받았다. 홍길동 씨가 말했다.\n",),
                 timeout: float = 2):
    schema = tmp_path / "schema.toml"
    schema.write_text(schema_text(url, extra, timeout), encoding="utf-8")
    project = Project.create(tmp_path / "p", schema)
    ids = [store_document(project, text) for text in texts]
    return project, ids


@pytest.fixture(autouse=True)
def fresh_services():
    """Each test starts with no answers kept and no failure remembered (they are per process)."""
    remote_module._services.clear()
    yield
    remote_module._services.clear()


@pytest.fixture(scope="module")
def backend():
    problem = ml_backend.why_not()
    if problem:
        pytest.skip(problem)
    server = ml_backend.BackendServer().start()
    yield server
    server.stop()


def _by_text(suggestions):
    return {s.text: s for s in suggestions}


# -- the schema ------------------------------------------------------------------------------

@pytest.mark.parametrize("extra, marker, words", [
    ('[remote]\ntimeout = 3\n', "[remote]", "needs the service's url"),
    ('[remote]\nurl = "ftp://x"\n', 'url = "ftp://x"', "http:// or https://"),
    ('[remote]\nurl = "http://lee:secret@gpu:9090"\n', "url = ", "must not hold a user or password"),
    ('[remote]\nurl = "http://gpu:9090"\napi_key = "abc"\n', "api_key", "environment variable"),
    ('[remote]\nurl = "http://gpu:9090"\ntimout = 3\n', "timout", "no setting 'timout'"),
    ('[remote]\nurl = "http://gpu:9090"\ntimeout = 0\n', "timeout = 0", "timeout must be a number from 0.1 to 600"),
    ('[remote]\nurl = "http://gpu:9090"\ntoken_env = "my token"\n', "token_env", "name of an environment variable"),
    ('[remote]\nurl = "http://gpu:9090"\n[remote.labels]\nOG = "AGENCY"\nLC = "PLACE"\n', "LC = ",
     "LC = 'PLACE': not a label of the schema"),
])
def test_the_remote_table_is_checked_with_file_and_line(extra, marker, words):
    text = LABELS + "\n" + extra
    line = next(n for n, content in enumerate(text.splitlines(), start=1) if content.startswith(marker))
    with pytest.raises(ProjectError) as caught:
        parse_schema(text, "p/project.toml")
    assert f"p/project.toml:{line}: " in str(caught.value) and words in str(caught.value)


def test_a_label_asking_for_remote_needs_the_remote_table():
    with pytest.raises(ProjectError, match=r"project.toml:10: label PERSON: recogniser 'remote' needs a \[remote\]"):
        parse_schema(LABELS.replace('"gazetteer", "remote"', '"gazetteer"'), "project.toml")


def test_settings_are_read_with_defaults():
    schema = parse_schema(schema_text("http://gpu:9090/ml/", 'token_env = "NER_TOKEN"\n'))
    remote = schema.remote
    assert remote.url == "http://gpu:9090/ml" and remote.timeout == 2 and remote.token_env == "NER_TOKEN"
    assert (remote.from_name, remote.to_name, remote.data_field, remote.batch) == ("label", "text", "text", 8)
    assert remote.project_label("OG") == "AGENCY" and remote.service_labels("PERSON") == ["PS"]
    assert "remote" not in schema.extra


# -- the real label-studio-ml server -------------------------------------------------------------

def test_suggestions_come_from_the_service_with_source_and_confidence(tmp_path, backend):
    project, (doc,) = make_project(tmp_path, backend.url)
    found = _by_text(project.suggest(doc))
    person = found["홍길동"]
    assert (person.label, person.source, person.confidence) == ("PERSON", "remote", 0.91)
    # The service kept the particle (원주시가); snapped like a selection. The gazetteer agrees.
    agency = found["원주시"]
    assert (agency.source, agency.confidence, agency.confidence_from) == ("gazetteer", 0.91, "remote")
    assert agency.to_json()["confidence_from"] == "remote"
    assert found["120억"].source == "amount"  # the other recognisers go on


def test_offsets_stay_right_after_emoji(tmp_path, backend):
    text = "😀🇰🇷 홍길동은 원주시에서 일한다.\n"
    project, (doc,) = make_project(tmp_path, backend.url, texts=(text,))
    found = {(s.start, s.end, s.label) for s in project.suggest(doc)}
    start = text.index("홍길동")
    assert (start, start + 3, "PERSON") in found
    assert (text.index("원주시"), text.index("원주시") + 3, "AGENCY") in found


def test_the_cli_suggests_trains_and_checks_the_service(tmp_path, backend):
    from ..cli.test_cli import run

    texts = ("원주시의 김철수 과장이 말했다.\n", "김철수 과장은 홍길동과 만났다.\n")
    project, (first, second) = make_project(tmp_path, backend.url, texts=texts)
    start = texts[0].index("김철수")
    project.apply(AddSpans([SpanDraft(first, "lee", start, start + 3, "PERSON")]))
    project.apply(SetStatus(first, "lee", "done"))
    project.close()
    folder = tmp_path / "p"

    before = run("suggest", folder, "--json", "--quiet")
    assert before.returncode == 0, before.stderr
    rows = {row["id"]: row["suggestions"] for row in map(json.loads, before.stdout.splitlines())}
    assert "김철수" not in {s["text"] for s in rows[second]}
    assert {"text": "홍길동", "source": "remote", "confidence": 0.91, "label": "PERSON"}.items() <= \
        next(s for s in rows[second] if s["text"] == "홍길동").items()

    trained = run("train", folder, "--remote")
    assert trained.returncode == 0, trained.stderr
    assert "Sent 1 finished documents (1 annotations; PERSON 1)" in trained.stdout and "/train" in trained.stdout
    (sent,) = backend.trained_tasks()
    (annotation,) = sent["annotations"]
    assert annotation["completed_by"] == "lee" and sent["data"]["text"] == texts[0]
    assert annotation["result"][0]["value"] == {"start": start, "end": start + 3, "text": "김철수", "labels": ["PS"]}

    after = run("suggest", folder, "--json", "--quiet")
    rows = {row["id"]: row["suggestions"] for row in map(json.loads, after.stdout.splitlines())}
    assert "김철수" in {s["text"] for s in rows[second] if s["source"] == "remote"}

    checked = run("remote", folder, "--document", second)
    assert checked.returncode == 0, checked.stderr
    assert f"{backend.url} is up; model version" in checked.stdout and "AGENCY, PERSON" in checked.stdout
    assert "김철수" in checked.stdout


def test_a_slow_service_times_out_and_the_rules_go_on(tmp_path, backend):
    project, (doc,) = make_project(tmp_path, backend.url, texts=("SLOW 원주시 국비 120억 원\n",), timeout=0.5)
    began = time.monotonic()
    found = project.suggest(doc)
    assert time.monotonic() - began < 3  # the time-out is 0.5 s; the service would take 5
    assert {s.source for s in found} == {"gazetteer", "amount"}
    assert "no answer within 0.5 s" in project.suggester.remote.problem
    began = time.monotonic()
    project.suggest(doc)  # resting after the failure (retry_after): not asked again
    assert time.monotonic() - began < 1


def test_a_failing_or_malformed_service_gives_a_message_and_no_wrong_span(tmp_path, backend):
    project, (failing, malformed) = make_project(tmp_path, backend.url,
                                                 texts=("FAIL 원주시\n", "MALFORMED 홍길동\n"))
    assert [s.source for s in project.suggest(failing)] == ["gazetteer"]
    assert "HTTP 500" in project.suggester.remote.problem and "the GPU is on fire" in project.suggester.remote.problem
    project.suggester.remote.forget()
    assert project.suggest(malformed) == []
    assert "malformed predictions" in project.suggester.remote.problem
    assert "not inside the 14-character text" in project.suggester.remote.problem


# -- services that are down, want a token, or speak label-studio-ml 2.x -------------------------------

def _tagging_2x(body):
    """Like a label-studio-ml 2.x backend that leaves out the predictions of tasks with nothing found."""
    found = []
    for task in body["tasks"]:
        text = task["data"]["text"]
        if "홍길동" in text:
            i = text.index("홍길동")
            found.append({"model_version": "v2", "score": 0.8, "result": [
                {"from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": i, "end": i + 3, "labels": ["PS"]}}]})
    return 200, {"results": found}


@pytest.fixture
def service():
    fake = FakeService({("GET", "/health"): lambda body: (200, {"status": "UP", "model_class": "Fake"}),
                        ("POST", "/setup"): lambda body: (200, {"model_version": "v2"}),
                        ("POST", "/predict"): _tagging_2x,
                        ("POST", "/webhook"): lambda body: (201, {"result": None, "status": "ok"})})
    yield fake
    fake.close()


def test_a_service_that_is_not_running_leaves_the_other_suggestions(tmp_path):
    project, (doc,) = make_project(tmp_path, f"http://127.0.0.1:{ml_backend.free_port()}")
    assert {s.source for s in project.suggest(doc)} == {"gazetteer", "amount"}
    assert "the connection was refused" in project.suggester.remote.problem
    assert project.suggester.remote.waiting()


def test_the_window_asks_apart_and_takes_the_answer_when_it_is_there(tmp_path, service):
    project, (doc,) = make_project(tmp_path, service.url)
    assert {s.source for s in project.suggest(doc, wait_for_remote=False)} == {"gazetteer", "amount"}
    assert not service.requests  # nothing asked on the way
    project.suggester.remote.fetch([project.document(doc).text])
    assert "remote" in {s.source for s in project.suggest(doc, wait_for_remote=False)}


def test_a_batch_with_predictions_left_out_is_asked_again_task_by_task(tmp_path, service):
    texts = ("원주시 소식\n", "홍길동이 왔다.\n", "국비 120억 원\n")
    project, ids = make_project(tmp_path, service.url, texts=texts)
    project.suggester.remote.fetch(texts)
    predicted = [r for r in service.requests if r[1] == "/predict"]
    assert [len(r[3]["tasks"]) for r in predicted] == [3, 1, 1, 1]
    assert [s.text for s in project.suggest(ids[1]) if s.source == "remote"] == ["홍길동"]


def test_the_token_comes_from_the_environment_variable_it_names(tmp_path, service, monkeypatch):
    project, (doc,) = make_project(tmp_path, service.url, 'token_env = "ANNOTATOR_TEST_TOKEN"\n')
    monkeypatch.delenv("ANNOTATOR_TEST_TOKEN", raising=False)
    project.suggest(doc)
    assert "ANNOTATOR_TEST_TOKEN (token_env in project.toml) is not set" in project.suggester.remote.problem
    assert not service.requests
    monkeypatch.setenv("ANNOTATOR_TEST_TOKEN", "s3cret")
    project.suggester.remote.forget()
    assert "remote" in {s.source for s in project.suggest(doc)}
    assert {r[2].get("Authorization") for r in service.requests} == {"Bearer s3cret"}
    config = next(r[3]["schema"] for r in service.requests if r[1] == "/setup")
    assert '<Labels name="label" toName="text">' in config and '<Label value="PS"/>' in config


def test_a_service_refusing_the_token_says_so(tmp_path, service, monkeypatch):
    service.routes[("GET", "/health")] = lambda body: (401, {"detail": "Unauthorized"})
    project, (doc,) = make_project(tmp_path, service.url)
    project.suggest(doc)
    assert "HTTP 401: Unauthorized (check the token" in project.suggester.remote.problem


def test_training_a_2x_backend_goes_to_the_webhook(tmp_path, service):
    project, (doc,) = make_project(tmp_path, service.url)
    start = project.document(doc).text.index("홍길동")
    project.apply(AddSpans([SpanDraft(doc, "gold", start, start + 3, "PERSON")]))
    project.apply(SetStatus(doc, "gold", "adjudicated"))
    report = train_remote(project)
    assert report.route == "/webhook" and report.documents == 1 and report.spans == {"PERSON": 1}
    event = service.requests[-1][3]
    assert event["action"] == "START_TRAINING" and event["project"]["label_config"].startswith("<View>")
    (annotation,) = event["tasks"][0]["annotations"]
    assert annotation["ground_truth"] and annotation["result"][0]["value"]["labels"] == ["PS"]


def test_training_with_nothing_finished_says_so(tmp_path, service):
    project, _ = make_project(tmp_path, service.url)
    with pytest.raises(RemoteError, match="no finished work"):
        train_remote(project)


# -- reading answers -------------------------------------------------------------------------------

def test_utf16_offsets_are_converted_when_the_region_text_shows_them():
    text = "😀 홍길동"
    answer = {"results": [{"result": [{"type": "labels", "value": {"start": 3, "end": 6, "text": "홍길동",
                                                                      "labels": ["PS"]}}]}]}
    (regions,) = predictions(answer, [text])
    assert [(r.start, r.end) for r in regions] == [(2, 5)]


_json = st.recursive(st.none() | st.booleans() | st.integers(-3, 40) | st.floats() | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                         st.sampled_from(["results", "result", "value", "start", "end", "labels", "text", "type",
                                          "score"]), inner, max_size=5), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(answer=_json, text=st.text(min_size=1, max_size=12))
def test_any_answer_gives_regions_inside_the_text_or_a_clean_error(answer, text):
    try:
        found = predictions(answer, [text])
    except MalformedAnswer:
        return
    for region in found[0]:
        assert 0 <= region.start < region.end <= len(text) and isinstance(region.label, str)
        assert region.score is None or 0 <= region.score <= 1


def test_a_remote_span_the_model_agrees_with_keeps_its_own_confidence():
    from annotator.core.suggest import Suggestion
    from annotator.core.suggest.suggester import _agreeing_as_one

    rule = Suggestion(5, 8, "AGENCY", "원주시", {}, "gazetteer")
    remote = Suggestion(0, 3, "PERSON", "홍길동", {}, "remote", 0.8)
    with_remote = _agreeing_as_one([rule], [remote, Suggestion(5, 8, "AGENCY", "원주시", {}, "remote", 0.9)])
    merged = _agreeing_as_one(with_remote, [Suggestion(0, 3, "PERSON", "홍길동", {}, "model", 0.6),
                                            Suggestion(5, 8, "AGENCY", "원주시", {}, "model", 0.7)])
    assert [(s.source, s.confidence, s.confidence_from) for s in merged] == [
        ("gazetteer", 0.9, "remote"), ("remote", 0.8, "")]
