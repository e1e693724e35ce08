"""``annotator import``/``export`` with the new formats, ``--label-map`` and ``--scheme``."""

from __future__ import annotations

import json

from ..conftest import write
from .test_cli import run

KLUE = ("## s1\t<원주시:OG>가 <3월:DT>에\n원\tB-OG\n주\tI-OG\n시\tI-OG\n가\tO\n \tO\n3\tB-DT\n월\tI-DT\n에\tO\n\n"
        "## s2\t<과기정통부:OG>\n과\tB-OG\n기\tI-OG\n정\tI-OG\n통\tI-OG\n부\tI-OG\n")


def test_klue_folder_with_a_label_map_then_export_with_a_scheme_and_a_map(tmp_path):
    write(tmp_path / "corpus" / "klue-ner-v1.1_dev.tsv", KLUE)
    write(tmp_path / "corpus" / "notes.md", "# not an input")
    write(tmp_path / "klue.toml", 'import_unmapped = "drop"\n[import]\nOG = "AGENCY"\n')
    assert run("init", tmp_path / "p").returncode == 0
    result = run("import", tmp_path / "p", tmp_path / "corpus", "--format", "klue", "--annotator", "kim",
                 "--label-map", tmp_path / "klue.toml")
    assert result.returncode == 0, result.stderr
    assert "Imported 2 new documents (0 already present), 2 spans from 1 of 1 files" in result.stdout
    result = run("export", tmp_path / "p", "--source", "kim", "--format", "conllu", "--scheme", "bilou",
                 "--label-map", tmp_path / "klue.toml", "--out", tmp_path / "out.conllu")
    assert result.returncode == 0, result.stderr
    misc = [line.split("\t")[9] for line in (tmp_path / "out.conllu").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert [m.split("|")[0] for m in misc if not m.startswith("NE=O")] == ["NE=U-OG", "NE=U-OG"]
    result = run("export", tmp_path / "p", "--source", "kim", "--format", "labelstudio", "--out", tmp_path / "t.json")
    assert result.returncode == 0 and '<Label value="AGENCY"/>' in result.stdout
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))[0]["annotations"][0]["result"]


def test_bad_label_map_and_scheme_are_usage_errors(tmp_path):
    assert run("init", tmp_path / "p").returncode == 0
    write(tmp_path / "bad.toml", "[import]\nOG = AGENCY\n")
    write(tmp_path / "in.tsv", KLUE)
    result = run("import", tmp_path / "p", tmp_path / "in.tsv", "--format", "klue", "--label-map", tmp_path / "bad.toml")
    assert result.returncode == 2 and f"{tmp_path / 'bad.toml'}:2: not valid TOML" in result.stderr
    result = run("import", tmp_path / "p", tmp_path / "in.tsv", "--format", "klue")
    assert result.returncode == 1 and "unknown label 'OG'" in result.stderr and "--label-map FILE" in result.stderr
    result = run("export", tmp_path / "p", "--format", "jsonl", "--scheme", "iobes", "--out", tmp_path / "x.jsonl")
    assert result.returncode == 2 and "--scheme applies to the tagged formats" in result.stderr


def test_map_labels_before_the_path_takes_one_mapping_each(tmp_path):
    assert run("init", tmp_path / "p").returncode == 0
    write(tmp_path / "in.jsonl", '{"text": "원주시가 3월에 예산을 받았다.", "spans": [[0, 3, "OG"], [5, 7, "DT"]]}\n')
    result = run("import", tmp_path / "p", "--map-labels", "OG=AGENCY", "--map-labels", "DT=BUDGET",
                 tmp_path / "in.jsonl", "--annotator", "kim")
    assert result.returncode == 0, result.stderr
    assert "2 spans from 1 of 1 files" in result.stdout
    write(tmp_path / "in2.jsonl", '{"text": "과기정통부가 발표했다.", "spans": [[0, 5, "OG"]]}\n')
    result = run("import", tmp_path / "p", "--map-labels", "OG=AGENCY,DT=BUDGET", tmp_path / "in2.jsonl")
    assert result.returncode == 0 and "1 spans" in result.stdout, result.stderr
    # The old many-words form: the second mapping would be taken for a path; say so instead.
    result = run("import", tmp_path / "p", "--map-labels", "OG=AGENCY", "DT=BUDGET", tmp_path / "in.jsonl")
    assert result.returncode == 2 and "DT=BUDGET is not a file or folder; give each mapping its own --map-labels" \
        in result.stderr


