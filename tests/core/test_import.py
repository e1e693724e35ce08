import json
import unicodedata

import pytest

from ..conftest import ROOT, write

ARTICLE = "과기정통부, 인공지능 예산 발표\n\n본문: 과기정통부는 국비 120억 원을 확보했다.\n"


def test_encodings_are_detected(project, tmp_path):
    write(tmp_path / "in" / "utf8.txt", ARTICLE)
    write(tmp_path / "in" / "bom.txt", "\ufeff" + ARTICLE.replace("120", "130"))
    write(tmp_path / "in" / "cp949.txt", ARTICLE.replace("120", "140"), "cp949")
    write(tmp_path / "in" / "utf16.txt", "\ufeff" + ARTICLE.replace("120", "150"), "utf-16-le")
    report = project.import_paths([tmp_path / "in"])
    assert report.ok and report.documents_added == 4
    assert sorted(report.encodings.values()) == ["cp949", "utf-16"]
    texts = sorted(d.text for d in project.documents())
    assert all("국비" in t and not t.startswith("\ufeff") for t in texts)


def test_nfd_and_crlf_are_normalised_and_deduplicated(project, tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n"))
    report = project.import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert report.documents_added == 1 and report.documents_existing == 1
    again = project.import_paths([tmp_path / "a.txt"])
    assert again.documents_added == 0 and project.document_count() == 1


def test_a_cancelled_import_stores_the_files_read_so_far_and_stops(project, tmp_path):
    for n in range(3):
        write(tmp_path / "in" / f"{n}.txt", ARTICLE.replace("120", str(200 + n)))
    seen = []

    def progress(done, total):
        seen.append(done)

    report = project.import_paths([tmp_path / "in"], progress=progress, cancelled=lambda: len(seen) >= 2)
    assert report.cancelled and report.files == 2 and report.documents_added == 2
    assert project.document_count() == 2
    assert not project.import_paths([tmp_path / "in"]).cancelled


def test_title_and_morphemes_are_stored(project, tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    project.import_paths([tmp_path / "a.txt"])
    doc = next(project.documents())
    assert doc.title == "과기정통부, 인공지능 예산 발표"
    morphemes = project.morphemes(doc.id)
    assert any(doc.text[m.start:m.end] == "과기정통부" for m in morphemes)  # user dictionary keeps it whole
    assert project.sentences(doc.id)[0][0] == 0


def test_bad_jsonl_file_is_rejected_whole_with_its_line(project, tmp_path):
    good = json.dumps({"text": "원주시가 발표했다."}, ensure_ascii=False)
    write(tmp_path / "bad.jsonl", good + "\n" + good.replace("발표", "공개") + "\n{not json\n")
    write(tmp_path / "ok.jsonl", json.dumps({"text": "식약처가 허가했다.", "title": "허가"}, ensure_ascii=False) + "\n")
    report = project.import_paths([tmp_path / "bad.jsonl", tmp_path / "ok.jsonl"])
    assert [str(e) for e in report.rejected] == [f"{tmp_path / 'bad.jsonl'}:3: malformed JSON (Expecting property name enclosed in double quotes at column 2)"]
    assert [d.title for d in project.documents()] == ["허가"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary data"),
    ("원주시\n".encode() + b"\xff\xfe\xfa broken", "not UTF-8, UTF-16 or CP949"),
])
def test_unusable_txt_files(project, tmp_path, content, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    report = project.import_paths([path])
    assert len(report.rejected) == 1 and reason in str(report.rejected[0])
    assert project.document_count() == 0


def test_doccano_spans_use_utf16_offsets_and_attach_to_existing_document(project, tmp_path):
    text = "😀 원주시가 120억 원을 확보"
    u16 = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
    start = text.index("원주시")
    line = {"text": text, "label": [[u16(text[:start]), u16(text[:start + 3]), "AGENCY"]]}
    write(tmp_path / "d.jsonl", json.dumps(line, ensure_ascii=False) + "\n")
    project.import_paths([tmp_path / "d.jsonl"], fmt="doccano", annotator="kim")
    project.import_paths([tmp_path / "d.jsonl"], fmt="doccano", annotator="lee")
    assert project.document_count() == 1
    spans = project.spans()
    assert [(s.annotator, s.text) for s in spans] == [("kim", "원주시"), ("lee", "원주시")]
    again = project.import_paths([tmp_path / "d.jsonl"], fmt="doccano", annotator="kim")
    assert again.spans_added == 0



def test_a_document_repeated_in_one_file_gets_each_span_once(project, tmp_path):
    # Two lines of one document (Prodigy writes one per answer; an INCEpTION export one per user).
    text = "원주시가 국비 120억 원을 확보했다."
    lines = [{"text": text, "spans": [{"start": 0, "end": 3, "label": "AGENCY"}]},
             {"text": text, "spans": [{"start": 0, "end": 3, "label": "AGENCY"},
                                      {"start": 8, "end": 14, "label": "BUDGET"}]}]
    write(tmp_path / "twice.jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    report = project.import_paths([tmp_path / "twice.jsonl"], annotator="kim")
    assert report.ok and report.spans_added == 2
    assert [(s.text, s.label) for s in project.spans(annotator="kim")] == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]


def test_a_repeated_document_whose_spans_overlap_is_refused_at_its_line(project, tmp_path):
    text = "원주시가 국비 120억 원을 확보했다."
    lines = [{"text": text, "spans": [{"start": 8, "end": 14, "label": "BUDGET"}]},
             {"text": "다른 기사"},
             {"text": text, "spans": [{"start": 8, "end": 12, "label": "BUDGET"}]}]
    write(tmp_path / "both.jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    report = project.import_paths([tmp_path / "both.jsonl"], annotator="kim")
    [error] = [str(e) for e in report.rejected]
    assert error.endswith("both.jsonl:3: span [8, 12) BUDGET overlaps [8, 14) BUDGET of line 1, the same document "
                          "in layer kim; the schema forbids overlaps")
    assert project.document_count() == 0


def test_spans_overlapping_what_the_layer_already_holds_are_skipped_and_counted(project, tmp_path):
    text = "원주시가 국비 120억 원을 확보했다."
    write(tmp_path / "a.jsonl", json.dumps({"text": text, "spans": [[8, 14, "BUDGET"]]}, ensure_ascii=False) + "\n")
    write(tmp_path / "b.jsonl", json.dumps({"text": text, "spans": [[8, 12, "BUDGET"], [0, 3, "AGENCY"]]},
                                           ensure_ascii=False) + "\n")
    project.import_paths([tmp_path / "a.jsonl"], annotator="kim")
    report = project.import_paths([tmp_path / "b.jsonl"], annotator="kim")
    assert report.ok and report.spans_added == 1 and report.spans_overlapping == 1
    assert [(s.text, s.label) for s in project.spans(annotator="kim")] == [("원주시", "AGENCY"), ("120억 원", "BUDGET")]

def test_prodigy_spans_outside_text_or_unknown_label(project, tmp_path):
    write(tmp_path / "p.jsonl", json.dumps({"text": "원주시", "spans": [{"start": 0, "end": 9, "label": "AGENCY"}]}) + "\n")
    write(tmp_path / "q.jsonl", json.dumps({"text": "원주시", "spans": [{"start": 0, "end": 3, "label": "ORG"}]}) + "\n")
    report = project.import_paths([tmp_path / "p.jsonl", tmp_path / "q.jsonl"], fmt="prodigy", annotator="kim")
    messages = [str(e) for e in report.rejected]
    assert messages[0].endswith("p.jsonl:1: span [0, 9) AGENCY is outside the text or empty (text has 3 characters)")
    assert "q.jsonl:1: unknown label 'ORG'" in messages[1]
    mapped = project.import_paths([tmp_path / "q.jsonl"], fmt="prodigy", annotator="kim", map_labels={"ORG": "AGENCY"})
    assert mapped.ok and [s.label for s in project.spans()] == ["AGENCY"]


def test_csv_with_metadata_and_bad_row(project, tmp_path):
    write(tmp_path / "a.csv", "id,title,text,outlet\n1,제목,원주시가 발표했다,정책일보\n2,둘,식약처가 허가했다,지역신문\n")
    write(tmp_path / "b.csv", "id,body\n1,원주시\n")
    report = project.import_paths([tmp_path / "a.csv", tmp_path / "b.csv"])
    assert report.documents_added == 2
    assert "b.csv:1: no 'text' column" in str(report.rejected[0])
    doc = next(project.documents())
    assert doc.title == "제목" and doc.meta["outlet"] == "정책일보"


def test_labelstudio_export(project, tmp_path):
    task = [{"data": {"text": "😀 식약처가 허가"}, "annotations": [{"completed_by": 7, "result": [
        {"value": {"start": 2, "end": 5, "labels": ["AGENCY"]}, "type": "labels"}]}]}]
    write(tmp_path / "ls.json", json.dumps(task, ensure_ascii=False))
    project.import_paths([tmp_path / "ls.json"])
    [span] = project.spans()
    assert (span.text, span.annotator) == ("식약처", "labelstudio-user-7")  # a bare user id says who it is


def test_labelstudio_offsets_are_code_points_after_emoji(project):
    """A task as Label Studio (1.4 and later, structure of 1.23) exports it: 📢 and 🇰🇷 before the spans."""
    export = ROOT / "tests" / "data" / "labelstudio_export.json"
    [task] = json.loads(export.read_text(encoding="utf-8"))
    report = project.import_paths([export])
    assert report.ok and report.spans_added == len(task["annotations"][0]["result"]) == 6
    expected = sorted((r["value"]["text"], r["value"]["labels"][0]) for r in task["annotations"][0]["result"])
    assert sorted((s.text, s.label) for s in project.spans()) == expected
    assert {s.annotator for s in project.spans()} == {"labelstudio-user-3"}


def test_scraped_page_is_cleaned_and_raw_kept(project, tmp_path):
    page = (
        "Home > 경제\n\n원주시, 예산 확보\n\n홍길동 기자 / 기사승인 : 2025-03-14 09:30:00\n  • -\n  • 인쇄\n\n"
        "[정책일보] 원주시가 국비 120억 원을 확보했다.\n\n[저작권자ⓒ 정책일보. 무단전재-재배포 금지]\n\n최신뉴스\n다른 기사 2,847억 원\n"
    )
    write(tmp_path / "s.txt", page)
    project.import_paths([tmp_path / "s.txt"])
    doc = next(project.documents())
    assert doc.title == "원주시, 예산 확보"
    assert doc.text == "원주시, 예산 확보\n\n[정책일보] 원주시가 국비 120억 원을 확보했다."
    assert doc.meta["date"] == "2025-03-14 09:30:00" and doc.meta["outlet"] == "정책일보"
    assert doc.meta["reporter"] == "홍길동"
    assert project.store.document_raw(doc.id)[0] == page
    other = project.import_paths([tmp_path / "s.txt"], clean=False)
    assert other.documents_added == 1


def test_photo_captions_are_cut_and_the_raw_page_kept(project, tmp_path):
    """Issue 12, bug 10: captions attracted suggestions and duplicated training examples."""
    page = (
        "횡성군, 드론 실증 착수\n\n이하나 기자 / 기사승인 : 2025-04-02 11:00:00\n\n"
        "▲ 횡성군청 전경\n"
        "[사진=횡성군 제공]\n"
        "<사진> 드론 실증 현장을 둘러보는 군수\n"
        "(사진=연합뉴스)\n"
        "[정책일보] 횡성군이 국비 30억 원을 들여 드론 실증을 시작한다. [사진=횡성군]\n\n"
        "△ 드론 배송 시연 모습 (사진=횡성군)\n"
        "주요 사업은 ▲ 배송 드론 ▲ 산불 감시 ▲ 농업 방제다.\n"
        "▲ 배송 드론 ▲ 산불 감시\n"
        "<그래픽=김그림 기자>\n"
        "군은 사진 공모전도 연다.\n\n[저작권자ⓒ 정책일보. 무단전재-재배포 금지]\n"
    )
    write(tmp_path / "c.txt", page)
    project.import_paths([tmp_path / "c.txt"])
    doc = next(project.documents())
    assert doc.text == (
        "횡성군, 드론 실증 착수\n\n"
        "[정책일보] 횡성군이 국비 30억 원을 들여 드론 실증을 시작한다.\n\n"
        "주요 사업은 ▲ 배송 드론 ▲ 산불 감시 ▲ 농업 방제다.\n"  # bullets inside a sentence are the article
        "▲ 배송 드론 ▲ 산불 감시\n"  # a list of bullets is not a caption
        "군은 사진 공모전도 연다."
    )
    assert project.store.document_raw(doc.id)[0] == page


def test_packed_analysis_matches_the_analysis():
    from annotator.core.text.kiwi import analyse, analyse_many_packed
    from annotator.core.text.morphemes import unpack_morphemes, unpack_sentences

    texts = ["원주시가 확보했다. 둘째 문장이다.\n셋째 줄", "😀 과기정통부"]
    for text, (morphemes, sentences) in zip(texts, analyse_many_packed(texts)):
        expected = analyse(text)
        assert unpack_morphemes(morphemes) == expected.morphemes
        assert unpack_sentences(sentences) == expected.sentences


def test_outlet_and_reporter_from_the_lead_bracket():
    from annotator.core.ingest.news import clean_article

    page = "대구시, 계획 발표\n\n  |  입력 : 2021-10-19 10:07\n\n[지역신문 김하나 기자] 대구시는 계획을 밝혔다.\n"
    article = clean_article(page)
    assert article.meta == {"date": "2021-10-19 10:07", "byline": "입력 : 2021-10-19 10:07",
                            "outlet": "지역신문", "reporter": "김하나"}
    assert article.text == "대구시, 계획 발표\n\n[지역신문 김하나 기자] 대구시는 계획을 밝혔다."


def test_project_user_dictionary_keeps_a_name_whole(project, tmp_path):
    word = "뉴로하모닉스랩"  # an invented name Kiwi would otherwise split
    (project.folder / "userdict.tsv").write_text(f"{word}\tNNP\t0\n", encoding="utf-8")
    write(tmp_path / "a.txt", f"제목\n\n{word}이 새 기술을 발표했다.\n")
    project.import_paths([tmp_path / "a.txt"])
    doc = next(project.documents())
    start = doc.text.index(word)
    assert any((m.start, m.end) == (start, start + len(word)) for m in project.morphemes(doc.id))


def test_import_in_a_child_process_reports_progress_and_rejections(project, tmp_path):
    from annotator.core.jobs.import_job import import_in_child_process

    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "bad.jsonl", '{"text": "원주시"}\n{oops\n')
    phases, progress = [], []
    report = import_in_child_process(project.folder, [tmp_path / "in"], phase=phases.append,
                                     progress=lambda done, total: progress.append((done, total)))
    assert report.documents_added == 1 and phases[-1] == "import" and progress[-1] == (2, 2)
    assert str(report.rejected[0]).endswith("bad.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)")
    assert [d.title for d in project.documents()] == ["과기정통부, 인공지능 예산 발표"]


def test_held_spans_find_overlaps_as_a_scan_of_every_span_does():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from annotator.core.ingest.importer import _HeldSpans

    extents = st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1]))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(extents, max_size=12), st.lists(extents, max_size=12))
    def check(stored, added):
        held, plain = _HeldSpans([]), []
        for start, end in stored + added:
            overlapping = any(start < e and s < end for s, e in plain)
            assert held.overlaps(start, end) == overlapping
            if not overlapping:  # a layer that forbids overlaps only ever holds non-overlapping spans
                held.add((start, end, "L"))
                plain.append((start, end))

    check()


