"""Every built-in reader, fed random bytes and mutations of valid files, gives a clean
``FILE:LINE: reason`` or documents that can be stored; never another exception.

The reader under test is the whole check of one file an import makes (``prepare_file``:
read, then every record by the rules of ``content_rules``); a successful read is then
stored in a throwaway database, so values the store cannot hold are caught too.
"""

from __future__ import annotations

import json
from functools import partial

from annotator.core.ingest.importer import prepare_file
from annotator.core.paths import default_schema_path
from annotator.core.records import SpanDraft
from annotator.core.schema import load_schema
from annotator.core.store.store import Store

from ..reader_fuzz import reader_fuzz_tests

SCHEMA = load_schema(default_schema_path())
ARTICLE = "원주시, 디지털트윈 사업 착수\n\n😀 원주시가 국비 120억 원을 확보했다.\r\n과기정통부는 인공지능(AI)에 투자한다.\n"


def storable(result) -> None:
    """What a successful read promises: documents and spans the store takes, offsets inside the text."""
    documents, _encoding = result
    store = Store(None)  # in memory, thrown away
    try:
        for doc in documents:
            if store.document_ids_by_uid([doc.uid]):
                continue  # a repeated document: the import stores it once
            doc_id = store.insert_document(uid=doc.uid, title=doc.title, text=doc.text, raw=doc.raw, meta=doc.meta,
                                           source=doc.source, encoding=doc.encoding, morphemes=b"", sentences=b"")
            json.dumps(doc.meta, allow_nan=False)
            for start, end, label, attrs in doc.spans:
                assert 0 <= start < end <= len(doc.text) and SCHEMA.label(label) is not None
                json.dumps(attrs, allow_nan=False)
            store.insert_spans([SpanDraft(doc_id, doc.annotator, s, e, label, attrs)
                                for s, e, label, attrs in doc.spans])
    finally:
        store.close()


def reader(fmt: str):
    return partial(prepare_file, schema=SCHEMA, fmt=fmt)


def lines(*items) -> bytes:
    return "\n".join(json.dumps(item, ensure_ascii=False) for item in items).encode("utf-8")


TXT = [ARTICLE.encode("utf-8"), ARTICLE.replace("😀 ", "").encode("cp949"), ARTICLE.encode("utf-16")]
JSONL = [lines({"text": ARTICLE, "title": "원주시", "meta": {"date": "2025-01-02", "views": 3},
                "spans": [{"start": 21, "end": 24, "label": "AGENCY", "score": 0.5}]},
               {"id": 7, "text": "식약처가 발표했다", "label": [[0, 3, "AGENCY"]], "source": "news"})]
CSV = ["text,title,date\n\"원주시가 국비 120억 원을 확보했다.\n둘째 줄\",원주시,2025-01-02\n식약처가 발표했다,,\n"
       .encode("utf-8")]
DOCCANO = [lines({"id": 1, "text": "😀 원주시가 발표했다", "label": [[3, 6, "AGENCY"]], "Comments": []},
                 {"id": 2, "text": "식약처가 120억 원을", "label": []})]
PRODIGY = [lines({"text": "원주시가 발표했다", "spans": [{"start": 0, "end": 3, "label": "AGENCY", "token_start": 0,
                                                        "token_end": 0}], "_input_hash": 1, "answer": "accept"},
                 {"text": "식약처", "spans": [], "meta": {"source": "x"}})]
LABEL_STUDIO = [json.dumps([
    {"id": 1, "data": {"text": "😀 원주시가 국비 120억 원을", "title": "원주시", "date": "2025"},
     "annotations": [{"completed_by": {"email": "kim@example.org"}, "result": [
         {"id": "a", "type": "labels", "value": {"start": 3, "end": 6, "text": "원주시", "labels": ["AGENCY"]}},
         {"id": "b", "type": "labels", "value": {"start": 11, "end": 17, "labels": ["BUDGET"]}},
         {"type": "relation", "from_id": "a", "to_id": "b"},
         {"type": "choices", "value": {"choices": ["ok"]}}]}]},
    {"id": 2, "data": {"text": "식약처가 발표"}, "completions": [{"completed_by": 4, "result": []}]},
], ensure_ascii=False, indent=1).encode("utf-8")]

test_txt_random_bytes, test_txt_mutations = reader_fuzz_tests(reader("txt"), TXT, ".txt", check=storable)
test_jsonl_random_bytes, test_jsonl_mutations = reader_fuzz_tests(reader("jsonl"), JSONL, ".jsonl", check=storable)
test_csv_random_bytes, test_csv_mutations = reader_fuzz_tests(reader("csv"), CSV, ".csv", check=storable)
test_doccano_random_bytes, test_doccano_mutations = reader_fuzz_tests(
    reader("doccano"), DOCCANO, ".jsonl", check=storable)
test_prodigy_random_bytes, test_prodigy_mutations = reader_fuzz_tests(
    reader("prodigy"), PRODIGY, ".jsonl", check=storable)
test_labelstudio_random_bytes, test_labelstudio_mutations = reader_fuzz_tests(
    reader("labelstudio"), LABEL_STUDIO, ".json", check=storable, max_examples=100)


def _interchange(fmt: str, suffix: str):
    """The readers of issue 12's formats, on the samples their own tests use, labels mapped onto the schema."""
    from .test_interchange_bad_input import LABELS, SAMPLES

    return reader_fuzz_tests(partial(prepare_file, schema=SCHEMA, fmt=fmt, label_map=LABELS), [SAMPLES[fmt]], suffix,
                             check=storable, max_examples=40)


test_klue_random_bytes, test_klue_mutations = _interchange("klue", ".tsv")
test_nikl_random_bytes, test_nikl_mutations = _interchange("nikl", ".json")
test_naver_random_bytes, test_naver_mutations = _interchange("naver", ".txt")
test_conllu_random_bytes, test_conllu_mutations = _interchange("conllu", ".conllu")
test_xmi_random_bytes, test_xmi_mutations = _interchange("xmi", ".xmi")
test_webanno_random_bytes, test_webanno_mutations = _interchange("webanno", ".tsv")