def test_no_option_of_any_command_takes_a_variable_number_of_values():
    """An option with nargs '*' or '+' swallows the positional arguments that follow it."""
    import argparse

    from annotator.cli.main import build_parser

    def options(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from ((f"{name} {flag}", nargs) for flag, nargs in options(sub))
            elif action.option_strings:
                yield action.option_strings[-1], action.nargs

    found = list(options(build_parser()))
    assert len(found) > 50 and [(flag, nargs) for flag, nargs in found if nargs in ("*", "+")] == []


def test_a_zero_width_named_entity_is_skipped_and_counted_not_refusing_the_xmi(tmp_path):
    from ..core.test_interchange_readers import inception_cas

    text = "😀 원주시가 국비 120억 원을 확보했다."
    cas, type_system = inception_cas(text, [(2, 5, "AGENCY"), (9, 9, "BUDGET"), (12, 12, "AGENCY")])
    cas.to_xmi(tmp_path / "doc.xmi")
    type_system.to_xml(tmp_path / "TypeSystem.xml")
    assert run("init", tmp_path / "p").returncode == 0
    result = run("import", tmp_path / "p", tmp_path / "doc.xmi", "--annotator", "kim")
    assert result.returncode == 0, result.stderr
    assert "1 spans from 1 of 1 files" in result.stdout and "Spans by layer: kim 1\n" in result.stdout
    assert f"{tmp_path / 'doc.xmi'}: left out 2 zero-width NamedEntity annotations (they cover no text)" \
        in result.stdout


def test_import_names_the_layers_it_filled_and_counts_what_a_label_map_left_out(tmp_path):
    write(tmp_path / "corpus.tsv", KLUE)
    write(tmp_path / "klue.toml", 'import_unmapped = "drop"\n[import]\nOG = "AGENCY"\n')
    assert run("init", tmp_path / "p").returncode == 0
    result = run("import", tmp_path / "p", tmp_path / "corpus.tsv", "--format", "klue", "--label-map",
                 tmp_path / "klue.toml")
    assert result.returncode == 0, result.stderr
    assert "Spans by layer: imported 2 (--annotator NAME puts them into one layer)" in result.stdout
    assert f"{tmp_path / 'corpus.tsv'}: left out 1 DT spans the label map drops" in result.stdout


def test_label_studio_predictions_come_in_as_a_layer_the_summary_names(tmp_path):
    assert run("init", tmp_path / "p").returncode == 0
    write(tmp_path / "t.jsonl", '{"text": "원주시가 국비 120억 원을 받았다.", "spans": [[0, 3, "AGENCY"], [8, 14, "BUDGET"]]}\n')
    assert run("import", tmp_path / "p", tmp_path / "t.jsonl", "--annotator", "kim").returncode == 0
    result = run("export", tmp_path / "p", "--source", "kim", "--format", "labelstudio-predictions",
                 "--out", tmp_path / "pre.json")
    assert result.returncode == 0, result.stderr
    assert run("init", tmp_path / "q").returncode == 0
    result = run("import", tmp_path / "q", tmp_path / "pre.json")
    assert result.returncode == 0, result.stderr
    assert "2 spans from 1 of 1 files" in result.stdout  # not 0 with no word about the predictions
    assert "Spans by layer: annotator:kim 2 (--annotator NAME puts them into one layer)" in result.stdout


def test_an_export_says_what_its_format_does_not_keep_and_the_import_reads_the_rest_back(tmp_path):
    assert run("init", tmp_path / "p").returncode == 0
    write(tmp_path / "t.jsonl", '{"text": "원주시가 국비 120억 원을 받았다.\\n식약처도 왔다.", '
                                '"spans": [[0, 3, "AGENCY"], [8, 14, "BUDGET"], [20, 23, "AGENCY"]]}\n')
    assert run("import", tmp_path / "p", tmp_path / "t.jsonl", "--annotator", "kim").returncode == 0
    result = run("export", tmp_path / "p", "--source", "kim", "--format", "conll2003",
                 "--out", tmp_path / "out" / "kim.conll")
    assert result.returncode == 0, result.stderr
    assert ("conll2003 does not keep spacing (tokens come back joined by spaces), overlapping spans, attributes, "
            "notes, metadata; `annotator import` reads the rest back") in result.stdout
    assert run("init", tmp_path / "q").returncode == 0
    result = run("import", tmp_path / "q", tmp_path / "out")  # a folder, --format auto
    assert result.returncode == 0 and "3 spans from 1 of 1 files" in result.stdout, result.stdout + result.stderr
    result = run("export", tmp_path / "p", "--source", "kim", "--format", "jsonl", "--out", tmp_path / "kim.jsonl")
    assert result.returncode == 0 and "does not keep" not in result.stdout
