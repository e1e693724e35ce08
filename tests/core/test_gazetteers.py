"""The bundled gazetteer files and the TSV format."""

import pytest

from annotator import InputError
from annotator.core.paths import bundled_gazetteers_dir
from annotator.core.suggest.gazetteer import Gazetteer, read_gazetteer

from ..conftest import write


@pytest.fixture(scope="module")
def bundled():
    return Gazetteer.load(sorted(bundled_gazetteers_dir().glob("*.tsv")))


def _canonicals(gazetteer, label):
    return {e.canonical for e in gazetteer.entries.values() if e.label == label}


def test_bundled_files_are_large_enough(bundled):
    assert len(_canonicals(bundled, "AGENCY")) >= 150
    assert len(_canonicals(bundled, "TECH")) >= 200


@pytest.mark.parametrize("surface, canonical", [
    ("과기정통부", "과학기술정보통신부"), ("과기부", "과학기술정보통신부"), ("식약처", "식품의약품안전처"),
    ("복지부", "보건복지부"), ("서울시", "서울특별시"), ("강원도", "강원특별자치도"), ("DGIST", "대구경북과학기술원"),
    ("KAIST", "한국과학기술원"), ("ETRI", "한국전자통신연구원"), ("서울대", "서울대학교"),
])
def test_short_names(bundled, surface, canonical):
    entry = bundled.entries[surface]
    assert (entry.canonical, entry.label) == (canonical, "AGENCY")


def test_all_seventeen_regional_governments(bundled):
    regions = {"서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시", "울산광역시",
               "세종특별자치시", "경기도", "강원특별자치도", "충청북도", "충청남도", "전북특별자치도", "전라남도",
               "경상북도", "경상남도", "제주특별자치도"}
    assert regions <= _canonicals(bundled, "AGENCY")


def test_tech_variants(bundled):
    for surface, canonical in [("AI", "인공지능"), ("IoT", "사물인터넷"), ("디지털트윈", "디지털트윈"),
                               ("디지털치료제", "디지털 치료기기"), ("MRI", "자기공명영상")]:
        assert (bundled.entries[surface].canonical, bundled.entries[surface].label) == (canonical, "TECH")


def test_later_files_override_and_remove(tmp_path):
    first = write(tmp_path / "a.tsv", "# comment\n\n인공지능\tTECH\tAI|A.I.\n원주시\tAGENCY\n")
    second = write(tmp_path / "b.tsv", "AI\t-\n원주시\tPLACE\n")
    gazetteer = Gazetteer.load([first, second])
    assert "AI" not in gazetteer.entries and gazetteer.entries["A.I."].canonical == "인공지능"
    assert gazetteer.entries["원주시"].label == "PLACE"


@pytest.mark.parametrize("content, line, reason", [
    ("좋은\tAGENCY\n나쁜\n", 2, "expected name<TAB>LABEL"),
    ("이름\t라벨 이름\n", 1, "is not a label name"),
])
def test_bad_lines_name_file_and_line(tmp_path, content, line, reason):
    path = write(tmp_path / "bad.tsv", content)
    with pytest.raises(InputError, match=f"{path}:{line}: .*{reason}"):
        list(read_gazetteer(path))


def test_not_utf8_is_refused(tmp_path):
    path = write(tmp_path / "cp949.tsv", "식약처\tAGENCY\n", "cp949")
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_gazetteer(path))
