import pytest

from annotator.core.errors import ProjectError
from annotator.core.paths import default_schema_path
from annotator.core.schema import load_schema, parse_schema


def test_default_schema_has_the_four_labels():
    schema = load_schema(default_schema_path())
    assert schema.label_names == ("BUDGET", "AGENCY", "TECH", "PROGRAM")
    assert schema.label_for_key("2").name == "AGENCY"
    assert schema.overlap == "forbid"


def test_malformed_toml_names_the_line():
    with pytest.raises(ProjectError, match=r"project.toml:3: not valid TOML"):
        parse_schema('name = "x"\n\n[[labels]\nname = "A"\n', "project.toml")


def test_hotkey_clash_names_the_second_label_line():
    text = '[[labels]]\nname = "A"\nkey = "1"\n\n[[labels]]\nname = "B"\nkey = "1"\n'
    with pytest.raises(ProjectError, match=r"project.toml:5: labels A and B both use key 1"):
        parse_schema(text, "project.toml")


@pytest.mark.parametrize("body, message", [
    ('name = "A"\ncolor = "red"', "colour"),
    ('name = "bad name"', "label name"),
    ('name = "A"\nkey = "0"', "key must be"),
])
def test_bad_labels(body, message):
    with pytest.raises(ProjectError, match=message):
        parse_schema("[[labels]]\n" + body + "\n", "p.toml")


LABEL = '[[labels]]\nname = "A"\nkey = "1"\n'


@pytest.mark.parametrize("text, message", [
    ('spans = 5\n' + LABEL, r"p.toml:1: \[spans\] must be a table, not 5"),
    ('snapping = "yes"\n' + LABEL, r"p.toml:1: \[snapping\] must be a table, not 'yes'"),
    ('review = []\n' + LABEL, r"p.toml:1: \[review\] must be a table"),
    ('[snapping]\nenabled = "false"\n' + LABEL, r"p.toml:2: \[snapping\] enabled must be true or false, not 'false'"),
    ('[snapping]\nenabled = 0\n' + LABEL, r"p.toml:2: \[snapping\] enabled must be true or false, not 0"),
    ('[review]\n\nmin_agree = true\n' + LABEL, r"p.toml:3: \[review\] min_agree must be a whole number ≥ 0, not True"),
    ('[review]\nmin_agree = 2.5\n' + LABEL, r"p.toml:2: \[review\] min_agree must be a whole number"),
    ('[spans]\noverlap = 1\n' + LABEL, r"p.toml:2: \[spans\] overlap must be one of forbid, nested, allow, not 1"),
    ('name = 5\n' + LABEL, r"p.toml:1: name must be text, not 5"),
    ('labels = 5\n', r"p.toml:1: labels must be \[\[labels\]\] tables"),
    (LABEL + 'korean = 5\n', r"p.toml:4: label A: korean must be text, not 5"),
    (LABEL + 'color = 123456\n', r"p.toml:4: label A: color must be text"),
    (LABEL + 'recognisers = "amount"\n', r"p.toml:4: label A: recognisers must be a list"),
    (LABEL + 'recognisers = ["amount", 5]\n', r"p.toml:4: label A: recognisers must be names"),
    ('[[labels]]\nname = 5\n', r"p.toml:2: label name must be text, not 5"),
    ('[[labels]]\nname = "A"\nkey = true\n', r"p.toml:3: label A: key must be one of 1-9, not True"),
    ('spans.overlap = 3\n' + LABEL, r"p.toml:1: \[spans\] overlap must be one of"),
])
def test_values_of_the_wrong_type_are_refused_with_file_and_line(text, message):
    with pytest.raises(ProjectError, match=message):
        parse_schema(text, "p.toml")


def test_keys_as_numbers_still_work():
    schema = parse_schema('[[labels]]\nname = "A"\nkey = 1\n', "p.toml")
    assert schema.label("A").key == "1"
