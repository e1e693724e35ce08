"""server.toml names the server and never holds a secret: addresses with a password in any of libpq's
spellings are refused when written and when read, and no message repeats the secret."""

from __future__ import annotations

import pytest

from annotator import Project
from annotator.cli.main import main
from annotator.core.store.postgres import login as server_login
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


class Terminal:
    """Standard input as a person at a terminal has it."""

    def isatty(self) -> bool:
        return True


def test_the_password_comes_from_pgpassword_pgpass_or_a_prompt(postgres_server, tmp_path, monkeypatch, capsys):
    password = "s3cret-pw"
    postgres_server.require_password("pwkim", password)
    url = postgres_server.url(postgres_server.create_database(owner="pwkim"), "pwkim")
    folder = tmp_path / "p"
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))

    monkeypatch.setenv("PGPASSWORD", password)
    assert main(["init", str(folder), "--server", url]) == 0
    assert password not in (folder / SERVER_FILE).read_text(encoding="utf-8")

    monkeypatch.delenv("PGPASSWORD")
    assert main(["stats", str(folder)]) == 2  # nobody to ask: said so
    err = capsys.readouterr().err
    assert "password" in err and "PGPASSWORD" in err and "internal error" not in err

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:pwkim:{password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert main(["stats", str(folder)]) == 0

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    asked = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or password)
    assert main(["stats", str(folder)]) == 0
    assert len(asked) == 1 and "pwkim@" in asked[0] and password not in asked[0]
    assert password not in (folder / SERVER_FILE).read_text(encoding="utf-8")
    server_login.forget(url)  # as a new process would
    monkeypatch.setattr("getpass.getpass", lambda prompt: "wrong")
    assert main(["stats", str(folder)]) == 2
    assert "password" in capsys.readouterr().err
