"""Suggestions through the Project API: recognisers, layer exclusion, learning, rejection."""

import pytest

from annotator import Project, ProjectError
from annotator.core.operations import Batch
from annotator.core.suggest import Suggestion, accept_operation

from ..conftest import write

ARTICLES = {
    "agencies": "과학기술정보통신부와 과기정통부, 식약처가 발표했다. 원주시장은 원주시가 나서겠다고 했다. "
                "충북도지사와 서울시민, 도시와 시도, 바우처는 기관이 아니다. 강원테크노파크와 KAIST가 참여한다. "
                "횡성군과 한국스마트물류진흥원도 함께한다. 행정안전부장관은 말했다.\n",
    "tech": "KAIST 연구진은 인공지능(AI)과 디지털 트윈을 썼다. 반도체 산업과 의료기기산업은 기술이 아니다. "
            "AI 의료기기와 초소형 위성도 있다.\n",
    "programs": "식약처는 ‘디지털치료기기 허가·심사 가이드라인’을 마련했다. 과기정통부의 ICT 지역재창조 프로젝트 일환이다. "
                "이번 사업은 공모사업이다. 도는 “내년에 착수할 계획”이라고 했다. 지역혁신 선도기업 육성사업도 있다.\n",
    "budget": "국비 120억 원과 약 300억 원, 21.2억달러(한화 2조5,400억원), 100여 명, 30%.\n",
}


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suggest")
    for name, text in ARTICLES.items():
        write(folder / "in" / f"{name}.txt", f"{name}\n\n{text}")
    project = Project.create(folder / "proj")
    assert project.import_paths([folder / "in"], clean=False).ok
    docs = {d.title: d for d in project.documents()}
    yield project, docs
    project.close()


def _by_text(suggestions):
    return {s.text: s for s in suggestions}


def test_gazetteer_short_names_carry_the_canonical_name(shared):
    project, docs = shared
    found = _by_text(project.suggest(docs["agencies"].id, labels=["AGENCY"]))
    assert found["과기정통부"].attrs["canonical"] == "과학기술정보통신부"
    assert found["식약처"].attrs["canonical"] == "식품의약품안전처"
    assert found["과학기술정보통신부"].source == "gazetteer"
    assert found["KAIST"].attrs["canonical"] == "한국과학기술원"
    assert {"원주시", "강원테크노파크", "횡성군"} <= set(found)


def test_titles_and_false_friends_are_not_agencies(shared):
    project, docs = shared
    texts = set(_by_text(project.suggest(docs["agencies"].id)))
    for wrong in ("원주시장", "원주시장은", "충북도지사", "충북도", "서울시", "서울시민", "도시", "시도", "바우처",
                  "행정안전부", "행정안전부장관"):
        assert wrong not in texts, wrong


def test_agency_pattern_finds_unlisted_bodies(shared):
    project, docs = shared
    found = _by_text(project.suggest(docs["agencies"].id))
    assert found["한국스마트물류진흥원"].source == "agency-pattern"
    assert found["한국스마트물류진흥원"].label == "AGENCY"


def test_tech_terms_match_on_morpheme_boundaries(shared):
    project, docs = shared
    doc = docs["tech"]
    suggestions = project.suggest(doc.id, labels=["TECH"])
    spans = {(s.text, s.start) for s in suggestions}
    kaist = doc.text.index("KAIST")
    assert not any(kaist <= start < kaist + 5 for _, start in spans)  # no AI inside KAIST
    found = _by_text(suggestions)
    assert found["AI"].attrs["canonical"] == "인공지능" and "인공지능" in found  # 인공지능(AI): two spans
    assert found["디지털 트윈"].attrs["canonical"] == "디지털트윈"
    assert "반도체" not in found and "의료기기" not in found  # industries
    assert found["AI 의료기기"].attrs["canonical"] == "인공지능 의료기기"
    assert "초소형 위성" in found


