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
