"""The readers of issue 25 (CoNLL, brat, spaCy DocBin, Hugging Face rows) and ``--format auto`` fed
random bytes and mutations of valid files: a clean ``FILE:LINE: reason`` or documents the store
takes, never another exception (the harness: tests/reader_fuzz.py)."""

from __future__ import annotations

import io
import json
from functools import partial

import pytest

from annotator.core.ingest.importer import prepare_file

from ..reader_fuzz import reader_fuzz_tests
from ..reliability.test_reader_fuzz import SCHEMA, storable

EXAMPLES = 30  # the suite fuzzes every other reader already; these are small readers


def reader(fmt: str):
    return partial(prepare_file, schema=SCHEMA, fmt=fmt)


CONLL = ["-DOCSTART- -X- O O\n\n원주시 NNP O B-AGENCY\n가 JKS O O\n120억 SN O B-BUDGET\n원 NNB O I-BUDGET\n\n"
         "식약처\tS-AGENCY\n".encode("utf-8")]
test_conll_random_bytes, test_conll_mutations = reader_fuzz_tests(reader("conll"), CONLL, ".conll", check=storable,
                                                                  max_examples=EXAMPLES)

BRAT_TEXT = "원주시가\r\n국비 120억 원을 받았다.\n"
BRAT = ["T1\tAGENCY 0 3\t원주시\nT2\tBUDGET 9 15\t120억 원\nT3\tPROGRAM 3 4;6 8\t가 국비\n"
        "#1\tAnnotatorNotes T1\t{\"canonical\": \"원주시\"}\nA1\tNegated T2\nR1\tFUNDS Arg1:T2 Arg2:T1\n".encode("utf-8")]


def read_brat_with_its_text(path):
    path.with_suffix(".txt").write_text(BRAT_TEXT, encoding="utf-8", newline="")
    return prepare_file(path, SCHEMA, fmt="brat")


test_brat_random_bytes, test_brat_mutations = reader_fuzz_tests(read_brat_with_its_text, BRAT, ".ann", check=storable,
                                                                max_examples=EXAMPLES)

HF_LINES = [b'{"id": "u-0", "uid": "u", "tokens": ["\xec\x9b\x90\xec\xa3\xbc\xec\x8b\x9c", "\xea\xb0\x80"], '
            b'"ner_tags": ["B-AGENCY", "O"]}\n{"id": "u-1", "uid": "u", "tokens": ["x"], "ner_tags": ["O"]}\n']
test_hf_lines_random_bytes, test_hf_lines_mutations = reader_fuzz_tests(reader("hf"), HF_LINES, ".jsonl",
                                                                        check=storable, max_examples=EXAMPLES)


def parquet_sample() -> bytes:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"uid": ["u", "u"], "tokens": [["원주시", "가"], ["식약처"]], "ner_tags": [["B-AGENCY", "O"],
                                                                                            ["S-AGENCY"]]})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


test_parquet_random_bytes, test_parquet_mutations = reader_fuzz_tests(reader("hf"), [parquet_sample()], ".parquet",
                                                                      check=storable, max_examples=EXAMPLES)


def docbin_sample() -> bytes:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin, Span

    doc = spacy.blank("xx").make_doc("원주시 가 120억 원 을")
    doc.ents = [Span(doc, 0, 1, "AGENCY"), Span(doc, 2, 4, "BUDGET")]
    return DocBin(docs=[doc], store_user_data=True).to_bytes()


test_spacy_random_bytes, test_spacy_mutations = reader_fuzz_tests(reader("spacy"), [docbin_sample()], ".spacy",
                                                                  check=storable, max_examples=EXAMPLES)

# --format auto on a .json file tries Label Studio, NIKL and Hugging Face rows: each must fail cleanly.
NIKL = json.dumps({"id": "x", "document": [{"id": "d", "sentence": [{"id": "d.1", "form": "행정안전부가 발표했다", "NE": [
    {"id": 1, "form": "행정안전부", "label": "OGG_POLITICS", "begin": 0, "end": 5}]}]}]}, ensure_ascii=False).encode()
test_auto_json_random_bytes, test_auto_json_mutations = reader_fuzz_tests(
    reader("auto"), [NIKL, HF_LINES[0]], ".json", check=storable, max_examples=EXAMPLES)