def test_programmes_quoted_and_specific(shared):
    project, docs = shared
    found = _by_text(project.suggest(docs["programs"].id, labels=["PROGRAM"]))
    assert set(found) == {"디지털치료기기 허가·심사 가이드라인", "ICT 지역재창조 프로젝트", "지역혁신 선도기업 육성사업"}


def test_amounts_carry_value_currency_and_approximation(shared):
    project, docs = shared
    found = _by_text(project.suggest(docs["budget"].id))
    assert set(found) == {"120억 원", "300억 원", "21.2억달러", "2조5,400억원"}
    assert dict(found["300억 원"].attrs) == {"value": "30000000000", "currency": "KRW", "approximate": True}
    assert found["21.2억달러"].attrs["currency"] == "USD"


def test_suggestions_never_overlap_each_other_or_the_layer(tmp_path, article_text):
    project = Project.create(tmp_path / "p")
    write(tmp_path / "a.txt", article_text)
    project.import_paths([tmp_path / "a.txt"])
    doc = next(project.documents())
    everything = project.suggest(doc.id)
    ordered = sorted(everything, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:]))
    assert all(doc.text[s.start:s.end] == s.text for s in everything)
    program = next(s for s in everything if s.label == "PROGRAM")
    assert program.text == "디지털트윈 융합 의료혁신 선도사업"  # longer wins over the TECH inside it
    start = doc.text.index("120억")
    project.add_span(doc.id, start, start + 3, "BUDGET", "kim", snap=False)  # overlaps 120억 원
    mine = project.suggest(doc.id, annotator="kim")
    assert not any(s.overlaps(start, start + 3) for s in mine)
    assert any(s.text == "120억 원" for s in project.suggest(doc.id, annotator="lee"))
    project.close()


def two_articles_naming_a_firm(tmp_path):
    """A project of two articles naming 뉴로링크랩 (no gazetteer knows it): once in a, twice in b."""
    project = Project.create(tmp_path / "p")
    write(tmp_path / "a.txt", "가\n\n뉴로링크랩은 새 장비를 공개했다.\n")
    write(tmp_path / "b.txt", "나\n\n뉴로링크랩과 협력한다. 뉴로링크랩이 주관한다.\n")
    project.import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    a, b = sorted(project.documents(), key=lambda d: d.title)
    return project, a, b


def test_learned_strings_follow_labelling(tmp_path):
    project, a, b = two_articles_naming_a_firm(tmp_path)
    assert not [s for s in project.suggest(b.id) if s.text == "뉴로링크랩"]
    span = project.add_span(a.id, a.text.index("뉴로링크랩"), a.text.index("뉴로링크랩") + 5, "TECH", "kim")
    learned = [s for s in project.suggest(b.id) if s.text == "뉴로링크랩"]
    assert len(learned) == 2 and {s.label for s in learned} == {"TECH"} and learned[0].source == "learned"
    project.add_span(a.id, span.start, span.end, "AGENCY", "lee")
    project.add_span(b.id, b.text.index("뉴로링크랩"), b.text.index("뉴로링크랩") + 5, "AGENCY", "park")
    relabelled = [s for s in project.suggest(b.id, annotator="kim") if s.text == "뉴로링크랩"]
    assert {s.label for s in relabelled} == {"AGENCY"} and len(relabelled) == 2  # most frequent label wins
    assert len([s for s in project.suggest(b.id, annotator="park") if s.text == "뉴로링크랩"]) == 1
    project.close()


def test_rejection_is_remembered_per_document_and_undoable(shared):
    project, docs = shared
    doc = docs["budget"]
    target = next(s for s in project.suggest(doc.id, annotator="kim") if s.text == "120억 원")
    change = project.reject_suggestion(doc.id, target, "kim")
    assert change.doc_ids == {doc.id} and len(change.rejected) == 1
    assert target not in project.suggest(doc.id, annotator="kim")
    assert target in project.suggest(doc.id, annotator="lee")  # another annotator still sees it
    assert target in project.suggest(doc.id)
    undo = project.apply(change.inverse)
    assert undo.unrejected == change.rejected
    assert target in project.suggest(doc.id, annotator="kim")
    project.apply(undo.inverse)  # redo
    assert target not in project.suggest(doc.id, annotator="kim")
    assert project.reject_suggestion(doc.id, target, "kim").rejected == []  # already rejected: no-op
    project.apply(change.inverse)