def test_links_that_lead_out_of_an_imported_folder_are_not_followed(project, tmp_path, capsys):
    from annotator.cli.main import main

    secret = write(tmp_path / "private" / "shadow.txt", "root:$6$비밀번호해시:19000:0:99999:7:::\n")
    write(tmp_path / "private" / "notes" / "a.txt", ARTICLE.replace("120", "999"))
    articles = tmp_path / "articles"
    write(articles / "a.txt", ARTICLE)
    write(articles / "sub" / "b.txt", ARTICLE.replace("120", "130"))
    (articles / "shadow.txt").symlink_to(secret)
    (articles / "sub" / "up.txt").symlink_to("../../private/shadow.txt")
    (articles / "notes").symlink_to(tmp_path / "private" / "notes", target_is_directory=True)
    (articles / "again.txt").symlink_to("sub/b.txt")  # stays inside the folder: followed
    report = project.import_paths([articles])
    assert sorted(report.links_skipped) == [str(articles / name) for name in ("notes", "shadow.txt", "sub/up.txt")]
    assert report.documents_added == 2 and report.documents_existing == 1
    assert not any("비밀번호" in d.text or "999" in d.text for d in project.documents())

    assert main(["import", str(project.folder), str(articles), "--quiet"]) == 1
    out = capsys.readouterr()
    assert "3 symbolic links skipped" in out.err and "shadow.txt" in out.err and "up.txt" in out.err


def test_a_reader_that_fails_unexpectedly_costs_only_its_own_file(project, tmp_path, monkeypatch):
    from annotator.core.ingest import importer

    real = importer.read_file

    def broken_for_b(path, *args):
        if path.name == "b.txt":
            raise ZeroDivisionError("a reader's bug")
        return real(path, *args)

    monkeypatch.setattr(importer, "read_file", broken_for_b)
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", ARTICLE.replace("120", "130"))
    write(tmp_path / "in" / "c.txt", ARTICLE.replace("120", "140"))
    report = project.import_paths([tmp_path / "in"])
    assert [str(e) for e in report.rejected] == [
        f"{tmp_path / 'in' / 'b.txt'}: cannot be read (ZeroDivisionError: a reader's bug); this is a bug in "
        "annotator, please report it with the file"]
    assert report.documents_added == 2 and project.document_count() == 2
