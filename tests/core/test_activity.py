"""The active-time rule, with a fake clock: a document open in a focused window with input in the
last two minutes counts; idle gaps beyond that, time out of focus and time with no document do not."""

import pytest

from annotator import Project
from annotator.core.store import activity as activity_store
from annotator.core.team.activity import IDLE_AFTER_S, ActiveTimeClock, save_active_time

from .synthetic import Words, numbered_text


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.day = "2025-03-14"

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake():
    return FakeClock()


@pytest.fixture
def clock(fake):
    return ActiveTimeClock(fake, lambda: fake.day)


def test_steady_input_counts_all_of_it(fake, clock):
    clock.set_focused(True)
    clock.open_document(7)
    for _ in range(10):
        fake.advance(30)
        clock.input()
    assert clock.take() == {(7, "2025-03-14"): 300.0}
    assert clock.take() == {}  # taken once


def test_an_idle_gap_counts_only_its_first_two_minutes(fake, clock):
    clock.set_focused(True)
    clock.open_document(7)
    fake.advance(60)
    clock.input()  # 60 s
    fake.advance(600)  # away for ten minutes: the first two count (reading), the rest does not
    assert not clock.counting
    clock.input()
    fake.advance(30)
    assert clock.counting
    assert clock.take() == {(7, "2025-03-14"): 60 + IDLE_AFTER_S + 30}


def test_a_window_out_of_focus_stops_the_clock(fake, clock):
    clock.set_focused(True)
    clock.open_document(3)
    fake.advance(50)
    clock.input()
    clock.set_focused(False)  # switched to the browser
    fake.advance(40)
    clock.input()  # moving the mouse over the window behind does not count
    fake.advance(1000)
    assert clock.take() == {(3, "2025-03-14"): 50.0}
    clock.set_focused(True)  # coming back counts as input
    fake.advance(20)
    assert clock.take() == {(3, "2025-03-14"): 20.0}


def test_no_document_no_time_and_switching_documents_splits_it(fake, clock):
    clock.set_focused(True)
    fake.advance(100)
    clock.input()
    assert clock.take() == {}
    clock.open_document(1)
    fake.advance(45)
    clock.open_document(2)  # switching counts as input on the new document
    fake.advance(15)
    clock.input()
    fake.advance(10)
    clock.open_document(None)  # the list is empty, or the window closes
    fake.advance(50)
    assert clock.take() == {(1, "2025-03-14"): 45.0, (2, "2025-03-14"): 25.0}


def test_time_goes_to_the_day_it_is_taken_on(fake, clock):
    clock.set_focused(True)
    clock.open_document(1)
    fake.advance(30)
    clock.input()
    fake.day = "2025-03-15"
    fake.advance(40)
    clock.input()
    assert clock.take() == {(1, "2025-03-14"): 30.0, (1, "2025-03-15"): 40.0}


def test_saved_time_adds_up_per_document_annotator_and_day(tmp_path):
    with Project.create(tmp_path / "p") as project:
        doc = Words(project, numbered_text(10)).doc_id
        save_active_time(project.store, "kim", {(doc, "2025-03-14"): 30.0})
        save_active_time(project.store, "kim", {(doc, "2025-03-14"): 12.5, (doc, "2025-03-15"): 5.0})
        save_active_time(project.store, "lee", {(doc, "2025-03-14"): 0.0})  # nothing counted: no row
        rows = {(r.annotator, r.day): r.seconds for r in activity_store.active_time_rows(project.store)}
        assert rows == {("kim", "2025-03-14"): 42.5, ("kim", "2025-03-15"): 5.0}


def test_time_of_a_document_the_database_lacks_is_handed_back_not_lost(tmp_path):
    # A window's offline copy holds only some documents; the time of another waits for the server.
    with Project.create(tmp_path / "p") as project:
        doc = Words(project, numbered_text(10)).doc_id
        unsaved = save_active_time(project.store, "kim", {(doc, "2025-03-14"): 30.0, (doc + 99, "2025-03-14"): 8.0})
        assert unsaved == {(doc + 99, "2025-03-14"): 8.0}
        assert [(r.doc_id, r.seconds) for r in activity_store.active_time_rows(project.store)] == [(doc, 30.0)]