def test_accepting_is_one_undoable_step(shared):
    project, docs = shared
    doc = docs["budget"]
    suggestions = project.suggest(doc.id, annotator="acceptor")
    operation = accept_operation(suggestions, doc.id, "acceptor")
    assert isinstance(operation, Batch)
    change = project.apply(operation)
    spans = project.spans(doc.id, "acceptor")
    assert [(s.start, s.end, s.label) for s in spans] == [(s.start, s.end, s.label) for s in suggestions]
    assert dict(spans[0].attrs) == dict(suggestions[0].attrs)
    assert project.suggest(doc.id, annotator="acceptor") == []
    project.apply(change.inverse)
    assert project.spans(doc.id, "acceptor") == []


def test_schema_chooses_the_recognisers(tmp_path):
    schema = tmp_path / "only-amounts.toml"
    schema.write_text('name = "x"\n[[labels]]\nname = "MONEY"\nkey = "1"\nrecognisers = ["amount"]\n'
                      '[[labels]]\nname = "ORG"\nkey = "2"\nrecognisers = []\n', encoding="utf-8")
    project = Project.create(tmp_path / "p", schema)
    write(tmp_path / "a.txt", "가\n\n식약처가 120억 원을 쓴다.\n")
    project.import_paths([tmp_path / "a.txt"])
    doc = next(project.documents())
    assert [(s.text, s.label) for s in project.suggest(doc.id)] == [("120억 원", "MONEY")]
    with pytest.raises(ProjectError, match="unknown label 'BUDGET'"):
        project.suggest(doc.id, labels=["BUDGET"])
    project.close()


def test_unknown_recogniser_names_the_file(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "project.toml").write_text('name = "x"\n\n[[labels]]\nname = "A"\nrecognisers = ["amount", "regex"]\n',
                                         encoding="utf-8")
    with pytest.raises(ProjectError, match=r"project.toml:3: label A: unknown recogniser 'regex'"):
        Project.open(folder)


def test_project_gazetteers_extend_and_remove(tmp_path):
    project = Project.create(tmp_path / "p")
    write(tmp_path / "a.txt", "가\n\n한빛정책연구소와 한빛연, 식약처가 AI를 쓴다.\n")
    project.import_paths([tmp_path / "a.txt"])
    doc = next(project.documents())
    before = _by_text(project.suggest(doc.id))
    assert before["한빛정책연구소"].source == "agency-pattern" and "한빛연" not in before and "AI" in before
    write(project.folder / "gazetteers" / "mine.tsv",
          "# my additions\n한빛정책연구소\tAGENCY\t한빛연\nAI\t-\n")
    after = _by_text(project.suggest(doc.id))  # picked up without reopening
    assert after["한빛연"].attrs["canonical"] == "한빛정책연구소" and after["한빛정책연구소"].source == "gazetteer"
    assert "AI" not in after and "식약처" in after
    project.close()


def test_a_bad_gazetteer_line_is_reported(tmp_path):
    from annotator import InputError

    project = Project.create(tmp_path / "p")
    write(tmp_path / "a.txt", "가\n\n본문이다.\n")
    project.import_paths([tmp_path / "a.txt"])
    bad = write(project.folder / "gazetteers" / "bad.tsv", "좋은이름\tAGENCY\n나쁜 줄\n")
    with pytest.raises(InputError, match=f"{bad}:2: expected name<TAB>LABEL"):
        project.suggest(next(project.documents()).id)
    project.close()


def test_suggestion_records_are_frozen_and_serialisable():
    s = Suggestion(0, 3, "AGENCY", "식약처", {"canonical": "식품의약품안전처"}, "gazetteer")
    with pytest.raises(Exception):
        s.start = 1
    assert s.to_json() == {"start": 0, "end": 3, "label": "AGENCY", "text": "식약처", "source": "gazetteer",
                           "canonical": "식품의약품안전처"}


