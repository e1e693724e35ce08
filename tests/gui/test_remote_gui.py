"""The remote recogniser in the workbench: the rules' suggestions show while the service is still
thinking, its own join when it answers (dotted, with its confidence), and a service that is down
is one status-bar message, not one per document."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from annotator import Project
from annotator.core.suggest.remote import recogniser as remote_module
from annotator.gui.text.overlays import MODEL_SUGGESTIONS

from ..core.model_fixtures import store_document
from ..core.test_remote_recogniser import _tagging_2x, schema_text
from ..ml_backend import FakeService, free_port

ARTICLE = "😀 강원 원주시가 밝혔다. 홍길동 씨가 말했다.\n"


@pytest.fixture(autouse=True)
def fresh_services():
    remote_module._services.clear()
    yield
    remote_module._services.clear()


def remote_project(tmp_path, url: str):
    schema = tmp_path / "schema.toml"
    schema.write_text(schema_text(url, timeout=5), encoding="utf-8")
    with Project.create(tmp_path / "p", schema) as project:
        store_document(project, ARTICLE)
        store_document(project, "원주시 소식 둘째.\n")
    return tmp_path / "p"


def test_the_rules_show_at_once_and_the_service_joins_when_it_answers(open_window, qtbot, tmp_path):
    release = threading.Event()

    def held_back(body):
        release.wait(10)
        return _tagging_2x(body)

    service = FakeService({("GET", "/health"): lambda body: (200, {"status": "UP"}),
                           ("POST", "/setup"): lambda body: (200, {"model_version": "v1"}),
                           ("POST", "/predict"): held_back})
    try:
        window = open_window(remote_project(tmp_path, service.url))
        window.open_document(1)
        qtbot.waitUntil(lambda: window.suggestions.ready and bool(window.suggestions.marks()))
        assert [(m.text, m.suggestion.source) for m in window.suggestions.marks()] == [("원주시", "gazetteer")]
        assert window.suggestions.remote.label.text() == "원격: 묻는 중…"
        release.set()
        qtbot.waitUntil(lambda: "홍길동" in {m.text for m in window.suggestions.marks()})
        marks = {m.text: m for m in window.suggestions.marks()}
        person = marks["홍길동"]
        assert person.suggestion.source == "remote" and person.style is MODEL_SUGGESTIONS
        assert "원격 서비스 확신도: 80%" in person.tooltip and "PERSON" in person.tooltip
        assert window.suggestions.remote.label.text() == "원격: 준비됨"
        window.suggestions.select(person.id)
        qtbot.keyClick(window.view, Qt.Key.Key_A)
        (span,) = window.project.spans(1, "kim", label="PERSON")
        assert span.text == "홍길동" and span.start == ARTICLE.index("홍길동")
    finally:
        release.set()
        service.close()


def test_a_service_that_is_down_is_one_message_and_the_rules_go_on(open_window, qtbot, tmp_path):
    window = open_window(remote_project(tmp_path, f"http://127.0.0.1:{free_port()}"))
    window.open_document(1)
    qtbot.waitUntil(lambda: window.suggestions.remote.label.text() == "원격: 연결 안 됨")
    assert "원격 제안을 받을 수 없습니다" in window.statusBar().currentMessage()
    assert "the connection was refused" in window.suggestions.remote.label.toolTip()
    qtbot.waitUntil(lambda: window.suggestions.ready)
    assert [m.text for m in window.suggestions.marks()] == ["원주시"]
    messages = []
    window.suggestions.remote.message.connect(messages.append)
    window.open_document(2)
    qtbot.waitUntil(lambda: window.suggestions.ready and bool(window.suggestions.marks()))
    assert messages == []  # the same problem is not told again for each document
