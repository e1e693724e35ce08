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