def test_asking_again_about_the_same_document_matches_a_fresh_start(shared):
    """The suggester keeps the last text's fixed candidates; label filters and other projects must not mix."""
    project, docs = shared
    doc = docs["tech"]
    only_tech = project.suggest(doc.id, labels=["TECH"])
    everything = project.suggest(doc.id)
    assert {s.label for s in only_tech} == {"TECH"} and "AGENCY" in {s.label for s in everything}
    assert project.suggest(doc.id, labels=["TECH"]) == only_tech
    assert project.suggest(doc.id) == everything
    with Project.open(project.folder, backup=False) as fresh:
        assert fresh.suggest(doc.id) == everything


def test_a_string_the_reviewer_rejected_is_no_longer_learned_under_that_label(tmp_path):
    """Issue 12, bug 7: kim labelled 뉴로링크랩 TECH, the reviewer rejected it; nobody is offered it as TECH again."""
    project, a, b = two_articles_naming_a_firm(tmp_path)
    start = a.text.index("뉴로링크랩")
    project.add_span(a.id, start, start + 5, "TECH", "kim")
    assert {s.label for s in project.suggest(b.id, "lee") if s.text == "뉴로링크랩"} == {"TECH"}
    rejected = project.reject_candidate(a.id, start, start + 5, "TECH")
    assert [s for s in project.suggest(b.id, "lee") if s.text == "뉴로링크랩"] == []
    project.add_span(b.id, b.text.index("뉴로링크랩"), b.text.index("뉴로링크랩") + 5, "AGENCY", "park")
    assert {s.label for s in project.suggest(b.id, "lee") if s.text == "뉴로링크랩"} == {"AGENCY"}  # still learned
    project.apply(rejected.inverse)  # the reviewer changes their mind
    assert {s.label for s in project.suggest(a.id, "lee") if s.text == "뉴로링크랩"} == {"AGENCY"}  # 1 TECH, 1 AGENCY
    project.close()


def test_learned_strings_honour_the_label_s_exclusions(tmp_path):
    """Issue 22: lee's wrong 원주시장 AGENCY came back in her next document, though titles are not suggested;
    an industry labelled TECH once is no technology either."""
    project = Project.create(tmp_path / "p")
    write(tmp_path / "a.txt", "가\n\n원주시장은 의료기기산업을 키우겠다고 했다.\n")
    write(tmp_path / "b.txt", "나\n\n원주시장과 원주시가 의료기기산업 육성에 나섰다.\n")
    project.import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    a, b = sorted(project.documents(), key=lambda d: d.title)
    for word, label in (("원주시장", "AGENCY"), ("의료기기산업", "TECH")):
        span = project.add_span(a.id, a.text.index(word), a.text.index(word) + len(word), label, "lee", snap=False)
        assert span.text == word
    found = {(s.text, s.label, s.source) for s in project.suggest(b.id, "lee")}
    assert ("원주시", "AGENCY", "gazetteer") in found  # the rules still find the agency beside the title
    assert not {text for text, _, _ in found} & {"원주시장", "의료기기산업"}
    project.close()


def test_learned_strings_prefer_the_reviewer_s_label_over_one_annotator_s_use(tmp_path):
    project, a, b = two_articles_naming_a_firm(tmp_path)
    start = a.text.index("뉴로링크랩")
    project.add_span(a.id, start, start + 5, "AGENCY", "lee")  # one annotator, once
    project.add_span(a.id, start, start + 5, "TECH", "gold")  # the reviewer's decision
    assert {s.label for s in project.suggest(b.id, "kim") if s.text == "뉴로링크랩"} == {"TECH"}
    second = b.text.index("뉴로링크랩")
    project.add_span(b.id, second, second + 5, "AGENCY", "lee")  # lee again: still one annotator
    project.add_span(b.id, second, second + 5, "AGENCY", "park")
    assert {s.label for s in project.suggest(a.id, "kim") if s.text == "뉴로링크랩"} == {"TECH"}  # gold stands
    project.close()
