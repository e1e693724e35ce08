"""server.toml names the server and never holds a secret: addresses with a password in any of libpq's
spellings are refused when written and when read, and no message repeats the secret."""

from __future__ import annotations

import pytest

from annotator import Project
from annotator.cli.main import main
from annotator.core.errors import AnnotatorError
from annotator.core.project_files import SERVER_FILE

pytest.importorskip("psycopg")

SECRET = "hunter2"
WITH_SECRETS = [
    f"postgresql://kim:{SECRET}@db.example.org/policy_ner",
    f"postgresql://kim@db.example.org/policy_ner?password={SECRET}",
    f"postgresql://kim@db.example.org/policy_ner?sslpassword={SECRET}&sslmode=require",
    f"postgres://db.example.org/policy_ner?sslkey=/k.pem&sslpassword={SECRET}",
    f"host=db.example.org dbname=policy_ner password={SECRET}",
    f"host=db.example.org dbname=policy_ner sslpassword='{SECRET}'",
    f"host=db.example.org dbname=policy_ner password = {SECRET}",
]


@pytest.mark.parametrize("address", WITH_SECRETS)
def test_init_and_migrate_refuse_an_address_with_a_secret(tmp_path, address, capsys):
    assert main(["init", str(tmp_path / "p"), "--server", address]) == 2
    assert main(["init", str(tmp_path / "q")]) == 0
    assert main(["migrate", str(tmp_path / "q"), "--to", address]) == 2
    err = capsys.readouterr().err
    assert "password" in err and SECRET not in err
    assert not (tmp_path / "p").exists() and not (tmp_path / "q" / SERVER_FILE).exists()


@pytest.mark.parametrize("address", WITH_SECRETS[:1] + WITH_SECRETS[2:3] + WITH_SECRETS[5:6])
def test_a_server_toml_with_a_secret_is_refused_when_read(tmp_path, address, capsys):
    assert main(["init", str(tmp_path / "p")]) == 0
    escaped = address.replace("\\", "\\\\").replace('"', '\\"')
    (tmp_path / "p" / SERVER_FILE).write_text(f'server = "{escaped}"\n', encoding="utf-8")
    with pytest.raises(AnnotatorError, match=f"{SERVER_FILE}.*password") as refused:
        Project.open(tmp_path / "p")
    assert SECRET not in str(refused.value)
    assert main(["stats", str(tmp_path / "p")]) == 2
    assert SECRET not in capsys.readouterr().err


def test_an_address_libpq_cannot_read_is_not_repeated_in_the_message(tmp_path, capsys):
    assert main(["init", str(tmp_path / "p"), "--server", f"host=x password='{SECRET}"]) == 2
    err = capsys.readouterr().err
    assert "connection string" in err and SECRET not in err
